package org.neuroform.compiler.sym;

/**
 * The compiler's symbolic expressions: names are resolved, params are numbers, and unknowns
 * are indices. Build them through {@link Sym}, which simplifies as it goes, so that the
 * trees the runtime evaluates are small.
 */
public sealed interface Expr permits Constant, Variable, Derivative, PointValue, Apply, Binary {

    <R> R accept(ExprVisitor<R> visitor);

    default boolean isConstant() {
        return this instanceof Constant;
    }

    default boolean isConstant(double value) {
        return this instanceof Constant && ((Constant) this).value() == value;
    }
}
