package org.neuroform.runtime.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Domain;
import org.neuroform.runtime.Problems;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.train.Trainer;

/**
 * The public suite (examples/NAME.ode, default settings) against references written by hand
 * ({@link SuiteReferences}: exact solutions; Lotka–Volterra and Van der Pol integrated from a
 * hand-written right-hand side, not the product's equations), for three seeds each:
 *
 * <ul>
 *   <li>the error is max |u − ref| / max(1, |ref|) over values <em>and</em> first derivatives, on
 *       1001 equally spaced points plus 1000 points between them at golden-ratio offsets (off any
 *       collocation grid);
 *   <li>each problem and seed has its own tolerance, about 10× its measured error, in
 *       src/test/resources/suite-tolerances.csv (rows NAME, NAME@seed1, NAME@seed2): a 100×
 *       regression fails;
 *   <li>training must report convergence.
 * </ul>
 *
 * The ND4J backend trains whole problems too (decay and lagaris4, rows NAME@nd4j), with the defaults.
 */
@Tag("slow")
class SuiteAccuracyTest {
    /** 7 is the default seed; the others must do about as well. */
    static final long[] SEEDS = {7, 1, 2};
    static final Map<String, Tolerances.Entry> TOLERANCES = Tolerances.read("suite-tolerances.csv");

    @TestFactory
    Stream<DynamicTest> everyProblemWithThreeSeedsWithinItsTolerance() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SuiteProblem problem : Suite.PROBLEMS) {
            for (long seed : SEEDS) {
                tests.add(DynamicTest.dynamicTest(problem.name() + " seed " + seed,
                        () -> check(problem.name(), problem.file(), seed == 7 ? "" : "train seed = " + seed,
                                seed == 7 ? problem.name() : problem.name() + "@seed" + seed)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> theNd4jBackendTrainsWholeProblems() {
        return Stream.of("decay", "lagaris4").map(name -> DynamicTest.dynamicTest(name + " on nd4j",
                () -> check(name, name + ".ode", "train backend = nd4j", name + "@nd4j")));
    }

    @Test
    void everySuiteProblemHasAHandWrittenReferenceAndATolerance() {
        for (SuiteProblem problem : Suite.PROBLEMS) {
            assertTrue(SuiteReferences.of(problem.name()).isPresent(), problem.name());
            for (long seed : SEEDS) {
                String row = seed == 7 ? problem.name() : problem.name() + "@seed" + seed;
                assertNotNull(TOLERANCES.get(row), row + " has no row in suite-tolerances.csv");
            }
        }
        assertEquals(SEEDS.length * Suite.PROBLEMS.size() + 2, TOLERANCES.size(),
                "suite-tolerances.csv: one row per problem and seed, plus decay and lagaris4 on nd4j");
    }

    private static void check(String name, String file, String trainLine, String row) throws IOException {
        Path path = Problems.examples().resolve(file);
        assertTrue(!Files.readString(path).contains("\ntrain "), file + " must use the default settings");
        CorpusProblem reference = SuiteReferences.of(name).orElseThrow();
        CompiledProblem compiled = SuiteRunner.compile(path, trainLine);
        CorpusRunner.checkMatches(reference, compiled);
        TrainedSolution solution = new Trainer(compiled, TrainingMonitor.SILENT).train();
        CorpusRunner.Deviation deviation =
                CorpusRunner.maxError(solution, reference, reference.reference(), points(compiled.domain()));
        double tolerance = TOLERANCES.get(row).tolerance();
        String what = String.format(Locale.ROOT, "%s [%s]: max error %.2e (values %.2e, y' %.2e; worst %s%s at %.4g) after %.2f s, tolerance %.1e",
                row, trainLine, deviation.maxError(), deviation.valueError(), deviation.derivativeError(), deviation.unknown(),
                deviation.order() == 1 ? "'" : "", deviation.at(), solution.report().seconds(), tolerance);
        System.out.println("measured " + what);
        assertTrue(solution.report().converged(), what + ": did not converge");
        assertTrue(deviation.maxError() <= tolerance, what);
    }

    /** 1001 equally spaced points, and 1000 more between them at golden-ratio fractions of the spacing. */
    static double[] points(Domain domain) {
        double[] uniform = Accuracy.grid(domain, Accuracy.POINTS);
        double spacing = (domain.upper() - domain.lower()) / (Accuracy.POINTS - 1);
        double golden = (Math.sqrt(5) - 1) / 2;
        double[] all = new double[2 * Accuracy.POINTS - 1];
        System.arraycopy(uniform, 0, all, 0, uniform.length);
        for (int i = 0; i < Accuracy.POINTS - 1; i++) {
            double fraction = (golden * (i + 1)) % 1; // never 0: golden*(i+1) is irrational
            all[uniform.length + i] = Math.min(domain.upper(), domain.lower() + (i + fraction) * spacing);
        }
        return all;
    }
}
