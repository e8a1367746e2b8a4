package org.neuroform.ast;

import java.util.List;
import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** {@code param a = 1, b = 2*a}. */
public record ParamStatement(List<ParamBinding> bindings, Span span) implements Statement {
    public ParamStatement {
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.visitParam(this);
    }
}
