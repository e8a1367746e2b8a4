package org.neuroform.runtime.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroform.runtime.nd4j.Twins.assertAgree;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.nn.NetworkShape.Activation;
import org.neuroform.runtime.nn.TaylorMlp;

/** The ND4J network against {@link TaylorMlp}, its plain-Java twin: forward, backward, Jacobian. */
class Nd4jTaylorNetworkTest {
    private static final double LOWER = -1;
    private static final double UPPER = 2;

    /** Shapes [8] and [16, 16], 1 and 3 outputs, each activation, random point counts in 1..70. */
    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(20240607);
        List<Arguments> cases = new ArrayList<>();
        for (List<Integer> hidden : List.of(List.of(8), List.of(16, 16))) {
            for (int outputs : new int[] {1, 3}) {
                for (Activation activation : Activation.values()) {
                    int points = cases.size() % 4 == 0 ? 1 : 1 + random.nextInt(70);
                    cases.add(Arguments.of(hidden, outputs, activation, points, random.nextLong()));
                }
            }
        }
        cases.add(Arguments.of(List.of(16, 16), 3, Activation.TANH, 70, 7L));
        return cases.stream();
    }

    /** Parameters with random biases too (initialisation leaves them at zero). */
    private static double[] parameters(TaylorMlp network, int offset, SplittableRandom random) {
        double[] parameters = new double[offset + network.parameterCount() + 5];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = random.nextDouble(-0.5, 0.5);
        }
        network.initialize(parameters, offset, random.split());
        for (int i = offset; i < offset + network.parameterCount(); i++) {
            parameters[i] += random.nextDouble(-0.2, 0.2);
        }
        return parameters;
    }

    private static double[] points(int count, SplittableRandom random) {
        double[] x = new double[count];
        for (int p = 0; p < count; p++) {
            x[p] = random.nextDouble(LOWER, UPPER);
        }
        return x;
    }

    @ParameterizedTest(name = "{0} → {1} {2}, {3} points")
    @MethodSource("cases")
    void forwardAgreesForOrdersZeroToThree(List<Integer> hidden, int outputs, Activation activation, int points, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NetworkShape shape = NetworkShape.of(hidden, outputs, activation, LOWER, UPPER);
        TaylorMlp java = new TaylorMlp(shape);
        Nd4jTaylorNetwork nd4j = new Nd4jTaylorNetwork(shape);
        assertEquals(java.parameterCount(), nd4j.parameterCount());
        int offset = 3;
        double[] parameters = parameters(java, offset, random);
        double[] x = points(points, random);
        // Orders up and down again: the workspace is rebuilt when (points, order) changes.
        for (int order : new int[] {0, 1, 2, 3, 1}) {
            int size = (order + 1) * points * outputs;
            double[] expected = new double[size];
            double[] actual = new double[size];
            java.forward(parameters, offset, x, points, order, expected);
            nd4j.forward(parameters, offset, x, points, order, actual);
            for (int k = 0; k <= order; k++) {
                assertAgree(expected, actual, k * points * outputs, (k + 1) * points * outputs, "order " + order + ", coefficient " + k);
            }
        }
    }

    @ParameterizedTest(name = "{0} → {1} {2}, {3} points")
    @MethodSource("cases")
    void backwardAgrees(List<Integer> hidden, int outputs, Activation activation, int points, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NetworkShape shape = NetworkShape.of(hidden, outputs, activation, LOWER, UPPER);
        TaylorMlp java = new TaylorMlp(shape);
        Nd4jTaylorNetwork nd4j = new Nd4jTaylorNetwork(shape);
        int offset = 2;
        double[] parameters = parameters(java, offset, random);
        double[] x = points(points, random);
        for (int order = 0; order <= 3; order++) {
            int size = (order + 1) * points * outputs;
            double[] adjoint = new double[size];
            for (int i = 0; i < size; i++) {
                adjoint[i] = random.nextDouble(-1, 1);
            }
            double[] output = new double[size];
            java.forward(parameters, offset, x, points, order, output);
            nd4j.forward(parameters, offset, x, points, order, output);
            // Accumulated into gradient[offset …]: start from the same non-zero content.
            double[] expected = new double[parameters.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = random.nextDouble(-1, 1);
            }
            double[] actual = expected.clone();
            double[] before = expected.clone();
            java.backward(parameters, offset, adjoint, expected);
            nd4j.backward(parameters, offset, adjoint, actual);
            for (int i = 0; i < expected.length; i++) {
                expected[i] -= before[i];
                actual[i] -= before[i];
            }
            assertAgree(expected, actual, 0, expected.length, "gradient, order " + order);
            for (int i = 0; i < offset; i++) {
                assertEquals(0, actual[i], "outside this network's slice");
            }
        }
    }

    @ParameterizedTest(name = "{0} → {1} {2}, {3} points")
    @MethodSource("cases")
    void jacobianAgrees(List<Integer> hidden, int outputs, Activation activation, int points, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NetworkShape shape = NetworkShape.of(hidden, outputs, activation, LOWER, UPPER);
        TaylorMlp java = new TaylorMlp(shape);
        Nd4jTaylorNetwork nd4j = new Nd4jTaylorNetwork(shape);
        int offset = 1;
        double[] parameters = parameters(java, offset, random);
        double[] x = points(points, random);
        int count = java.parameterCount();
        for (int order = 0; order <= 3; order++) {
            int rows = (order + 1) * points * outputs;
            double[] output = new double[rows];
            java.forward(parameters, offset, x, points, order, output);
            nd4j.forward(parameters, offset, x, points, order, output);
            double[] expected = new double[rows * count];
            double[] actual = new double[rows * count];
            java.jacobian(parameters, offset, expected);
            nd4j.jacobian(parameters, offset, actual);
            for (int row = 0; row < rows; row++) {
                assertAgree(expected, actual, row * count, (row + 1) * count, "Jacobian row " + row + ", order " + order);
            }
        }
    }

    @Test
    void jacobianThenBackwardStillAgree() {
        // The Jacobian reuses the backward pass's arrays: a later backward must not see its leftovers.
        SplittableRandom random = new SplittableRandom(11);
        NetworkShape shape = NetworkShape.of(List.of(8, 8), 2, Activation.SIN, LOWER, UPPER);
        TaylorMlp java = new TaylorMlp(shape);
        Nd4jTaylorNetwork nd4j = new Nd4jTaylorNetwork(shape);
        double[] parameters = parameters(java, 0, random);
        double[] x = points(9, random);
        int size = 3 * 9 * 2;
        double[] output = new double[size];
        java.forward(parameters, 0, x, 9, 2, output);
        nd4j.forward(parameters, 0, x, 9, 2, output);
        nd4j.jacobian(parameters, 0, new double[size * java.parameterCount()]);
        double[] adjoint = new double[size];
        for (int i = 0; i < size; i++) {
            adjoint[i] = random.nextDouble(-1, 1);
        }
        double[] expected = new double[java.parameterCount()];
        double[] actual = new double[java.parameterCount()];
        java.backward(parameters, 0, adjoint, expected);
        nd4j.backward(parameters, 0, adjoint, actual);
        assertAgree(expected, actual, 0, expected.length, "gradient after a Jacobian");
    }

    @Test
    void initializationDrawsWhatTheJavaTwinDraws() {
        NetworkShape shape = NetworkShape.of(List.of(16, 16), 3, Activation.TANH, 0, 1);
        double[] expected = new double[new TaylorMlp(shape).parameterCount()];
        double[] actual = expected.clone();
        new TaylorMlp(shape).initialize(expected, 0, new SplittableRandom(5));
        new Nd4jTaylorNetwork(shape).initialize(actual, 0, new SplittableRandom(5));
        assertTrue(java.util.Arrays.equals(expected, actual));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void supportsEveryActivation(Activation activation) {
        assertTrue(Nd4jTaylorNetwork.supports(activation));
    }

    @Test
    void backwardBeforeForwardIsABug() {
        Nd4jTaylorNetwork nd4j = new Nd4jTaylorNetwork(NetworkShape.of(List.of(4), 1, Activation.TANH, 0, 1));
        assertThrows(IllegalStateException.class, () -> nd4j.backward(new double[nd4j.parameterCount()], 0, new double[1], new double[nd4j.parameterCount()]));
    }
}
