package org.neuroform.runtime.nd4j;

import static org.junit.jupiter.api.Assertions.fail;

/** Comparisons of the ND4J network with its plain-Java twin: agreement to rounding, relative to a scale. */
final class Twins {
    /** Both twins do the same arithmetic in another order: differences are a few ulps of the largest term. */
    static final double TOLERANCE = 1e-12;

    private Twins() {}

    /**
     * Asserts {@code |actual[i] − expected[i]| ≤ TOLERANCE · max_j |expected[j]|} over
     * {@code [from, to)}: relative to the largest value of the range, so that entries that cancel
     * to near zero are held to the accuracy of the terms they came from.
     */
    static void assertAgree(double[] expected, double[] actual, int from, int to, String what) {
        double scale = 0;
        for (int i = from; i < to; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        for (int i = from; i < to; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            if (!(error <= TOLERANCE * scale)) {
                fail(what + ": index " + i + " expected " + expected[i] + " but was " + actual[i] + " (error " + error
                        + ", allowed " + TOLERANCE * scale + ")");
            }
        }
    }
}
