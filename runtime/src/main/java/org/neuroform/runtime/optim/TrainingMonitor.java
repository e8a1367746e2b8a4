package org.neuroform.runtime.optim;

/** Progress reports from an optimizer, and a way to stop it early (Ctrl-C, a time budget). */
public interface TrainingMonitor {
    TrainingMonitor SILENT = new TrainingMonitor() {};

    /** Called every iteration with the current loss (the best so far when the step was rejected). */
    default void progress(String stage, int iteration, double loss) {}

    /**
     * The same with the largest residual at the collocation points, relative to the size of
     * each equation's unknown (NaN when the optimizer does not know it).
     */
    default void progress(String stage, int iteration, double loss, double maxResidual) {
        progress(stage, iteration, loss);
    }

    /** Marching accepted a segment of this length, out of a domain of {@code domainLength}. */
    default void marched(double segmentLength, double domainLength) {}

    /** Polled every iteration: true stops the optimizer, which returns the best parameters so far. */
    default boolean stopRequested() {
        return false;
    }
}
