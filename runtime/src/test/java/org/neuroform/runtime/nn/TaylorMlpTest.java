package org.neuroform.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Taylor-mode network against finite differences: input derivatives of every order, the
 * weight gradient of {@code backward}, and the per-point Jacobian.
 */
class TaylorMlpTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(List.of(8), 1, NetworkShape.Activation.TANH),
                Arguments.of(List.of(6, 5), 2, NetworkShape.Activation.TANH),
                Arguments.of(List.of(7), 1, NetworkShape.Activation.SIGMOID),
                Arguments.of(List.of(5, 4), 1, NetworkShape.Activation.SIN),
                Arguments.of(List.of(4, 3, 5), 3, NetworkShape.Activation.TANH));
    }

    private static double[] forward(TaylorMlp net, double[] theta, double[] x, int order) {
        double[] out = new double[(order + 1) * x.length * net.outputs()];
        net.forward(theta, 0, x, x.length, order, out);
        return out;
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void inputDerivativesMatchFiniteDifferences(List<Integer> hidden, int outputs, NetworkShape.Activation activation) {
        TaylorMlp net = new TaylorMlp(NetworkShape.of(hidden, outputs, activation, -0.5, 2.0));
        double[] theta = new double[net.parameterCount()];
        net.initialize(theta, 0, new SplittableRandom(11));
        SplittableRandom random = new SplittableRandom(3);
        for (int j = 0; j < theta.length; j++) {
            theta[j] += 0.3 * random.nextGaussian(); // nonzero biases too
        }
        int order = 4;
        double[] x = {-0.5, 0.1, 0.77, 1.3, 2.0};
        double[] taylor = forward(net, theta, x, order);
        double h = 1e-4;
        for (int p = 0; p < x.length; p++) {
            double[] plus = forward(net, theta, new double[] {x[p] + h}, order);
            double[] minus = forward(net, theta, new double[] {x[p] - h}, order);
            for (int k = 1; k <= order; k++) {
                for (int o = 0; o < outputs; o++) {
                    double derivative = taylor[(k * x.length + p) * outputs + o] * factorial(k);
                    // d/dx of the (k-1)-th derivative, by central differences
                    double fd = (plus[(k - 1) * outputs + o] - minus[(k - 1) * outputs + o]) * factorial(k - 1) / (2 * h);
                    assertEquals(fd, derivative, 1e-6 * Math.max(1, Math.abs(fd)),
                            "order " + k + ", output " + o + ", x = " + x[p]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void gradientMatchesFiniteDifferences(List<Integer> hidden, int outputs, NetworkShape.Activation activation) {
        TaylorMlp net = new TaylorMlp(NetworkShape.of(hidden, outputs, activation, 0, 3));
        double[] theta = new double[net.parameterCount() + 5];
        int offset = 5; // a slice inside a larger vector, as in a NetworkBank
        net.initialize(theta, offset, new SplittableRandom(5));
        int order = 3;
        double[] x = {0, 0.4, 1.1, 2.5, 3};
        SplittableRandom random = new SplittableRandom(9);
        double[] adjoint = new double[(order + 1) * x.length * outputs];
        for (int i = 0; i < adjoint.length; i++) {
            adjoint[i] = random.nextGaussian();
        }
        double[] out = new double[adjoint.length];
        net.forward(theta, offset, x, x.length, order, out);
        double[] gradient = new double[theta.length];
        gradient[0] = 42; // outside the slice: must stay untouched
        net.backward(theta, offset, adjoint, gradient);
        assertEquals(42, gradient[0]);
        double h = 1e-6;
        for (int j = offset; j < theta.length; j++) {
            double saved = theta[j];
            theta[j] = saved + h;
            net.forward(theta, offset, x, x.length, order, out);
            double up = dot(adjoint, out);
            theta[j] = saved - h;
            net.forward(theta, offset, x, x.length, order, out);
            double down = dot(adjoint, out);
            theta[j] = saved;
            double fd = (up - down) / (2 * h);
            assertEquals(fd, gradient[j], 1e-6 * Math.max(1, Math.abs(fd)), "parameter " + (j - offset));
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void jacobianMatchesFiniteDifferences(List<Integer> hidden, int outputs, NetworkShape.Activation activation) {
        TaylorMlp net = new TaylorMlp(NetworkShape.of(hidden, outputs, activation, 1, 2));
        int count = net.parameterCount();
        double[] theta = new double[count];
        net.initialize(theta, 0, new SplittableRandom(17));
        int order = 2;
        double[] x = {1, 1.25, 1.9};
        int rows = (order + 1) * x.length * outputs;
        double[] out = new double[rows];
        net.forward(theta, 0, x, x.length, order, out);
        double[] jacobian = new double[rows * count];
        net.jacobian(theta, 0, jacobian);
        double[] up = new double[rows];
        double[] down = new double[rows];
        double h = 1e-6;
        double worst = 0;
        for (int j = 0; j < count; j++) {
            double saved = theta[j];
            theta[j] = saved + h;
            net.forward(theta, 0, x, x.length, order, up);
            theta[j] = saved - h;
            net.forward(theta, 0, x, x.length, order, down);
            theta[j] = saved;
            for (int r = 0; r < rows; r++) {
                double fd = (up[r] - down[r]) / (2 * h);
                worst = Math.max(worst, Math.abs(fd - jacobian[r * count + j]) / Math.max(1, Math.abs(fd)));
            }
        }
        assertTrue(worst < 1e-6, "worst relative Jacobian error " + worst);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void jacobianRowsSumToTheGradient(List<Integer> hidden, int outputs, NetworkShape.Activation activation) {
        TaylorMlp net = new TaylorMlp(NetworkShape.of(hidden, outputs, activation, -1, 1));
        int count = net.parameterCount();
        double[] theta = new double[count];
        net.initialize(theta, 0, new SplittableRandom(23));
        int order = 3;
        double[] x = {-1, -0.2, 0.3, 0.9};
        int rows = (order + 1) * x.length * outputs;
        double[] out = new double[rows];
        net.forward(theta, 0, x, x.length, order, out);
        double[] jacobian = new double[rows * count];
        net.jacobian(theta, 0, jacobian);
        double[] adjoint = new double[rows];
        SplittableRandom random = new SplittableRandom(1);
        for (int r = 0; r < rows; r++) {
            adjoint[r] = random.nextDouble() - 0.5;
        }
        double[] gradient = new double[count];
        net.backward(theta, 0, adjoint, gradient);
        for (int j = 0; j < count; j++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += adjoint[r] * jacobian[r * count + j];
            }
            assertEquals(gradient[j], sum, 1e-12 * Math.max(1, Math.abs(sum)));
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /**
     * A pass that repeats the hidden layers' inputs (the least-squares core's frozen features at
     * fixed points) reuses them and recomputes only the output layer: the same numbers as a fresh
     * network's, bit for bit, whether the output weights, the hidden weights or the points changed.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void repeatedHiddenLayersGiveTheSameValuesAsAFreshNetwork(List<Integer> hidden, int outputs, NetworkShape.Activation activation) {
        NetworkShape shape = NetworkShape.of(hidden, outputs, activation, 0, 1);
        TaylorMlp reused = new TaylorMlp(shape);
        double[] theta = new double[reused.parameterCount()];
        reused.initialize(theta, 0, new SplittableRandom(5));
        double[] x = {0.1, 0.4, 0.9};
        int order = 2;
        forward(reused, theta, x, order);
        int outputStart = shape.weightOffsets()[shape.weightOffsets().length - 1];
        SplittableRandom random = new SplittableRandom(9);
        for (int change = 0; change < 3; change++) {
            double[] next = theta.clone();
            int from = change == 1 ? 0 : outputStart; // 1: a hidden weight changes too
            for (int j = from; j < next.length; j++) {
                next[j] += 0.2 * random.nextGaussian();
            }
            double[] points = change == 2 ? new double[] {0.1, 0.5, 0.9} : x;
            double[] expected = forward(new TaylorMlp(shape), next, points, order);
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(forward(reused, next, points, order)));
        }
    }

    /** The output layer's columns without a reverse pass: the same numbers as the whole Jacobian's. */
    @ParameterizedTest
    @MethodSource("shapes")
    void theOutputLayerJacobianIsTheWholeJacobiansLastColumns(List<Integer> hidden, int outputs, NetworkShape.Activation activation) {
        NetworkShape shape = NetworkShape.of(hidden, outputs, activation, -1, 2);
        TaylorMlp net = new TaylorMlp(shape);
        double[] theta = new double[net.parameterCount()];
        net.initialize(theta, 0, new SplittableRandom(17));
        SplittableRandom random = new SplittableRandom(4);
        for (int j = 0; j < theta.length; j++) {
            theta[j] += 0.3 * random.nextGaussian();
        }
        double[] x = {-1, 0.2, 1.1, 2};
        int order = 3;
        forward(net, theta, x, order);
        int rows = (order + 1) * x.length * outputs;
        double[] whole = new double[rows * net.parameterCount()];
        double[] output = new double[rows * net.parameterCount()];
        net.jacobian(theta, 0, whole);
        net.outputLayerJacobian(theta, 0, output);
        int first = shape.weightOffsets()[shape.weightOffsets().length - 1];
        for (int r = 0; r < rows; r++) {
            for (int c = first; c < net.parameterCount(); c++) {
                assertEquals(whole[r * net.parameterCount() + c], output[r * net.parameterCount() + c], 1e-15, "row " + r + ", column " + c);
            }
        }
    }

    /**
     * A network that took over a spent one's work arrays (grown for more points and a higher order,
     * full of that pass's numbers) gives a fresh network's bits, for values, gradient and Jacobian; the
     * spent one, if used again, grows its own again.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void aReusedWorkspaceGivesAFreshNetworksBits(List<Integer> hidden, int outputs, NetworkShape.Activation activation) {
        NetworkShape shape = NetworkShape.of(hidden, outputs, activation, -1, 2);
        TaylorMlp spent = new TaylorMlp(shape);
        double[] theta = initialized(spent, 7);
        double[] many = new double[40];
        for (int p = 0; p < many.length; p++) {
            many[p] = -1 + 3.0 * p / many.length;
        }
        forward(spent, theta, many, 4);
        spent.backward(theta, 0, new double[5 * many.length * outputs], new double[theta.length]);
        double[] shifted = theta.clone();
        for (int j = 0; j < shifted.length; j++) {
            shifted[j] += 0.01 * j;
        }
        double[] x = {-0.9, 0.2, 1.7};
        int order = 2;
        TaylorMlp fresh = new TaylorMlp(shape);
        TaylorMlp reused = new TaylorMlp(shape);
        reused.reuseWorkspaceOf(spent);
        org.junit.jupiter.api.Assertions.assertArrayEquals(forward(fresh, shifted, x, order), forward(reused, shifted, x, order), 0.0);
        double[] adjoint = new double[(order + 1) * x.length * outputs];
        java.util.Arrays.fill(adjoint, 0.5);
        double[] freshGradient = new double[theta.length];
        double[] reusedGradient = new double[theta.length];
        fresh.backward(shifted, 0, adjoint, freshGradient);
        reused.backward(shifted, 0, adjoint, reusedGradient);
        org.junit.jupiter.api.Assertions.assertArrayEquals(freshGradient, reusedGradient, 0.0);
        double[] freshJacobian = new double[adjoint.length * theta.length];
        double[] reusedJacobian = new double[adjoint.length * theta.length];
        fresh.jacobian(shifted, 0, freshJacobian);
        reused.jacobian(shifted, 0, reusedJacobian);
        org.junit.jupiter.api.Assertions.assertArrayEquals(freshJacobian, reusedJacobian, 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(forward(fresh, theta, many, 1), forward(spent, theta, many, 1), 0.0);
        // Another activation's workspace (another count of auxiliary terms) is not taken.
        NetworkShape.Activation otherActivation = activation == NetworkShape.Activation.SIN ? NetworkShape.Activation.TANH
                : NetworkShape.Activation.SIN;
        TaylorMlp other = new TaylorMlp(NetworkShape.of(hidden, outputs, otherActivation, -1, 2));
        forward(other, theta, many, 4);
        TaylorMlp unmixed = new TaylorMlp(shape);
        unmixed.reuseWorkspaceOf(other);
        org.junit.jupiter.api.Assertions.assertArrayEquals(forward(new TaylorMlp(shape), shifted, many, 4), forward(unmixed, shifted, many, 4), 0.0);
    }

    /** Initialised parameters for {@code net} alone (offset 0). */
    private static double[] initialized(TaylorMlp net, long seed) {
        double[] theta = new double[net.parameterCount()];
        net.initialize(theta, 0, new SplittableRandom(seed));
        return theta;
    }
}
