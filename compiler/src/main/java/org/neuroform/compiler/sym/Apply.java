package org.neuroform.compiler.sym;

import java.util.Objects;

/** A function of one argument: negation or a built-in. */
public record Apply(Function function, Expr argument) implements Expr {
    public Apply {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(argument, "argument");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitApply(this);
    }
}
