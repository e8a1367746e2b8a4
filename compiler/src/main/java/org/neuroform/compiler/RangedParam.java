package org.neuroform.compiler;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * A param given as a range, {@code param k in [lower, upper]}: the problem is solved for every
 * value of it at once (a parametric solution), and each query names the value it wants.
 */
public record RangedParam(String name, double lower, double upper, Span span) {
    public RangedParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
        if (!(lower < upper)) {
            throw new IllegalArgumentException("empty range [" + lower + ", " + upper + "]");
        }
    }

    public double middle() {
        return 0.5 * (lower + upper);
    }

    /** Whether v lies in the range, with a relative tolerance of 1e-12 of its width at the ends. */
    public boolean contains(double v) {
        double slack = 1e-12 * (upper - lower);
        return v >= lower - slack && v <= upper + slack;
    }

    /** v moved into the range when it lies within the tolerance of {@link #contains}. */
    public double clamp(double v) {
        return Math.max(lower, Math.min(upper, v));
    }
}
