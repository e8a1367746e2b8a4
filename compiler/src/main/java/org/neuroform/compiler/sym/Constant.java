package org.neuroform.compiler.sym;

/** A number. */
public record Constant(double value) implements Expr {
    public static final Constant ZERO = new Constant(0);
    public static final Constant ONE = new Constant(1);

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitConstant(this);
    }
}
