package org.neuroform.compiler;

import java.util.List;
import java.util.Set;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.compiler.sym.Sym;

/**
 * What one equation or condition prescribes, as a person names it: an equation by its highest
 * derivative ({@code v'} for {@code v' = -x}), a condition by the one value it fixes
 * ({@code v(0)}, {@code y'(1)}). The shell uses it to find the statement a new one replaces and
 * for {@code :drop v'}. Statements without a single such subject (two unknowns at the highest
 * order, a Robin condition) have none.
 */
public record StatementSubject(Kind kind, String label) {

    public enum Kind {
        EQUATION,
        CONDITION
    }

    public static java.util.Optional<StatementSubject> of(Expr residual, List<String> unknowns) {
        Set<Expr> terms = Sym.unknownTerms(residual);
        if (terms.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (terms.iterator().next() instanceof PointValue) {
            if (terms.size() != 1) {
                return java.util.Optional.empty();
            }
            PointValue p = (PointValue) terms.iterator().next();
            return java.util.Optional.of(new StatementSubject(Kind.CONDITION,
                    unknowns.get(p.unknown()) + "'".repeat(p.order()) + "(" + Printer.number(p.point()) + ")"));
        }
        int highest = -1;
        Derivative top = null;
        boolean tie = false;
        for (Expr term : terms) {
            Derivative d = (Derivative) term;
            if (d.order() > highest) {
                highest = d.order();
                top = d;
                tie = false;
            } else if (d.order() == highest && d.unknown() != top.unknown()) {
                tie = true;
            }
        }
        if (tie || highest == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new StatementSubject(Kind.EQUATION, unknowns.get(top.unknown()) + "'".repeat(highest)));
    }
}
