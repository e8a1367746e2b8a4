package org.neuroform.compiler;

import java.util.Objects;

/** {@code domain variable in [lower, upper]} with the bounds evaluated. */
public record Domain(String variable, double lower, double upper) {
    public Domain {
        Objects.requireNonNull(variable, "variable");
    }

    public double length() {
        return upper - lower;
    }

    /** Inside, ends included, with a relative tolerance for rounding in the bounds. */
    public boolean contains(double x) {
        double slack = 1e-12 * Math.max(1, Math.max(Math.abs(lower), Math.abs(upper)));
        return x >= lower - slack && x <= upper + slack;
    }

    /** The point moved onto the interval when it lies within rounding of an end. */
    public double clamp(double x) {
        return Math.max(lower, Math.min(upper, x));
    }
}
