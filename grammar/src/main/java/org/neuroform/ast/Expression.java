package org.neuroform.ast;

/** An expression as written: names are not resolved yet (that is the compiler's work). */
public sealed interface Expression extends Node
        permits NumberLiteral, NameReference, Application, UnaryOperation, BinaryOperation {

    <R> R accept(ExpressionVisitor<R> visitor);
}
