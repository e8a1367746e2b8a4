package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * {@code let ica = gca*minf(v)*(v - 1)}: a named expression of the domain variable, the unknowns and
 * the params, expanded where it is used; {@code ica(5)} in a query is its value at 5.
 */
public record LetStatement(String name, Span nameSpan, Expression value, Span span) implements Statement {
    public LetStatement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSpan, "nameSpan");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.visitLet(this);
    }
}
