package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** {@code domain x in [a, b]}. */
public record DomainStatement(String variable, Span variableSpan, Expression lower, Expression upper, Span span)
        implements Statement {
    public DomainStatement {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(variableSpan, "variableSpan");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.visitDomain(this);
    }
}
