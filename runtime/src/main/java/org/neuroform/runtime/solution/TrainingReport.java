package org.neuroform.runtime.solution;

import java.util.List;

/**
 * How training went.
 *
 * @param iterations optimizer iterations over all segments, stages and restarts
 * @param loss the final loss (mean squared residual at the collocation points; the largest over segments)
 * @param seconds training time, in-process
 * @param converged false when training ended on NaN/Inf or far from the tolerance the defaults aim at
 * @param notes what happened that a user should know (restarts, divergence, stop requests)
 */
public record TrainingReport(
        int iterations, double loss, double seconds, int segments, int restarts, boolean converged, boolean stopped, List<String> notes) {
    public TrainingReport {
        notes = List.copyOf(notes);
    }
}
