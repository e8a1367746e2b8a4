package org.neuroform.ast;

import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * {@code data "FILE.csv"}: observations to estimate params from. {@code keyword} is the word
 * before the path as written ('data' is not reserved, so the checker checks it).
 */
public record DataStatement(String keyword, Span keywordSpan, String path, Span pathSpan, Span span) implements Statement {
    public DataStatement {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(keywordSpan, "keywordSpan");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pathSpan, "pathSpan");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.visitData(this);
    }
}
