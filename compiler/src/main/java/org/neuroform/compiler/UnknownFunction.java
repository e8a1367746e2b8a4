package org.neuroform.compiler;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** An unknown of the problem: its name, its order (highest derivative in the equations) and where it first appears. */
public record UnknownFunction(String name, int order, Span span) {
    public UnknownFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
    }
}
