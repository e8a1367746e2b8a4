package org.neuroform.repl;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.neuroform.repl.cli.Cli;
import org.neuroform.repl.common.ExitCode;

/** Entry point of the {@code neuroform} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        Cli cli = new Cli(out, err, System.in);
        int code;
        try {
            code = cli.run(args);
        } catch (Throwable bug) {
            code = reportBug(bug, err, cli.debug() || java.util.Arrays.asList(args).contains("--debug"));
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Internal errors are bugs: say so plainly; the stack trace only on request. */
    public static int reportBug(Throwable bug, PrintStream err, boolean debug) {
        if (bug instanceof OutOfMemoryError) {
            err.println("neuroform: out of memory");
        } else if (bug instanceof StackOverflowError) {
            err.println("neuroform: the input is nested too deeply");
        } else {
            err.println("neuroform: internal error: " + bug);
        }
        if (debug) {
            bug.printStackTrace(err);
        } else {
            err.println("this is a bug in neuroform; run again with --debug for details");
        }
        return ExitCode.INTERNAL_ERROR;
    }
}
