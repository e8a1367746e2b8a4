package org.neuroform.compiler;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * A param estimated from data: {@code param k = ?} (lower and upper infinite) or
 * {@code param k = ? in [lower, upper]}. The compiled problem holds the value it was compiled at
 * in {@link CompiledProblem#params()}.
 */
public record EstimatedParam(String name, double lower, double upper, Span span) {
    public EstimatedParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
        if (!(lower < upper)) {
            throw new IllegalArgumentException("bounds [" + lower + ", " + upper + "]");
        }
    }

    public boolean bounded() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }

    /** Where estimation starts unless told otherwise: the middle of the bounds (geometric when they span decades), else 1. */
    public double defaultStart() {
        if (!bounded()) {
            return Double.isFinite(lower) ? Math.max(lower + 1, 2 * lower) : Double.isFinite(upper) ? Math.min(upper - 1, 0.5 * upper) : 1;
        }
        if (lower > 0 && upper / lower > 100) {
            return Math.sqrt(lower * upper);
        }
        return 0.5 * (lower + upper);
    }
}
