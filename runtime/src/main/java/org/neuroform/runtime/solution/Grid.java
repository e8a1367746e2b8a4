package org.neuroform.runtime.solution;

/** Equally spaced points, ends included exactly (the last one is {@code upper}, not a rounding of it). */
public final class Grid {
    private Grid() {}

    public static double[] uniform(double lower, double upper, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points, not " + count);
        }
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = lower + (upper - lower) * i / (count - 1);
        }
        x[count - 1] = upper;
        return x;
    }
}
