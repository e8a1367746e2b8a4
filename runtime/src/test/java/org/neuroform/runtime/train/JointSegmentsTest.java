package org.neuroform.runtime.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroform.runtime.Problems;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * Boundary value problems one segment cannot solve, solved as many segments jointly (multiple
 * shooting, {@link JointSegments}): against closed forms, values and first derivatives at points off
 * every grid, three seeds each; and the problems without a unique solution, which must say so.
 */
class JointSegmentsTest {

    private static TrainedSolution train(String text, long seed) {
        return new LeastSquaresTrainer(Problems.compile(text + "train seed = " + seed + "\n"), TrainingMonitor.SILENT).train();
    }

    private static boolean joint(TrainedSolution solution) {
        return solution.segments().size() > 1 && solution.report().notes().stream().anyMatch(n -> n.contains("jointly"));
    }

    /**
     * y'' = heav(x − a) − heav(x − b), y(0) = y(1) = 0: the segment across a jump of the equations never reaches its
     * tolerance, and halving it went on until a segment had no length (an IllegalArgumentException out of the CLI, with
     * a stack trace, for 11 of 20 such pairs). The first mesh now has nodes at the jumps, and the answer is the closed
     * form (y'' is 1 on [a, b]: y = the box's double integral + c x), values and slopes.
     */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 2024})
    void aBoundaryValueProblemWithJumpsHasNodesAtThem(long seed) {
        double[][] boxes = {{0.3, 0.6}, {0.35, 0.9}, {0.1, 0.7}};
        double[] box = boxes[(int) (seed % 3)];
        double a = box[0];
        double b = box[1];
        TrainedSolution solution = train("domain x in [0, 1]\ny'' = heav(x - " + a + ") - heav(x - " + b + ")\ny(0) = 0\ny(1) = 0\n",
                seed);
        assertTrue(solution.report().converged(), solution.report().toString());
        DoubleUnaryOperator ramp = x -> x < a ? 0 : x < b ? (x - a) * (x - a) / 2 : (b - a) * (b - a) / 2 + (b - a) * (x - b);
        DoubleUnaryOperator slope = x -> x < a ? 0 : x < b ? x - a : b - a;
        double c = -ramp.applyAsDouble(1);
        double values = maxError(solution, 0, 0, x -> ramp.applyAsDouble(x) + c * x, 1);
        double slopes = maxError(solution, 0, 1, x -> slope.applyAsDouble(x) + c, 1);
        assertTrue(values < 1e-11 && slopes < 1e-10, "errors " + values + ", " + slopes);
    }

    /**
     * ε y'' + y' = 1, y(0) = y(1) = 0, ε = 1e−4: a layer of width 1e−4 at x = 0 (one segment's features
     * answered y ≡ 0, residual 1, marked unreliable). Measured: values 3e−15, y' 7e−13 relative to its 1e4.
     */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 2024})
    void aBoundaryLayerOfWidth1eMinus4MatchesItsClosedForm(long seed) {
        double eps = 1e-4;
        TrainedSolution solution = train("domain x in [0, 1]\n1e-4*y'' + y' = 1\ny(0) = 0\ny(1) = 0\n", seed);
        assertTrue(solution.report().converged(), solution.report().toString());
        assertTrue(joint(solution), solution.report().toString());
        double values = maxError(solution, 0, 0, x -> x - (1 - Math.exp(-x / eps)) / (1 - Math.exp(-1 / eps)), 1);
        double slopes = maxError(solution, 0, 1, x -> 1 - Math.exp(-x / eps) / eps / (1 - Math.exp(-1 / eps)), 1e4);
        assertTrue(values < 1e-11 && slopes < 1e-10, "errors " + values + ", " + slopes);
        // Inside the layer, where one segment of the domain's length has no point
        assertTrue(Math.abs(solution.value(0, 0, 2.3e-4) - (2.3e-4 - (1 - Math.exp(-2.3))) ) < 1e-11);
    }

    /**
     * y'' = 400 y, y(0) = y(10) = 1: modes growing and decaying like e^{±20x}, which neither one segment
     * nor single shooting follows (e^200); the solution e^{−20x} + e^{20(x−10)}. Measured ≤ 3.4e−12.
     */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 2024})
    void growingAndDecayingModesOverALongDomain(long seed) {
        TrainedSolution solution = train("domain x in [0, 10]\ny'' = 400*y\ny(0) = 1\ny(10) = 1\n", seed);
        assertTrue(solution.report().converged(), solution.report().toString());
        assertTrue(joint(solution));
        double values = maxError(solution, 0, 0, x -> Math.exp(-20 * x) + Math.exp(20 * (x - 10)), 1);
        double slopes = maxError(solution, 0, 1, x -> -20 * Math.exp(-20 * x) + 20 * Math.exp(20 * (x - 10)), 20);
        assertTrue(values < 1e-10 && slopes < 1e-10, "errors " + values + ", " + slopes);
    }

    /**
     * Conditions where segments do not start: a Robin condition at 0 and a value at the interior point
     * 37.3 of [0, 100] (16 periods of y'' + y = 0), so that a condition's value comes from inside a segment.
     */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 2024})
    void aRobinAndAnInteriorConditionOnALongOscillation(long seed) {
        TrainedSolution solution = train("domain x in [0, 100]\ny'' + y = 0\ny(0) + y'(0) = 1\ny(37.3) = 1\n", seed);
        assertTrue(solution.report().converged(), solution.report().toString());
        assertTrue(joint(solution));
        // y = A cos x + B sin x with A + B = 1 and A cos 37.3 + B sin 37.3 = 1
        double b = (1 - Math.cos(37.3)) / (Math.sin(37.3) - Math.cos(37.3));
        double a = 1 - b;
        double values = maxError(solution, 0, 0, x -> a * Math.cos(x) + b * Math.sin(x), 1);
        double slopes = maxError(solution, 0, 1, x -> -a * Math.sin(x) + b * Math.cos(x), 1);
        assertTrue(values < 1e-9 && slopes < 1e-9, "errors " + values + ", " + slopes);
        assertTrue(Math.abs(solution.value(0, 0, 37.3) - 1) < 1e-11);
    }

    /** Troesch's problem at λ = 10 (a layer near x = 1 where sinh(10y) reaches 1e4): y'(0) = 3.5833778e−4 (Cash's test set). */
    @Test
    void troeschAtLambda10() {
        TrainedSolution solution = train("domain x in [0, 1]\ny'' = 10*sinh(10*y)\ny(0) = 0\ny(1) = 1\n", 7);
        assertTrue(solution.report().converged(), solution.report().toString());
        assertTrue(Math.abs(solution.value(0, 1, 0) - 3.5833778463e-4) < 1e-12, "y'(0) = " + solution.value(0, 1, 0));
    }

    /**
     * A first-order system with a layer (1e−3 u' = v − u, v' = −u, u(0) = 1, v(1) = 0): conditions on
     * different unknowns at different ends, against a classical solution of the reduced form.
     */
    @Test
    void aSystemWithConditionsAtBothEnds() {
        TrainedSolution solution = train("domain x in [0, 1]\n1e-3*u' = v - u\nv' = -u\nu(0) = 1\nv(1) = 0\n", 7);
        assertTrue(solution.report().converged(), solution.report().toString());
        // Linear with constant coefficients: (u, v)' = M (u, v), M = [[-1000, 1000], [-1, 0]]; the conditions fix the
        // combination of its two exponential modes. λ² + 1000λ + 1000 = 0.
        double disc = Math.sqrt(1000.0 * 1000 - 4 * 1000);
        double l1 = (-1000 + disc) / 2; // slow, ≈ −1.001
        double l2 = (-1000 - disc) / 2; // fast, ≈ −999
        // u = c1 e^{l1 x} + c2 e^{l2 x}; v = u + 1e-3 u' = c1 (1 + l1/1000) e^{l1 x} + c2 (1 + l2/1000) e^{l2 x}
        double p1 = 1 + l1 / 1000;
        double p2 = 1 + l2 / 1000;
        // u(0) = c1 + c2 = 1; v(1) = c1 p1 e^{l1} + c2 p2 e^{l2} = 0
        double c2 = -p1 * Math.exp(l1) / (p2 * Math.exp(l2) - p1 * Math.exp(l1));
        double c1 = 1 - c2;
        DoubleUnaryOperator u = x -> c1 * Math.exp(l1 * x) + c2 * Math.exp(l2 * x);
        DoubleUnaryOperator v = x -> c1 * p1 * Math.exp(l1 * x) + c2 * p2 * Math.exp(l2 * x);
        assertTrue(maxError(solution, 0, 0, u, 1) < 1e-10, "u: " + maxError(solution, 0, 0, u, 1));
        assertTrue(maxError(solution, 1, 0, v, 1) < 1e-10, "v: " + maxError(solution, 1, 0, v, 1));
    }

    /**
     * y'' + 4y = sin x on [0, 20π] with y(0) = y(20π) = 0 has the solutions sin(x)/3 + C sin 2x for every
     * C: the joint solve picks one, and must not call it the solution.
     */
    @Test
    void aResonantProblemIsNotCalledSolved() {
        TrainedSolution solution = train("domain x in [0, 20*pi]\ny'' + 4*y = sin(x)\ny(0) = 0\ny(20*pi) = 0\n", 7);
        assertFalse(solution.report().converged(), solution.report().toString());
    }

    /** The same with y(20π) = 1 has no solution at all. */
    @Test
    void aProblemWithoutSolutionIsNotCalledSolved() {
        TrainedSolution solution = train("domain x in [0, 20*pi]\ny'' + 4*y = sin(x)\ny(0) = 0\ny(20*pi) = 1\n", 7);
        assertFalse(solution.report().converged(), solution.report().toString());
    }

    /**
     * The outer residual's norm: a NaN anywhere is NaN. A running worst kept with {@code !(x <= worst)} let the
     * next finite entry overwrite a NaN, and a Troesch solve "converged" (1.4e−16) on states of size 1e7 whose
     * segments had overflowed.
     */
    @Test
    void aNanAnywhereMakesTheOuterResidualNan() {
        assertTrue(Double.isNaN(JointSegments.norm(new double[] {1e-3, Double.NaN, 1e-16})));
        assertTrue(Double.isNaN(JointSegments.norm(new double[] {Double.NaN, 1e-16})));
        assertTrue(JointSegments.norm(new double[] {1e-3, -2e-3, 1e-16}) == 2e-3);
    }

    /** max |u^(k) − exact| / scale at 2001 points off the uniform grids; NaN anywhere gives NaN. */
    private static double maxError(TrainedSolution solution, int unknown, int order, DoubleUnaryOperator exact, double scale) {
        double lower = solution.problem().domain().lower();
        double length = solution.problem().domain().length();
        double[] x = new double[2001];
        for (int i = 0; i < x.length; i++) {
            x[i] = lower + length * Math.min(1, (i + 0.37 * (i % 2)) / (x.length - 1));
        }
        double[] values = solution.values(unknown, order, x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double error = Math.abs(values[i] - exact.applyAsDouble(x[i])) / scale;
            if (!(error <= worst)) {
                worst = error;
            }
        }
        return worst;
    }
}
