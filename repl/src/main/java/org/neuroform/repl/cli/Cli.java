package org.neuroform.repl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Compiler;
import org.neuroform.compiler.ProblemPrinter;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.repl.terminal.Repl;

/** The command line: {@code neuroform [run|check|repl] [options] [FILE]}. */
public final class Cli {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private boolean debug;

    public Cli(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public boolean debug() {
        return debug;
    }

    public int run(String[] arguments) {
        List<String> args = new ArrayList<>(List.of(arguments));
        debug = args.remove("--debug");
        if (args.isEmpty()) {
            return Repl.start(in, out, err);
        }
        String first = args.get(0);
        switch (first) {
            case "--version":
            case "-V":
                out.println("neuroform " + version());
                return ExitCode.OK;
            case "--help":
            case "-h":
            case "help":
                out.print(USAGE);
                return ExitCode.OK;
            case "run":
                return run(args.subList(1, args.size()));
            case "check":
                return check(args.subList(1, args.size()));
            case "repl":
                if (args.size() > 1) {
                    return usage("repl takes no arguments");
                }
                return Repl.start(in, out, err);
            default:
                if (first.startsWith("-")) {
                    return usage("unknown option " + first);
                }
                return run(args);
        }
    }

    static final String USAGE = String.join("\n",
            "usage: neuroform [FILE]                 train FILE and answer its queries (no FILE: the REPL)",
            "       neuroform run [--json] [--quiet] FILE",
            "       neuroform check [--show] FILE    parse and compile only; --show prints the compiled problem",
            "       neuroform repl                   the interactive shell",
            "       neuroform --version | --help",
            "options: --debug shows stack traces of internal errors",
            "exit codes: 0 ok, 1 errors in the input, 2 usage, 3 training did not converge, 4 file not readable",
            "");

    private int usage(String message) {
        err.println("neuroform: " + message);
        err.print(USAGE);
        return ExitCode.USAGE;
    }

    private int run(List<String> args) {
        boolean json = false;
        boolean quiet = false;
        String file = null;
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--quiet") || arg.equals("-q")) {
                quiet = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE);
                return ExitCode.OK;
            } else if (arg.startsWith("-")) {
                return usage("unknown option for run: " + arg);
            } else if (file != null) {
                return usage("run takes one file");
            } else {
                file = arg;
            }
        }
        if (file == null) {
            return usage("run needs a file");
        }
        CompiledProblem problem;
        try {
            problem = compile(file);
        } catch (Failure failure) {
            return failure.code;
        }
        return new ProblemRunner(out, err).run(problem, json, quiet, TrainingMonitor.SILENT);
    }

    private int check(List<String> args) {
        boolean show = false;
        String file = null;
        for (String arg : args) {
            if (arg.equals("--show")) {
                show = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE);
                return ExitCode.OK;
            } else if (arg.startsWith("-")) {
                return usage("unknown option for check: " + arg);
            } else if (file != null) {
                return usage("check takes one file");
            } else {
                file = arg;
            }
        }
        if (file == null) {
            return usage("check needs a file");
        }
        try {
            CompiledProblem problem = compile(file);
            if (show) {
                out.print(new ProblemPrinter(problem).print());
            }
            return ExitCode.OK;
        } catch (Failure failure) {
            return failure.code;
        }
    }

    /** Thrown when a file cannot be compiled; the reason has been printed. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private CompiledProblem compile(String file) throws Failure {
        SourceFile source;
        try {
            source = SourceLoader.load(Path.of(file));
        } catch (SourceLoader.LoadException e) {
            err.println("neuroform: " + e.getMessage());
            throw new Failure(ExitCode.FILE_ERROR);
        } catch (java.nio.file.InvalidPathException e) {
            err.println("neuroform: " + file + ": not a valid path");
            throw new Failure(ExitCode.FILE_ERROR);
        }
        Compilation compilation = Compiler.compile(source);
        List<Diagnostic> diagnostics = compilation.diagnostics();
        err.print(DiagnosticRenderer.render(source, diagnostics));
        if (compilation.problem().isEmpty()) {
            long errors = diagnostics.stream().filter(Diagnostic::isError).count();
            err.println(errors + " error" + (errors == 1 ? "" : "s"));
            throw new Failure(ExitCode.INPUT_ERROR);
        }
        return compilation.problem().get();
    }

    public static String version() {
        Properties properties = new Properties();
        try (InputStream stream = Cli.class.getResourceAsStream("/org/neuroform/repl/version.properties")) {
            if (stream != null) {
                properties.load(stream);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
