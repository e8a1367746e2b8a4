package org.neuroform.runtime.verify;

/**
 * {@code max_i |computed_i − expected_i|} and where it occurs. A difference that is not a number
 * poisons the result: the value is NaN, at the first such point, and no later finite difference
 * replaces it (a solution that is NaN somewhere has no finite error).
 *
 * @param value the largest deviation, or NaN
 * @param index the point where it occurs (the first NaN, or the first point of the largest)
 */
public record LargestDeviation(double value, int index) {
    public static LargestDeviation of(double[] computed, double[] expected) {
        return of(computed, expected, false);
    }

    /**
     * {@code max_i |computed_i − expected_i| / max(1, |expected_i|)}: absolute where the expected values are
     * at most 1 in size, relative where they are larger — the measure training's accuracy and the corpus use
     * (a solution of size 1e12 right to 12 digits deviates by about 1 absolutely).
     */
    public static LargestDeviation scaled(double[] computed, double[] expected) {
        return of(computed, expected, true);
    }

    private static LargestDeviation of(double[] computed, double[] expected, boolean scaled) {
        if (computed.length != expected.length || computed.length == 0) {
            throw new IllegalArgumentException(computed.length + " values against " + expected.length);
        }
        double max = 0;
        int at = 0;
        for (int i = 0; i < computed.length; i++) {
            double deviation = Math.abs(computed[i] - expected[i]) / (scaled ? Math.max(1, Math.abs(expected[i])) : 1);
            if (Double.isNaN(deviation)) {
                return new LargestDeviation(Double.NaN, i);
            }
            if (deviation > max) {
                max = deviation;
                at = i;
            }
        }
        return new LargestDeviation(max, at);
    }

    /** The larger of two metrics, NaN when either is NaN ({@link Math#max} does just that). */
    public static double worse(double a, double b) {
        return Math.max(a, b);
    }
}
