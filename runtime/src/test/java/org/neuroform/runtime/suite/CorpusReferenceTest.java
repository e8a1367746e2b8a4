package org.neuroform.runtime.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neuroform.runtime.Problems;
import org.neuroform.runtime.reference.ClassicalReference;

/**
 * The corpus's references, checked without training anything: every file is listed and states
 * the problem its reference solves; exact derivatives agree with finite differences of the
 * values; and exact solutions agree with the same problem integrated from a hand-written
 * right-hand side (two independent routes to the same answer).
 */
class CorpusReferenceTest {

    @Test
    void everyFileIsListedAndEveryProblemHasItsFile() throws IOException {
        Path folder = Problems.examples().resolve("corpus");
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ode")).map(n -> n.substring(0, n.length() - 4))
                    .sorted().toList();
        }
        assertEquals(files, Corpus.names().stream().sorted().toList());
        assertTrue(Corpus.PROBLEMS.size() >= 40, "the corpus has " + Corpus.PROBLEMS.size() + " problems");
    }

    @TestFactory
    Stream<DynamicTest> eachFileNamesItsSourceAndReferenceAndMatchesIt() {
        return Stream.concat(Corpus.PROBLEMS.stream(), Corpus.LARGE.stream()).map(problem -> DynamicTest.dynamicTest(problem.name(), () -> {
            Path file = Problems.examples().resolve(problem.file());
            if (!Files.exists(file)) {
                file = Problems.examples().resolve("corpus-large/" + problem.name() + ".ode");
            }
            String text = Files.readString(file);
            assertTrue(text.startsWith("# " + problem.name() + ": "), problem.name() + ": the first line names the problem");
            assertTrue(text.contains("\n# Source: ") && text.contains("\n# Reference: "), problem.name() + ": source and reference");
            assertTrue(!text.contains("\ntrain "), problem.name() + ": the corpus measures the defaults");
            if (Corpus.PROBLEMS.contains(problem)) {
                CorpusRunner.checkMatches(problem, Problems.load(file));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> referencesAreFiniteAndDerivativesMatchFiniteDifferences() {
        return Corpus.PROBLEMS.stream().map(problem -> DynamicTest.dynamicTest(problem.name(), () -> {
            CorpusReference reference = problem.reference();
            double a = problem.lower();
            double b = problem.upper();
            double h = 1e-5 * (b - a);
            for (int u = 0; u < problem.unknowns().size(); u++) {
                for (int i = 0; i <= 200; i++) {
                    double x = a + (b - a) * i / 200;
                    double value = reference.value(u, 0, x);
                    double slope = reference.value(u, 1, x);
                    assertTrue(Double.isFinite(value) && Double.isFinite(slope), problem.name() + " at " + x);
                    if (i == 0 || i == 200) {
                        continue;
                    }
                    // fourth-order central difference of the values
                    double fd = (-reference.value(u, 0, x + 2 * h) + 8 * reference.value(u, 0, x + h) - 8 * reference.value(u, 0, x - h)
                            + reference.value(u, 0, x - 2 * h)) / (12 * h);
                    assertEquals(slope, fd, 1e-6 * Math.max(1, Math.abs(slope)),
                            problem.name() + ": " + problem.unknowns().get(u) + "' at " + x);
                }
            }
        }));
    }

    /**
     * The other direction: each initial value problem's file, integrated by the product's own
     * classical integrator from its compiled equations, agrees with the reference typed here. A
     * file and a reference that were translated differently from the literature would disagree.
     * (Only a cross-check of the translations: the reference never comes from the compiled IR.)
     */
    @TestFactory
    Stream<DynamicTest> filesAgreeWithTheirReferencesWhereTheProductCanIntegrateThem() {
        return Corpus.PROBLEMS.stream().map(problem -> DynamicTest.dynamicTest(problem.name(), () -> {
            var compiled = Problems.load(Problems.examples().resolve(problem.file()));
            java.util.Optional<ClassicalReference> classical;
            try {
                classical = ClassicalReference.of(compiled);
            } catch (ClassicalReference.ReferenceException singular) {
                return; // 2/x at x = 0, x*y'' at 0: the product's integrator cannot start there; the exact solution stands alone
            }
            if (classical.isEmpty()) {
                return; // boundary value problems, algebraic unknowns
            }
            CorpusReference reference = problem.reference();
            for (int u = 0; u < compiled.unknowns().size(); u++) {
                int r = problem.unknowns().indexOf(compiled.unknowns().get(u).name());
                for (int i = 0; i <= 200; i++) {
                    double x = problem.lower() + (problem.upper() - problem.lower()) * i / 200;
                    double expected = reference.value(r, 0, x);
                    assertEquals(expected, classical.get().value(u, 0, x), 1e-8 * Math.max(1, Math.abs(expected)),
                            problem.name() + ": " + problem.unknowns().get(r) + " at " + x);
                }
            }
        }));
    }

    /** Exact solutions against a hand-written right-hand side integrated at 1e-14. */
    @TestFactory
    Stream<DynamicTest> exactSolutionsAgreeWithIntegratedRightHandSides() {
        double m = 0.51;
        return Stream.of(
                cross("rigid-body", new double[] {0, 1, 1}, (t, y) -> new double[] {y[1] * y[2], -y[0] * y[2], -m * y[0] * y[1]}, 0, 1, 2),
                cross("kepler-e09", new double[] {0.1, 0, 0, Math.sqrt(1.9 / 0.1)}, KEPLER, 0, 2),
                cross("kepler-e03", new double[] {0.7, 0, 0, Math.sqrt(1.3 / 0.7)}, KEPLER, 0, 2),
                cross("linear3", new double[] {1, 0, 0}, (t, y) -> new double[] {-y[0] + y[1], y[0] - 2 * y[1] + y[2], y[1] - y[2]}, 0, 1, 2),
                cross("diffusion10", step(10), (t, y) -> chain(y), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                cross("stiff-linear2", new double[] {2, 3}, (t, y) -> new double[] {-2 * y[0] + y[1] + 2 * Math.sin(t),
                    998 * y[0] - 999 * y[1] + 999 * (Math.cos(t) - Math.sin(t))}, 0, 1),
                cross("bernoulli", new double[] {0.5}, (x, y) -> new double[] {Math.exp(x) * y[0] * y[0] - y[0]}, 0),
                cross("third-order", new double[] {1, 0, 0}, (x, y) -> new double[] {y[1], y[2], -y[2] - y[1] - y[0]}, 0));
    }

    /**
     * POLL's reference at t = 60 against the values the IVP test set publishes (Mazzia & Magherini, computed by
     * RADAU5 at 1e-15 from the original Fortran): a source independent of both the file and the right-hand side
     * typed here.
     */
    @Test
    void pollutionMatchesThePublishedSolution() {
        double[] published = {0.5646255480022769e-1, 0.1342484130422339, 0.4139734331099427e-8, 0.5523140207484359e-2,
            0.2018977262302196e-6, 0.1464541863493966e-6, 0.7784249118997964e-1, 0.3245075353396018, 0.7494013383880406e-2,
            0.1622293157301561e-7, 0.1135863833257075e-7, 0.2230505975721359e-2, 0.2087162882798630e-3, 0.1396921016840158e-4,
            0.8964884856898295e-2, 0.4352846369330103e-17, 0.6899219696263405e-2, 0.1007803037365946e-3, 0.1772146513969984e-5,
            0.5682943292316392e-4};
        CorpusReference reference = Corpus.named("pollution").orElseThrow().reference();
        for (int u = 0; u < published.length; u++) {
            assertEquals(published[u], reference.value(u, 0, 60), 1e-9 * Math.abs(published[u]), "y" + (u + 1) + "(60)");
        }
    }

    /** The two-body problem, state (q1, q1', q2, q2'). */
    private static final IntegratedReference.Rhs KEPLER = (t, y) -> {
        double r3 = Math.pow(y[0] * y[0] + y[2] * y[2], 1.5);
        return new double[] {y[1], -y[0] / r3, y[3], -y[2] / r3};
    };

    private static double[] step(int n) {
        double[] u = new double[n];
        for (int i = 1; i <= n; i++) {
            u[i - 1] = Corpus.step(i, n);
        }
        return u;
    }

    private static double[] chain(double[] u) {
        int n = u.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = (i > 0 ? u[i - 1] : 0) - 2 * u[i] + (i < n - 1 ? u[i + 1] : 0);
        }
        return d;
    }

    private static DynamicTest cross(String name, double[] initial, IntegratedReference.Rhs rhs, int... index) {
        return DynamicTest.dynamicTest(name, () -> {
            CorpusProblem problem = Corpus.named(name).orElseThrow();
            CorpusReference exact = problem.reference();
            IntegratedReference integrated =
                    new IntegratedReference("cross-check", rhs, problem.lower(), problem.upper(), problem.lower(), initial, index);
            for (int u = 0; u < index.length; u++) {
                for (int i = 0; i <= 1000; i++) {
                    double x = problem.lower() + (problem.upper() - problem.lower()) * i / 1000;
                    for (int order = 0; order <= 1; order++) {
                        double expected = integrated.value(u, order, x);
                        assertEquals(expected, exact.value(u, order, x), 1e-9 * Math.max(1, Math.abs(expected)),
                                name + ": " + problem.unknowns().get(u) + (order == 1 ? "'" : "") + " at " + x);
                    }
                }
            }
        });
    }
}
