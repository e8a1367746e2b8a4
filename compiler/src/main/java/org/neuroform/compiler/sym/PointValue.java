package org.neuroform.compiler.sym;

/** The {@code order}-th derivative of unknown number {@code unknown} at a fixed point: {@code y'(0)}. */
public record PointValue(int unknown, int order, double point) implements Expr {
    public PointValue {
        if (unknown < 0 || order < 0 || !Double.isFinite(point)) {
            throw new IllegalArgumentException("unknown " + unknown + ", order " + order + ", point " + point);
        }
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitPointValue(this);
    }
}
