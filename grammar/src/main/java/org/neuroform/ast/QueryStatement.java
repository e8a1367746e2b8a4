package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** An expression to evaluate after training; {@code text} is the query as written. */
public record QueryStatement(Expression expression, String text, Span span) implements Statement {
    public QueryStatement {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.visitQuery(this);
    }
}
