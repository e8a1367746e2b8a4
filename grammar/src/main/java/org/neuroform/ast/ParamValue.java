package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** A ranged param's value in a query, after the semicolon: the {@code k = 0.3} of {@code y(1.5; k = 0.3)}. */
public record ParamValue(String name, Span nameSpan, Expression value, Span span) {
    public ParamValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSpan, "nameSpan");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }
}
