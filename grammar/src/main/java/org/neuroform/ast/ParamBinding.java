package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * One binding of a {@code param} statement: {@code name = value}, or {@code name = ?} (estimated
 * from data) with optional bounds {@code name = ? in [lower, upper]}.
 *
 * @param value the value; null when the param is estimated
 * @param lower the lower bound of an estimated param, or null
 * @param upper the upper bound of an estimated param, or null (both bounds or neither)
 */
public record ParamBinding(String name, Span nameSpan, Expression value, Expression lower, Expression upper, Span span)
        implements Node {
    public ParamBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSpan, "nameSpan");
        Objects.requireNonNull(span, "span");
        if ((lower == null) != (upper == null) || (value != null && lower != null)) {
            throw new IllegalArgumentException("bounds belong to an estimated param, both or neither");
        }
    }

    /** {@code name = value}. */
    public ParamBinding(String name, Span nameSpan, Expression value, Span span) {
        this(name, nameSpan, Objects.requireNonNull(value, "value"), null, null, span);
    }

    /** True for {@code name = ?}: the value is estimated from data. */
    public boolean estimated() {
        return value == null;
    }

    public boolean bounded() {
        return lower != null;
    }
}
