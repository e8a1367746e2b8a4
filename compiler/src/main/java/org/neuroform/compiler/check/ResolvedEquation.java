package org.neuroform.compiler.check;

import java.util.Map;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.diagnostic.Span;

/**
 * An equation or condition after resolution: {@code residual = left − right}.
 *
 * @param terms where each unknown term of the statement was written
 */
record ResolvedEquation(Expr residual, String text, Span span, Map<Expr, Span> terms) {
    Span termSpan(Expr term) {
        return terms.getOrDefault(term, span);
    }
}
