package org.neuroform.repl.format;

import java.util.Optional;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.runtime.bundle.ParametricSolution;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * Queries beyond the trained part of the domain. After Ctrl-C or a blow-up the segments cover
 * only part of the domain; a query there is refused with a diagnostic (like a point outside the
 * domain) instead of being answered with a value no network was trained for.
 */
public final class Coverage {
    /** The diagnostic's code. */
    public static final String CODE = "point-not-trained";

    private Coverage() {}

    /** The refusal of a query with a point the solution does not cover; empty when every point is covered. */
    public static Optional<Diagnostic> refusal(TrainedSolution solution, Query query) {
        return refusal(query, solution.problem().domain(), solution::covers, solution.coveredLower(), solution.coveredUpper(),
                solution.report().stopped());
    }

    /**
     * The same for a parametric solution: the part every node solution covers (a node whose
     * solution blows up inside the domain ends the bundle's trained part there).
     */
    public static Optional<Diagnostic> refusal(ParametricSolution bundle, Query query) {
        return refusal(query, bundle.problem().domain(), bundle::covers, bundle.coveredLower(), bundle.coveredUpper(),
                bundle.report().training().stopped());
    }

    private static Optional<Diagnostic> refusal(Query query, Domain domain, java.util.function.DoublePredicate covers, double lower,
            double upper, boolean stopped) {
        for (Expr term : Sym.unknownTerms(query.expression())) {
            double point = ((PointValue) term).point();
            if (!covers.test(point)) {
                return Optional.of(Diagnostic.error(CODE, query.span(),
                        "the point " + Numbers.compact(point, 6) + " is beyond the trained part "
                                + Reports.interval(lower, upper) + " of the domain "
                                + Reports.interval(domain.lower(), domain.upper()),
                        (stopped ? "training was stopped at " : "training did not get past ")
                                + Numbers.compact(point < lower ? lower : upper, 6)
                                + (stopped ? " (Ctrl-C)" : " (see the notes after the summary)")));
            }
        }
        return Optional.empty();
    }
}
