package org.neuroform.compiler.trial;

import java.util.List;
import java.util.Objects;

/**
 * A condition {@code sum of terms = value}: {@code y(0) = 1}, {@code y(1) + 2*y'(1) = 3},
 * {@code u(0) - v(0) = 0}. Its {@code label} is the condition as the user wrote it.
 */
public record LinearCondition(List<ConditionTerm> terms, double value, String label) {
    public LinearCondition {
        terms = List.copyOf(terms);
        if (terms.isEmpty() || !Double.isFinite(value)) {
            throw new IllegalArgumentException("bad linear condition " + label);
        }
        Objects.requireNonNull(label, "label");
    }

    /** True for {@code u^(order)(point) = value} with a single term. */
    public boolean isPure() {
        return terms.size() == 1;
    }

    /** The unknowns this condition mentions. */
    public boolean mentionsOnly(int unknown) {
        return terms.stream().allMatch(t -> t.unknown() == unknown);
    }
}
