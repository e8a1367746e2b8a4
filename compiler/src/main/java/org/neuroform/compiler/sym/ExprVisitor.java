package org.neuroform.compiler.sym;

public interface ExprVisitor<R> {
    R visitConstant(Constant constant);

    R visitVariable(Variable variable);

    R visitDerivative(Derivative derivative);

    R visitPointValue(PointValue pointValue);

    R visitApply(Apply apply);

    R visitBinary(Binary binary);
}
