package org.neuroform.compiler;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** {@code data "FILE.csv"}: a file of observations, its path as written (relative to the problem's file). */
public record DataReference(String path, Span span) {
    public DataReference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(span, "span");
    }
}
