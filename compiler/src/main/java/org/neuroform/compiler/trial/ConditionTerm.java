package org.neuroform.compiler.trial;

/** {@code coefficient * u^(order)(point)}, one term of a linear condition. */
public record ConditionTerm(int unknown, int order, double point, double coefficient) {
    public ConditionTerm {
        if (unknown < 0 || order < 0 || !Double.isFinite(point) || !Double.isFinite(coefficient)) {
            throw new IllegalArgumentException("bad condition term");
        }
    }
}
