package org.neuroform.repl.format;

import java.util.OptionalDouble;
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
}
