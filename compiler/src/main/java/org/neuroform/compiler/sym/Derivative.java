package org.neuroform.compiler.sym;

/** The {@code order}-th derivative of unknown number {@code unknown} at the independent variable. */
public record Derivative(int unknown, int order) implements Expr {
    public Derivative {
        if (unknown < 0 || order < 0) {
            throw new IllegalArgumentException("unknown " + unknown + ", order " + order);
        }
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitDerivative(this);
    }
}
