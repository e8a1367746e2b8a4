package org.neuroform.ast;

import java.util.List;
import java.util.Objects;
import org.neuroform.diagnostic.Span;

/** {@code train epochs = 4000, hidden = [32, 32], optimizer = adam+lbfgs}. */
public record TrainStatement(List<TrainOption> options, Span span) implements Statement {
    public TrainStatement {
        options = List.copyOf(options);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.visitTrain(this);
    }
}
