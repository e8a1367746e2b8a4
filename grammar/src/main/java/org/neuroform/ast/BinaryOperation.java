package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}, {@code a ^ b}. */
public record BinaryOperation(BinaryOperator operator, Expression left, Expression right, Span operatorSpan, Span span)
        implements Expression {
    public BinaryOperation {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(operatorSpan, "operatorSpan");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitBinary(this);
    }
}
