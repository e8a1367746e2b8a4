package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** One {@code name = value} of a {@code param} statement. */
public record ParamBinding(String name, Span nameSpan, Expression value, Span span) implements Node {
    public ParamBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSpan, "nameSpan");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }
}
