package org.neuroform.compiler.sym;

import java.util.function.ToDoubleFunction;

/** Evaluates an expression at one point; leaves that are not constants get their values from {@code leaves}. */
public final class Evaluator {
    private Evaluator() {}

    public static double evaluate(Expr e, ToDoubleFunction<Expr> leaves) {
        if (e instanceof Constant) {
            return ((Constant) e).value();
        }
        if (e instanceof Apply) {
            Apply apply = (Apply) e;
            return apply.function().apply(evaluate(apply.argument(), leaves));
        }
        if (e instanceof Binary) {
            Binary binary = (Binary) e;
            return binary.operator().apply(evaluate(binary.left(), leaves), evaluate(binary.right(), leaves));
        }
        return leaves.applyAsDouble(e);
    }
}
