package org.neuroform.compiler.sym;

import java.util.Objects;

/** {@code left op right}. */
public record Binary(Operator operator, Expr left, Expr right) implements Expr {
    public Binary {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitBinary(this);
    }
}
