package org.neuroform.compiler;

import java.util.Map;
import java.util.Objects;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.diagnostic.Span;

/**
 * An expression of point values to print after training; {@code text} is as the user wrote it.
 *
 * @param at the values of the ranged params the query is asked at ({@code y(1.5; k = 0.3)}), in
 *     the order the problem defines them; empty when the problem has none
 * @param respectTo the ranged param the query is differentiated by ({@code d(y(1.5; k = 0.3), k)}),
 *     or empty
 */
public record Query(String text, Expr expression, Span span, Map<String, Double> at, String respectTo) {
    public Query {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(span, "span");
        at = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(at));
        Objects.requireNonNull(respectTo, "respectTo");
    }

    public Query(String text, Expr expression, Span span) {
        this(text, expression, span, Map.of(), "");
    }

    /** Whether the query is a derivative by a ranged param. */
    public boolean isSensitivity() {
        return !respectTo.isEmpty();
    }
}
