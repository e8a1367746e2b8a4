package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** A bare name with optional primes: {@code x}, {@code k}, {@code y}, {@code y''}. */
public record NameReference(String name, int primes, Span span) implements Expression {
    public NameReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
        if (primes < 0) {
            throw new IllegalArgumentException("primes < 0");
        }
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitName(this);
    }
}
