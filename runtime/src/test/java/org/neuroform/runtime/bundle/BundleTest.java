package org.neuroform.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Grid;

class BundleTest {
    static CompiledProblem compile(String text) {
        return Compiler.compile(new SourceFile("test.ode", text)).problem().orElseThrow();
    }

    @Test
    void decay() {
        CompiledProblem problem = compile("domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n");
        ParametricSolution bundle = new BundleTrainer(problem, TrainingMonitor.SILENT).train();
        double[] xs = Grid.uniform(0, 2, 1001);
        double worst = 0;
        for (double k : Grid.uniform(0.5, 2, 21)) {
            double[] y = bundle.values(0, 0, xs, new double[] {k});
            for (int i = 0; i < xs.length; i++) {
                worst = Math.max(worst, Math.abs(y[i] - Math.exp(-k * xs[i])));
            }
        }
        System.out.println("decay: " + bundle.report() + " max error " + worst);
        assertTrue(worst < 1e-6);
    }

    /**
     * The deviation reported under {@code d(E, k)} is measured against a derivative of references
     * accurate enough to show the answer's own error: an oscillator's y(30) by its frequency
     * (exact {@code −30 sin(30 w)}) is answered to about 1e−9, and one central difference with
     * h = 1e−4 of the range was itself 2e−4 off (it reported that as the answer's deviation).
     */
    @Test
    void theDeviationOfADerivativeByAParamIsTheAnswersOwn() {
        CompiledProblem problem = compile("domain t in [0, 30]\nparam w in [0.5, 3]\ny'' + w^2*y = 0\ny(0) = 1\ny'(0) = 0\n"
                + "d(y(30; w = 2.9), w)\n");
        ParametricSolution bundle = new BundleTrainer(problem, TrainingMonitor.SILENT).train();
        org.neuroform.compiler.Query query = problem.queries().get(0);
        double exact = -30 * Math.sin(30 * 2.9);
        double answer = bundle.evaluate(query);
        double deviation = new BundleVerifier(bundle).accuracy(query).deviation();
        assertEquals(exact, answer, 1e-6);
        assertTrue(deviation < 1e-6, "deviation " + deviation + ", true error " + Math.abs(answer - exact));
        assertTrue(Math.abs(deviation - Math.abs(answer - exact)) < 1e-7, "deviation " + deviation + ", true error " + Math.abs(answer - exact));
    }

    /** Nodes trained side by side are the nodes trained one after another: the same solution to the last bit, the same report. */
    @Test
    void theSolutionDoesNotDependOnHowManyNodesTrainAtOnce() {
        CompiledProblem problem = compile("domain t in [0, 3]\nparam w in [1, 1.5], v0 in [0.5, 1]\ny'' = -w^2*y\ny(0) = 0\ny'(0) = v0\n");
        ParametricSolution serial = new BundleTrainer(problem, TrainingMonitor.SILENT).threads(1).train();
        BundleTrainer sideBySide = new BundleTrainer(problem, TrainingMonitor.SILENT).threads(3);
        sideBySide.sideBySideSeconds = 0; // however fast the nodes
        ParametricSolution parallel = sideBySide.train();
        assertEquals(serial.nodes().size(), parallel.nodes().size());
        assertEquals(serial.report().interpolationError(), parallel.report().interpolationError());
        assertEquals(serial.report().training().iterations(), parallel.report().training().iterations());
        assertEquals(serial.report().training().notes(), parallel.report().training().notes());
        double[] xs = Grid.uniform(0, 3, 41);
        for (double[] p : new double[][] {{1.1, 0.6}, {1.37, 0.93}, {1.5, 0.5}}) {
            assertArrayEquals(serial.values(0, 0, xs, p), parallel.values(0, 0, xs, p), 0.0);
            assertEquals(serial.sensitivity(0, 1, 2.2, p, 0), parallel.sensitivity(0, 1, 2.2, p, 0), 0.0);
        }
    }

    /** A stop request keeps the last complete grid of nodes, whether nodes train one at a time or side by side. */
    @Test
    void aStopKeepsTheLastCompleteGrid() {
        CompiledProblem problem = compile("domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        new BundleTrainer(problem, new TrainingMonitor() {
            @Override
            public boolean stopRequested() {
                calls.incrementAndGet();
                return false;
            }
        }).threads(1).train();
        for (int threads : new int[] {1, 2}) {
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            TrainingMonitor stopLate = new TrainingMonitor() {
                @Override
                public boolean stopRequested() {
                    return asked.incrementAndGet() > calls.get() * 6 / 10; // after the first grids, before the last
                }
            };
            BundleTrainer trainer = new BundleTrainer(problem, stopLate).threads(threads);
            trainer.sideBySideSeconds = 0;
            ParametricSolution bundle = trainer.train();
            assertTrue(bundle.report().training().stopped(), "threads " + threads);
            assertTrue(bundle.report().nodes() < 17, "threads " + threads + ": " + bundle.report());
            assertEquals(Math.exp(-1.3), bundle.value(0, 0, 1, new double[] {1.3}), 1e-3, "the kept grid still interpolates");
        }
    }

    @Test
    void cachedCosinesGiveTheSameCoefficients() {
        double[] f = {1, 0.3, -2, 5.5, 0.25, 7, -1, 0.125, 3};
        assertArrayEquals(ChebyshevNodes.coefficients(f), ChebyshevNodes.coefficients(f, ChebyshevNodes.cosines(f.length)), 0.0);
    }

    /** The rows of the last two coefficients give what the full transform gives there (the tail estimate's O(n) form). */
    @Test
    void theLastTwoRowsAreTheLastTwoCoefficients() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int n : new int[] {3, 5, 9, 17, 130}) {
            double[] f = new double[n];
            for (int j = 0; j < n; j++) {
                f[j] = 2 * random.nextDouble() - 1;
            }
            double[] c = ChebyshevNodes.coefficients(f);
            double[][] rows = ChebyshevNodes.lastTwoRows(n);
            for (int r = 0; r < 2; r++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += rows[r][j] * f[j];
                }
                assertEquals(c[n - 2 + r], sum, 1e-14, "n = " + n + ", c_" + (n - 2 + r));
            }
        }
    }

    /**
     * The next node count doubles, unless the tail's rate between the last two counts foresees that
     * doubling misses the target by more than twice and tripling gets there with ten times to spare;
     * either way its nodes include the last count's. Numbers: measured estimates (BundleTrainer).
     */
    @Test
    void theNextCountTriplesOnlyWhereTheTailsRateSaysDoublingFallsShort() {
        double target = 1e-8; // a tenth of the default accuracy, 1e-7
        // Lotka–Volterra with a rate ±20 %: 1.0e−2 at 9 Hermite nodes (degree 17), 1.4e−4 at 17 (degree 33):
        // 2.8e−8 foreseen at 33, more than twice the target.
        assertEquals(49, BundleTrainer.nextCount(17, 2, 33, 1.42e-4, 17, 1.02e-2, target, 65));
        // The same rate one count earlier foresees neither 17 nor 25 nodes getting there: doubling.
        assertEquals(17, BundleTrainer.nextCount(9, 2, 17, 1.02e-2, 9, 0.143, target, 65));
        // A logistic rate: 8.5e−3 and 9.0e−5 at 3 and 5 nodes foresee 1.0e−8 at 9, within twice the target: doubling
        // (it found 8.9e−9); Van der Pol's 2.7e−2 and 8.3e−4 foresee 7.5e−7 at 9 and 7e−10 at 13: tripling.
        assertEquals(9, BundleTrainer.nextCount(5, 2, 9, 8.96e-5, 5, 8.45e-3, target, 65));
        assertEquals(13, BundleTrainer.nextCount(5, 2, 9, 8.28e-4, 5, 2.74e-2, target, 65));
        // decay: the tail falls fast, doubling is foreseen to be enough.
        assertEquals(9, BundleTrainer.nextCount(5, 2, 9, 4.75e-7, 5, 2.87e-3, target, 65));
        // No rate: the first count, a tail that did not fall, a tail of zero.
        assertEquals(9, BundleTrainer.nextCount(5, 2, 9, 1e-3, 0, Double.NaN, target, 65));
        assertEquals(33, BundleTrainer.nextCount(17, 1, 16, 1e-3, 8, 1e-4, target, 129));
        assertEquals(33, BundleTrainer.nextCount(17, 1, 16, 0, 8, 1e-4, target, 129));
        // Values alone (degree n − 1), a rate whose tripling has room to spare only with the tenth.
        double rate = Math.log(10) / 4; // a tenth every 4 degrees
        double at17 = 1e-3;
        double foreseen33 = at17 * Math.exp(-rate * 16);
        double foreseen49 = at17 * Math.exp(-rate * 32);
        // doubling foreseen within twice the target (1.7×): doubling, although tripling would have room to spare
        assertEquals(33, BundleTrainer.nextCount(17, 1, 16, at17, 8, at17 * Math.exp(rate * 8), 0.6 * foreseen33, 129));
        assertEquals(49, BundleTrainer.nextCount(17, 1, 16, at17, 8, at17 * Math.exp(rate * 8), 10.5 * foreseen49, 129));
        assertEquals(33, BundleTrainer.nextCount(17, 1, 16, at17, 8, at17 * Math.exp(rate * 8), 9.5 * foreseen49, 129));
        // Never a tripling past the last count tried: two params stop at 33 per param (not 49² = 2401 solves).
        assertEquals(33, BundleTrainer.nextCount(17, 1, 16, at17, 8, at17 * Math.exp(rate * 8), 10.5 * foreseen49, 33));
        for (int count : new int[] {3, 5, 9, 17, 33}) {
            int next = BundleTrainer.nextCount(count, 2, 2 * count - 1, 1e-5, count, 1, target, 65);
            assertEquals(0, (next - 1) % (count - 1), count + " -> " + next + ": the nodes nest");
        }
    }

    /** Stopped before the first grid is complete: an error that says so (the caller keeps what it had), not an internal one. */
    @Test
    void aStopBeforeTheFirstGridIsAnErrorThatSaysSo() {
        CompiledProblem problem = compile("domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n");
        TrainingMonitor stopAtOnce = new TrainingMonitor() {
            @Override
            public boolean stopRequested() {
                return true;
            }
        };
        BundleTrainer.BundleException e = org.junit.jupiter.api.Assertions.assertThrows(BundleTrainer.BundleException.class,
                () -> new BundleTrainer(problem, stopAtOnce).train());
        assertTrue(e.getMessage().contains("stopped before the first 3 node solutions were trained"), e.getMessage());
    }
}
