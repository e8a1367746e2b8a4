package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * One binding of a {@code param} statement: {@code name = value}; {@code name = ?} (estimated
 * from data) with optional bounds {@code name = ? in [lower, upper]}; or {@code name in [lower,
 * upper]} (ranged: the solution is wanted for every value of the range).
 *
 * @param value the value; null when the param is estimated or ranged
 * @param lower the lower bound of an estimated or ranged param, or null
 * @param upper the upper bound of an estimated or ranged param, or null (both bounds or neither)
 * @param ranged true for {@code name in [lower, upper]}
 */
public record ParamBinding(String name, Span nameSpan, Expression value, Expression lower, Expression upper, boolean ranged, Span span)
        implements Node {
    public ParamBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSpan, "nameSpan");
        Objects.requireNonNull(span, "span");
        if ((lower == null) != (upper == null) || (value != null && lower != null) || (ranged && (lower == null || value != null))) {
            throw new IllegalArgumentException("bounds belong to an estimated or ranged param, both or neither");
        }
    }

    /** {@code name = value}. */
    public ParamBinding(String name, Span nameSpan, Expression value, Span span) {
        this(name, nameSpan, Objects.requireNonNull(value, "value"), null, null, false, span);
    }

    /** True for {@code name = ?}: the value is estimated from data. */
    public boolean estimated() {
        return value == null && !ranged;
    }

    public boolean bounded() {
        return lower != null;
    }
}
