package org.neuroform.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.diagnostic.Span;
import static org.neuroform.diagnostic.Diagnostic.quote;

/**
 * Phase 3, continued: each unknown of order m gets m conditions of orders below m, no value is
 * prescribed twice, and the conditions add up to the orders (a condition on several unknowns,
 * such as {@code u(0) = v(0)}, counts for the problem as a whole).
 */
final class ConditionCheck extends Phase {
    ConditionCheck(CheckState state) {
        super(state);
    }

    /** {@code y, y' and y''}: what conditions of an unknown of this order may prescribe. */
    private static String allowed(String name, int order) {
        List<String> written = new ArrayList<>();
        for (int k = 0; k < order; k++) {
            written.add(name + "'".repeat(k));
        }
        if (written.size() == 1) {
            return written.get(0);
        }
        return String.join(", ", written.subList(0, written.size() - 1)) + " and " + written.get(written.size() - 1);
    }

    void run(List<UnknownFunction> unknowns) {
        List<List<ResolvedEquation>> own = new ArrayList<>();
        List<java.util.BitSet> prescribed = new ArrayList<>();
        for (int u = 0; u < unknowns.size(); u++) {
            own.add(new ArrayList<>());
            prescribed.add(new java.util.BitSet());
        }
        int[] shared = new int[unknowns.size()];
        Map<Expr, ResolvedEquation> pure = new java.util.HashMap<>();
        int total = 0;
        for (ResolvedEquation condition : conditions) {
            Set<Integer> mentioned = new java.util.TreeSet<>();
            Set<Expr> terms = Sym.unknownTerms(condition.residual());
            boolean ok = true;
            for (Expr term : terms) {
                PointValue p = (PointValue) term;
                UnknownFunction unknown = unknowns.get(p.unknown());
                mentioned.add(p.unknown());
                if (unknown.order() == 0) {
                    error("condition-on-algebraic", condition.termSpan(p), quote(unknown.name())
                            + " has no derivative in the equations, so it takes no conditions", "");
                    ok = false;
                } else if (p.order() >= unknown.order()) {
                    String written = unknown.name() + "'".repeat(p.order());
                    error("condition-order", condition.termSpan(p), quote(unknown.name()) + " has order " + unknown.order()
                            + ", so its conditions may prescribe " + allowed(unknown.name(), unknown.order())
                            + ", not " + written, "the equation itself determines "
                            + unknown.name() + "'".repeat(unknown.order()));
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            if (terms.size() == 1) {
                Expr term = terms.iterator().next();
                ResolvedEquation first = pure.putIfAbsent(term, condition);
                if (first != null) {
                    error("duplicate-condition", condition.termSpan(term), quote(source.text(condition.termSpan(term)))
                            + " is already prescribed on line " + first.span().line(),
                            "an unknown of order m needs m different conditions, such as y(0) and y'(0)");
                    continue;
                }
            }
            total++;
            if (mentioned.size() == 1) {
                int u = mentioned.iterator().next();
                own.get(u).add(condition);
                if (terms.size() == 1) {
                    prescribed.get(u).set(((PointValue) terms.iterator().next()).order());
                }
            } else {
                mentioned.forEach(u -> shared[u]++);
            }
        }
        if (hasErrors()) {
            return;
        }
        int needed = 0;
        for (UnknownFunction unknown : unknowns) {
            needed += unknown.order();
        }
        boolean reported = false;
        for (int u = 0; u < unknowns.size(); u++) {
            UnknownFunction unknown = unknowns.get(u);
            int count = own.get(u).size();
            String name = unknown.name();
            if (count > unknown.order()) {
                List<String> lines = own.get(u).stream().map(c -> Integer.toString(c.span().line())).toList();
                error("too-many-conditions", own.get(u).get(unknown.order()).span(), quote(name) + " has order "
                        + unknown.order() + " and needs " + conditionCount(unknown.order()) + ", but has " + count
                        + " (over-determined)", "remove " + (count - unknown.order()) + " of them (lines "
                        + String.join(", ", lines) + ")");
                reported = true;
            } else if (total < needed && count + shared[u] < unknown.order()) {
                int missing = prescribed.get(u).nextClearBit(0);
                error("too-few-conditions", unknown.span(), quote(name) + " has order " + unknown.order() + " ("
                        + name + "'".repeat(unknown.order()) + " on line " + unknown.span().line() + ") and needs "
                        + conditionCount(unknown.order()) + ", but has " + (count + shared[u]),
                        "add a condition such as " + name + "'".repeat(Math.min(missing, unknown.order() - 1)) + "("
                                + Printer.number(scope.domain().get().lower()) + ") = ...");
                reported = true;
            }
        }
        if (!reported && total != needed) {
            Span where = conditions.isEmpty() ? equations.get(0).span() : conditions.get(conditions.size() - 1).span();
            error(total < needed ? "too-few-conditions" : "too-many-conditions", where, "the unknowns need " + needed
                    + " condition" + (needed == 1 ? "" : "s") + " in all (one per order), but there "
                    + (total == 1 ? "is " : "are ") + total, "");
        }
    }

    private static String conditionCount(int order) {
        return order + " condition" + (order == 1 ? "" : "s");
    }

}
