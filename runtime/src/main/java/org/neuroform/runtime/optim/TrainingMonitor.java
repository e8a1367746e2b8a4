package org.neuroform.runtime.optim;

/** Progress reports from an optimizer, and a way to stop it early (Ctrl-C, a time budget). */
public interface TrainingMonitor {
    TrainingMonitor SILENT = new TrainingMonitor() {};

    /** Called every iteration with the current loss (the best so far when the step was rejected). */
    default void progress(String stage, int iteration, double loss) {}

    /** Polled every iteration: true stops the optimizer, which returns the best parameters so far. */
    default boolean stopRequested() {
        return false;
    }
}
