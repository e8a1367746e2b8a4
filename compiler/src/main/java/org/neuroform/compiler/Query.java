package org.neuroform.compiler;

import java.util.Objects;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.diagnostic.Span;

/** An expression of point values to print after training; {@code text} is as the user wrote it. */
public record Query(String text, Expr expression, Span span) {
    public Query {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(span, "span");
    }
}
