package org.neuroform.compiler.sym;

/** The independent variable (x, t, ...), whatever its name. */
public record Variable() implements Expr {
    public static final Variable INSTANCE = new Variable();

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitVariable(this);
    }
}
