package org.neuroform.compiler;

import java.util.List;
import java.util.Objects;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.diagnostic.Span;

/**
 * A differential equation as a residual {@code R = lhs − rhs}, with its partial derivatives
 * {@code ∂R/∂u^(k)} for each unknown term it contains (what the loss gradient and the
 * Gauss–Newton Jacobian need).
 */
public record Equation(Expr residual, List<Derivative> terms, List<Expr> partials, String text, Span span) {
    public Equation {
        Objects.requireNonNull(residual, "residual");
        terms = List.copyOf(terms);
        partials = List.copyOf(partials);
        if (terms.size() != partials.size()) {
            throw new IllegalArgumentException("one partial per term");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }
}
