package org.neuroform.ast;

/** A visitor over {@link Expression} (pattern-matching switch is not final in Java 17). */
public interface ExpressionVisitor<R> {
    R visitNumber(NumberLiteral number);

    R visitName(NameReference name);

    R visitApplication(Application application);

    R visitUnary(UnaryOperation unary);

    R visitBinary(BinaryOperation binary);
}
