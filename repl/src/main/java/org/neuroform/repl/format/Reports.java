package org.neuroform.repl.format;

import java.util.OptionalDouble;
import org.neuroform.compiler.Domain;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;

/** One-line summaries of training. */
public final class Reports {
    private Reports() {}

    public static String summary(TrainingReport report) {
        return summary(report, OptionalDouble.empty());
    }

    /** The summary, with the largest equation residual on a fine grid when it is known. */
    public static String summary(TrainingReport report, OptionalDouble maxResidual) {
        return "trained: " + report.iterations() + " iterations, loss " + Numbers.brief(report.loss())
                + (maxResidual.isPresent() ? ", max residual " + Numbers.brief(maxResidual.getAsDouble()) : "")
                + ", " + Numbers.seconds(report.seconds()) + " s"
                + (report.segments() > 1 ? ", " + report.segments() + " segments" : "")
                + (report.restarts() > 0 ? ", " + report.restarts() + " restart" + (report.restarts() > 1 ? "s" : "") : "")
                + (report.stopped() ? " (stopped early: the best weights so far are kept)" : "");
    }

    /**
     * The shell's summary of a solution: the summary line and, when training stopped part of the
     * way, a second line saying what it covers: {@code trained on [0, 0.68] of [0, 20]; type
     * :train to continue} after Ctrl-C; after a blow-up, where training cannot go on, without the
     * hint (the notes say where it blew up).
     */
    public static String summary(TrainedSolution solution, OptionalDouble maxResidual) {
        String line = summary(solution.report(), maxResidual);
        if (solution.coversDomain()) {
            return line;
        }
        return line + "\n" + coverage(solution) + (solution.report().stopped() ? "; type :train to continue" : "");
    }

    /** {@code trained on [0, 0.68] of [0, 20]}: the covered part of the domain, and the domain. */
    public static String coverage(TrainedSolution solution) {
        Domain domain = solution.problem().domain();
        return "trained on " + interval(solution.coveredLower(), solution.coveredUpper()) + " of " + interval(domain.lower(), domain.upper());
    }

    /** {@code [0, 0.68]}. */
    public static String interval(double lower, double upper) {
        return "[" + Numbers.compact(lower, 6) + ", " + Numbers.compact(upper, 6) + "]";
    }
}
