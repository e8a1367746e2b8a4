package org.neuroform.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Query;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * Bundles of one ranged param interpolate values and slopes ∂u/∂k at the nodes (Hermite): the
 * formula is exact for polynomials of degree 2n − 1, the slopes are the exact solution's
 * derivatives to the solve's accuracy, and derivatives by k follow the chain rule.
 */
class HermiteBundleTest {
    private static final String DECAY = "domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n";

    /** A polynomial of degree 2n − 1 and its derivative, from its values and slopes at n nodes, to rounding. */
    @Test
    void hermiteWeightsReproduceAPolynomialOfDegreeTwoNMinusOne() {
        for (int n : new int[] {2, 3, 5, 9, 17}) {
            ChebyshevNodes nodes = new ChebyshevNodes(-0.5, 2, n);
            java.util.Random random = new java.util.Random(n);
            double[] c = new double[2 * n]; // p(t) = Σ c_i ((t − 0.75)/1.25)^i
            for (int i = 0; i < c.length; i++) {
                c[i] = random.nextGaussian();
            }
            double[] f = new double[2 * n];
            for (int j = 0; j < n; j++) {
                f[j] = polynomial(c, nodes.node(j), false);
                f[n + j] = polynomial(c, nodes.node(j), true);
            }
            for (double t : Grid.uniform(-0.5, 2, 41)) {
                double value = 0;
                double slope = 0;
                double[] w = nodes.hermiteWeights(t);
                double[] dw = nodes.hermiteDerivativeWeights(t);
                for (int i = 0; i < f.length; i++) {
                    value += w[i] * f[i];
                    slope += dw[i] * f[i];
                }
                double size = 1 + Math.abs(polynomial(c, t, false));
                assertEquals(polynomial(c, t, false), value, 1e-11 * size * n, "n = " + n + ", t = " + t);
                assertEquals(polynomial(c, t, true), slope, 1e-9 * size * n * n, "n = " + n + ", t = " + t + " (slope)");
            }
            // at a node: exactly its value and its slope
            assertEquals(f[1], dot(nodes.hermiteWeights(nodes.node(1)), f), 0.0);
            assertEquals(f[n + 1], dot(nodes.hermiteDerivativeWeights(nodes.node(1)), f), 0.0);
        }
    }

    /** p(t), or p'(t), by Horner's rule. */
    private static double polynomial(double[] c, double t, boolean derivative) {
        double s = (t - 0.75) / 1.25;
        double sum = 0;
        for (int i = c.length - 1; i >= (derivative ? 1 : 0); i--) {
            sum = sum * s + (derivative ? i * c[i] : c[i]);
        }
        return derivative ? sum / 1.25 : sum;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Decay: 9 nodes with slopes (17 without), each slope −x e^{−kx} to 1e−10, and ∂y/∂k between the nodes too. */
    @Test
    void theSlopesAreTheExactSolutionsDerivativesByTheParam() {
        ParametricSolution bundle = new BundleTrainer(BundleTest.compile(DECAY), TrainingMonitor.SILENT).train();
        assertTrue(bundle.isHermite());
        assertTrue(bundle.report().nodes() <= 9, bundle.report().toString());
        double[] xs = Grid.uniform(0, 2, 101);
        for (int i = 0; i < bundle.nodes().size(); i++) {
            double k = bundle.nodePoint(i)[0];
            TrainedSolution slope = bundle.slopes().get(i);
            for (double x : xs) {
                assertEquals(-x * Math.exp(-k * x), slope.value(0, 0, x), 1e-10, "k = " + k + ", x = " + x);
                assertEquals(-Math.exp(-k * x) + k * x * Math.exp(-k * x), slope.value(0, 1, x), 1e-9, "y' by k at k = " + k + ", x = " + x);
            }
        }
        for (double k : Grid.uniform(0.5, 2, 21)) {
            for (double x : xs) {
                assertEquals(-x * Math.exp(-k * x), bundle.sensitivity(0, 0, x, new double[] {k}, 0), 1e-9, "k = " + k + ", x = " + x);
            }
        }
    }

    /** d(E, k) of an expression not linear in the point values: the chain rule through the slopes. */
    @Test
    void aDerivativeOfANonlinearQueryIsTheChainRule() {
        CompiledProblem problem = BundleTest.compile(DECAY + "d(y(1.5; k = 0.8)^2 * y(0.5; k = 0.8), k)\n");
        ParametricSolution bundle = new BundleTrainer(problem, TrainingMonitor.SILENT).train();
        Query query = problem.queries().get(0);
        double k = 0.8;
        // E = e^{−1.5k·2} e^{−0.5k} = e^{−3.5k}
        assertEquals(-3.5 * Math.exp(-3.5 * k), bundle.evaluate(query), 1e-9);
    }

    /** The slopes are computed with their nodes, side by side or not: the same bundle to the last bit. */
    @Test
    void slopesDoNotDependOnHowManyNodesTrainAtOnce() {
        CompiledProblem problem = BundleTest.compile("domain x in [0, 3]\nparam a in [0.5, 1.5]\ny'' + a*y' + y = 0\ny(0) = 1\ny'(0) = 0\n");
        ParametricSolution serial = new BundleTrainer(problem, TrainingMonitor.SILENT).threads(1).train();
        BundleTrainer sideBySide = new BundleTrainer(problem, TrainingMonitor.SILENT).threads(2);
        sideBySide.sideBySideSeconds = 0;
        ParametricSolution parallel = sideBySide.train();
        assertTrue(serial.isHermite() && parallel.isHermite());
        assertEquals(serial.slopes().size(), parallel.slopes().size());
        for (double x : Grid.uniform(0, 3, 31)) {
            for (double a : new double[] {0.5, 0.77, 1.2}) {
                assertEquals(serial.value(0, 0, x, new double[] {a}), parallel.value(0, 0, x, new double[] {a}), 0.0);
                assertEquals(serial.sensitivity(0, 0, x, new double[] {a}, 0), parallel.sensitivity(0, 0, x, new double[] {a}, 0), 0.0);
            }
        }
    }
}
