package org.neuroform.compiler;

import java.util.List;
import java.util.Objects;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.diagnostic.Span;

/**
 * A condition the trial form cannot build in (nonlinear, such as {@code y(0)^2 = 1}, or
 * dependent on the others): it enters the loss as a squared residual and holds only
 * approximately.
 */
public record PenaltyCondition(Expr residual, List<PointValue> terms, List<Expr> partials, String text, Span span, String reason) {
    public PenaltyCondition {
        Objects.requireNonNull(residual, "residual");
        terms = List.copyOf(terms);
        partials = List.copyOf(partials);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(reason, "reason");
    }
}
