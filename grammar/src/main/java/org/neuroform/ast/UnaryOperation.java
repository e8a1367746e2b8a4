package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** {@code -e} or {@code +e}. */
public record UnaryOperation(UnaryOperator operator, Expression operand, Span span) implements Expression {
    public UnaryOperation {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitUnary(this);
    }
}
