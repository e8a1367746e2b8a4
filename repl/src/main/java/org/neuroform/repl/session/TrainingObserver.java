package org.neuroform.repl.session;

import org.neuroform.compiler.CompiledProblem;
import org.neuroform.runtime.optim.TrainingMonitor;

/**
 * Watches the training runs of a session: the terminal shows a live status line and turns Ctrl-C
 * into a stop request; tests stop after a number of iterations; by default nothing happens.
 */
public interface TrainingObserver {
    TrainingObserver SILENT = problem -> TrainingMonitor.SILENT;

    /** A monitor for one run of this problem (its settings give the iteration budget). */
    TrainingMonitor begin(CompiledProblem problem);

    /** The run ended (normally, stopped or by an exception): erase any status line. */
    default void end() {}
}
