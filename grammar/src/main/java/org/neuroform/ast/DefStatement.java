package org.neuroform.ast;

import java.util.List;
import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * {@code def minf(v) = 0.5*(1 + tanh((v - v1)/v2))}: a function of its arguments, expanded where it
 * is called. {@code argumentSpans} are where each argument is written, in order.
 */
public record DefStatement(String name, Span nameSpan, List<String> arguments, List<Span> argumentSpans, Expression body, Span span)
        implements Statement {
    public DefStatement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSpan, "nameSpan");
        arguments = List.copyOf(arguments);
        argumentSpans = List.copyOf(argumentSpans);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(span, "span");
        if (arguments.size() != argumentSpans.size()) {
            throw new IllegalArgumentException("one span per argument");
        }
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.visitDef(this);
    }
}
