package org.neuroform.compiler.check;

import java.util.ArrayList;
import java.util.List;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.diagnostic.Span;
import org.neuroform.grammar.Limits;
import static org.neuroform.diagnostic.Diagnostic.quote;

/**
 * Phase 3 (whole problems only): the orders of the unknowns, as many equations as unknowns, and
 * not more conditions in all than neuroform builds trial solutions for; then {@link ConditionCheck}.
 */
final class Structure extends Phase {
    Structure(CheckState state) {
        super(state);
    }

    List<UnknownFunction> run() {
        return structure();
    }

    private List<UnknownFunction> structure() {
        if (state.domainStatement == null || scope.domain().isEmpty()) {
            return List.of(); // reported in phase 1
        }
        List<String> names = scope.unknowns();
        if (names.size() > Limits.MAX_UNKNOWNS) {
            String name = names.get(Limits.MAX_UNKNOWNS);
            error("too-many-unknowns", unknownSpans.getOrDefault(name, Span.NONE), "the problem has " + names.size()
                    + " unknowns; neuroform solves systems of at most " + Limits.MAX_UNKNOWNS, "");
            return List.of();
        }
        int[] orders = new int[names.size()];
        Span[] highest = new Span[names.size()];
        boolean[] inEquation = new boolean[names.size()];
        for (ResolvedEquation equation : equations) {
            for (Expr term : Sym.unknownTerms(equation.residual())) {
                Derivative d = (Derivative) term;
                if (!inEquation[d.unknown()] || d.order() > orders[d.unknown()]) {
                    highest[d.unknown()] = equation.termSpan(d);
                }
                orders[d.unknown()] = Math.max(orders[d.unknown()], d.order());
                inEquation[d.unknown()] = true;
            }
        }
        if (equations.isEmpty()) {
            error("no-equation", Span.NONE, "the problem has no differential equation", "add one such as: y' = -y");
            return List.of();
        }
        List<UnknownFunction> unknowns = new ArrayList<>();
        for (int u = 0; u < names.size(); u++) {
            Span span = inEquation[u] ? highest[u] : unknownSpans.getOrDefault(names.get(u), Span.NONE);
            if (!inEquation[u]) {
                error("unknown-without-equation", span, "the unknown " + quote(names.get(u)) + " appears in no equation",
                        "each unknown needs an equation, such as " + names.get(u) + "' = ...");
            }
            unknowns.add(new UnknownFunction(names.get(u), orders[u], span));
        }
        if (equations.size() != unknowns.size()) {
            Span span = equations.get(equations.size() - 1).span();
            error("equation-count", span, unknowns.size() + " unknown" + (unknowns.size() == 1 ? "" : "s") + " ("
                    + Scope.listed(names) + ") but " + equations.size() + " equation" + (equations.size() == 1 ? "" : "s"),
                    "a problem needs one equation per unknown");
        }
        int needed = 0;
        for (UnknownFunction unknown : unknowns) {
            needed += unknown.order();
        }
        if (needed > Limits.MAX_CONDITIONS) {
            error("problem-too-large", equations.get(0).span(), "the orders of the unknowns add up to " + needed
                    + ", so the problem needs " + needed + " conditions; neuroform builds trial solutions for at most "
                    + Limits.MAX_CONDITIONS, "");
            return unknowns;
        }
        if (!hasErrors()) {
            new ConditionCheck(state).run(unknowns);
        }
        return unknowns;
    }

}
