package org.neuroform.repl.format;

import org.neuroform.runtime.solution.TrainingReport;

/** One-line summaries of training. */
public final class Reports {
    private Reports() {}

    public static String summary(TrainingReport report) {
        return "trained: " + report.iterations() + " iterations, loss " + Numbers.brief(report.loss()) + ", "
                + Numbers.seconds(report.seconds()) + " s"
                + (report.segments() > 1 ? ", " + report.segments() + " segments" : "")
                + (report.restarts() > 0 ? ", " + report.restarts() + " restart" + (report.restarts() > 1 ? "s" : "") : "")
                + (report.stopped() ? " (stopped early)" : "");
    }
}
