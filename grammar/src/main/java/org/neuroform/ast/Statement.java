package org.neuroform.ast;

/** One line of an .ode file (or one REPL input that is not a {@code :command}). */
public sealed interface Statement extends Node
        permits DomainStatement, ParamStatement, EquationStatement, TrainStatement, QueryStatement, DataStatement, DefStatement,
                LetStatement {

    <R> R accept(StatementVisitor<R> visitor);
}
