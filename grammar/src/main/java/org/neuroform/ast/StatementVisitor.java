package org.neuroform.ast;

public interface StatementVisitor<R> {
    R visitDomain(DomainStatement domain);

    R visitParam(ParamStatement param);

    R visitEquation(EquationStatement equation);

    R visitTrain(TrainStatement train);

    R visitQuery(QueryStatement query);

    R visitData(DataStatement data);
    R visitDef(DefStatement def);

    R visitLet(LetStatement let);
}
