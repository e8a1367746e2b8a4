package org.neuroform.repl.common;

/** The process exit codes, documented in docs/repl.md and by {@code neuroform --help}. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** The input has errors (diagnostics were printed). */
    public static final int INPUT_ERROR = 1;
    /** The command line is wrong (unknown command or option). */
    public static final int USAGE = 2;
    /** Training did not converge, or a verification found a large deviation. */
    public static final int NOT_CONVERGED = 3;
    /** A file could not be read or written. */
    public static final int FILE_ERROR = 4;
    /** A bug in neuroform (the message says how to get the stack trace). */
    public static final int INTERNAL_ERROR = 70;
    /** Ctrl-C stopped training; the answers printed come from the best weights reached (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    private ExitCode() {}
}
