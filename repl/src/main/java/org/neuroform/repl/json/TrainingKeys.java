package org.neuroform.repl.json;

/**
 * The keys of the training object, the same in {@code run --json}, {@code verify --json} and a
 * saved solution's {@code "report"}. Keys are only ever added: a script reading an old key keeps
 * working. docs/repl.md lists them.
 */
public final class TrainingKeys {
    /** Optimizer iterations over all segments, stages and restarts: the documented contract key. */
    public static final String EPOCHS = "epochs";
    /** The same number as {@link #EPOCHS}, named as the summary line names it; saved files always had it. */
    public static final String ITERATIONS = "iterations";
    public static final String LOSS = "loss";
    public static final String SECONDS = "seconds";
    public static final String SEGMENTS = "segments";
    public static final String RESTARTS = "restarts";
    public static final String CONVERGED = "converged";
    public static final String STOPPED = "stopped";
    public static final String NOTES = "notes";
    /** The largest equation residual on a fine grid of every segment (preferred spelling). */
    public static final String MAX_RESIDUAL = "max_residual";
    /** {@link #MAX_RESIDUAL}'s old spelling in {@code run --json}, still written there; prefer {@code max_residual}. */
    public static final String MAX_RESIDUAL_OLD = "maxResidual";

    /** The part of the domain the segments cover, {@code {"lower": …, "upper": …}}. */
    public static final String COVERED = "covered";

    private TrainingKeys() {}
}
