package org.neuroform.ast;

import java.util.List;
import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * A name applied to arguments: a built-in call {@code sin(x)} or an unknown (or one of its
 * derivatives) evaluated at a point {@code y'(0)}. Which one is decided by the compiler.
 * {@code values} are the ranged params' values after a semicolon: {@code y(1.5; k = 0.3)}.
 */
public record Application(String name, int primes, List<Expression> arguments, List<ParamValue> values, Span nameSpan, Span span)
        implements Expression {
    public Application(String name, int primes, List<Expression> arguments, Span nameSpan, Span span) {
        this(name, primes, arguments, List.of(), nameSpan, span);
    }

    public Application {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        values = List.copyOf(values);
        Objects.requireNonNull(nameSpan, "nameSpan");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitApplication(this);
    }
}
