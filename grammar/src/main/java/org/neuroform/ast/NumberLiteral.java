package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** A number as written ({@code 2}, {@code 0.5}, {@code 1e-3}); {@code value} may be infinite for {@code 1e999}. */
public record NumberLiteral(double value, String text, Span span) implements Expression {
    public NumberLiteral {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitNumber(this);
    }
}
