package org.neuroform.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.bundle.BundleTrainer;
import org.neuroform.runtime.bundle.ParametricSolution;
import org.neuroform.runtime.optim.TrainingMonitor;

/**
 * Ranged params fitted to data over their bundle ({@link Fit#overBundle}): the search and the
 * profile checks interpolate the bundle, the polish solves. Exact solutions give the data, so
 * recovery is checked against the truth, and the answer's solution against the exact one.
 */
class BundleFitTest {

    private static ParametricSolution bundle(String text) {
        CompiledProblem problem = Compiler.compile(new SourceFile("bundle.ode", text)).problem().orElseThrow();
        return new BundleTrainer(problem, TrainingMonitor.SILENT).train();
    }

    private static Observations observations(double[] times, java.util.function.DoubleUnaryOperator exact, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[times.length];
        double[] sigmas = new double[times.length];
        List<String> where = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            values[i] = exact.applyAsDouble(times[i]) + (sigma > 0 ? sigma * gaussian(random) : 0);
            sigmas[i] = sigma > 0 ? sigma : Double.NaN;
            where.add("data.csv:" + (i + 2));
        }
        return new Observations(times, new int[times.length], values, sigmas, where);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Decay y' = −k y over k in [0.5, 2]: noise-free data of k = 1.3 give k to 1e−6, with no solve in the search. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aRangedRateIsRecoveredFromExactData(long seed) throws FitException {
        ParametricSolution bundle = bundle("domain t in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\ntrain seed = " + seed + "\n");
        double truth = 1.3;
        double[] times = SyntheticData.grid(0.1, 2);
        Observations data = observations(times, t -> Math.exp(-truth * t), 0, seed);
        FitResult fit = Fit.overBundle(bundle, data, new Fit.Settings(3, seed), TrainingMonitor.SILENT);
        assertEquals(truth, fit.parameters().get(0).value(), 1e-6 * truth);
        // Only the polish solves (a few evaluations); a search by solves takes tens.
        assertTrue(fit.evaluations() <= 10, fit.evaluations() + " solves");
        assertNotNull(fit.solution());
        for (double t : times) {
            assertEquals(Math.exp(-truth * t), fit.solution().value(0, 0, t), 1e-8, "y(" + t + ") at the estimate");
        }
        assertTrue(fit.notes().stream().anyMatch(n -> n.contains("interpolated the parametric solution")), fit.notes().toString());
    }

    /** Two ranged params (y'' = −w² y, y'(0) = v0) from noise-free data of y: both recovered, y = v0/w · sin(w t). */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void twoRangedParamsAreRecovered(long seed) throws FitException {
        ParametricSolution bundle = bundle("domain t in [0, 3]\nparam w in [1, 1.5], v0 in [0.5, 1]\ny'' = -w^2*y\ny(0) = 0\n"
                + "y'(0) = v0\ntrain seed = " + seed + "\n");
        double w = 1.23;
        double v0 = 0.71;
        Observations data = observations(SyntheticData.grid(0.1, 3), t -> v0 / w * Math.sin(w * t), 0, seed);
        FitResult fit = Fit.overBundle(bundle, data, new Fit.Settings(3, seed), TrainingMonitor.SILENT);
        assertEquals(w, fit.parameters().get(0).value(), 1e-6 * w);
        assertEquals(v0, fit.parameters().get(1).value(), 1e-6 * v0);
    }

    /**
     * Noisy data (σ = 0.01, 20 seeded sets): the truth lies in the reported 95 % interval about as
     * often as it should, the same statistics as a fit by solves.
     */
    @org.junit.jupiter.api.Test
    void intervalsOverTheBundleCoverTheTruth() throws FitException {
        ParametricSolution bundle = bundle("domain t in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n");
        double truth = 1.3;
        int inside = 0;
        int sets = 20;
        List<Double> estimates = new ArrayList<>();
        for (int set = 0; set < sets; set++) {
            Observations data = observations(SyntheticData.grid(0.1, 2), t -> Math.exp(-truth * t), 0.01, 100 + set);
            FitResult.ParamEstimate k = Fit.overBundle(bundle, data, new Fit.Settings(2, set), TrainingMonitor.SILENT).parameters().get(0);
            inside += k.low() <= truth && truth <= k.high() ? 1 : 0;
            estimates.add(k.value());
        }
        // 95 % of 20: 19; below 16 would happen with probability < 2e-3 for honest intervals.
        assertTrue(inside >= 16, inside + " of " + sets + " intervals hold the truth; estimates " + estimates);
        assertTrue(Collections.max(estimates) > truth && Collections.min(estimates) < truth, "estimates " + estimates);
    }

    /** The example examples/fit-bundle-damping.ode on its noise-free twin: c = 0.3 recovered to 1e−6. */
    @org.junit.jupiter.api.Test
    void theDampingExampleRecoversItsParamFromExactData() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("..", "examples", "fit-bundle-damping.ode");
        SourceFile source = new SourceFile(file.toString(), java.nio.file.Files.readString(file));
        CompiledProblem problem = Compiler.compile(source).problem().orElseThrow();
        DataFile.Read read = DataFile.read(java.nio.file.Path.of("src", "test", "resources", "fit", "bundle-damping-exact.csv"), source,
                org.neuroform.diagnostic.Span.NONE, problem);
        assertEquals("", read.render());
        ParametricSolution bundle = new BundleTrainer(problem, TrainingMonitor.SILENT).train();
        FitResult fit = Fit.overBundle(bundle, read.observations().orElseThrow(), new Fit.Settings(3, 7), TrainingMonitor.SILENT);
        assertEquals(0.3, fit.parameters().get(0).value(), 0.3e-6);
    }
}
