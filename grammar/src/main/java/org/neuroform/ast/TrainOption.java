package org.neuroform.ast;

import java.util.List;
import java.util.Objects;
import org.neuroform.diagnostic.Span;

/**
 * One {@code key = value} of a {@code train} statement. A scalar value is one expression; a
 * list value ({@code [32, 32]}) is several, with {@code list} set. Values are interpreted (and
 * checked) by the compiler: words such as {@code tanh} or {@code adam+lbfgs} arrive as
 * expressions over names.
 */
public record TrainOption(String key, Span keySpan, List<Expression> values, boolean list, Span valueSpan, Span span)
        implements Node {
    public TrainOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keySpan, "keySpan");
        values = List.copyOf(values);
        Objects.requireNonNull(valueSpan, "valueSpan");
        Objects.requireNonNull(span, "span");
    }
}
