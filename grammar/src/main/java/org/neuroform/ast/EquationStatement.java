package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * {@code left = right}: a differential equation, or a condition when every unknown in it is
 * evaluated at a point. The compiler tells them apart.
 */
public record EquationStatement(Expression left, Expression right, Span equalsSpan, Span span) implements Statement {
    public EquationStatement {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(equalsSpan, "equalsSpan");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.visitEquation(this);
    }
}
