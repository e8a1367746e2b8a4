package org.neuroform.repl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Compiler;
import org.neuroform.compiler.ProblemPrinter;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.repl.common.ExitCode;
import org.neuroform.repl.common.SourceLoader;
import org.neuroform.repl.common.Version;
import org.neuroform.repl.terminal.Repl;

/**
 * The command line: {@code neuroform [COMMAND] [options] [FILE]}. Each command has its own
 * {@code --help}; {@code neuroform FILE} is {@code neuroform run FILE}. What scripts rely on (the
 * output of {@code run}, the exit codes in {@link ExitCode}) only ever grows compatibly.
 */
public final class Cli {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private boolean debug;
    private final Map<String, Subcommand> commands = new LinkedHashMap<>();

    /** One subcommand: its synopsis and summary for the overview, its --help text, what it does. */
    private record Subcommand(String synopsis, String summary, String help, Function<List<String>, Integer> action) {}

    static final String EXIT_CODES = String.join("\n",
            "exit codes: 0 ok, 1 errors in the input, 2 wrong command line, 3 training did not converge,",
            "            4 a file could not be read or written, 70 internal error, 130 stopped by Ctrl-C",
            "");

    public Cli(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
        commands.put("run", new Subcommand("run [--json] [--quiet] FILE", "train FILE and answer its queries", String.join("\n",
                "usage: neuroform run [--json] [--quiet] FILE",
                "       neuroform FILE",
                "Trains the problem in FILE, prints a one-line training summary, then one line per",
                "query: QUERY = VALUE (the query as written, 12 significant digits).",
                "  --json     print one JSON object instead:",
                "             {\"queries\":[{\"query\":\"y(1.5)\",\"value\":0.63}],\"training\":{\"epochs\":..,\"loss\":..,\"seconds\":..}}",
                "  --quiet    only the query lines: no summary, no notes, no progress line",
                "During long training a progress line is shown on stderr when stderr is a terminal.",
                "Ctrl-C stops training; the answers then come from the best weights so far (exit code 130).",
                ""), this::run));
        commands.put("check", new Subcommand("check [--show] [--quiet] FILE", "parse and check FILE, no training", String.join("\n",
                "usage: neuroform check [--show] [--quiet] FILE",
                "Parses and checks FILE and reports every error with its line and column; prints",
                "nothing when the file is correct.",
                "  --show     print the compiled problem: unknowns, residuals, conditions, trial solutions",
                "  --quiet    no warnings: only errors",
                ""), this::check));
        commands.put("verify", new Subcommand("verify [--json] [--tolerance T] FILE",
                "train FILE and compare the solution with a classical integrator", String.join("\n",
                "usage: neuroform verify [--json] [--quiet] [--tolerance T] FILE",
                "Trains the problem in FILE, then compares the solution with a classical one on 1001",
                "equally spaced points: for initial value problems Hipparchus's DormandPrince853Integrator",
                "(tolerances 1e-12), for boundary value problems the same integrator with shooting.",
                "Prints, per unknown, the largest deviation and where it occurs.",
                "  --json         print one JSON object: {\"max_deviation\": .., \"unknowns\": [{\"name\": .., ",
                "                 \"max_deviation\": .., \"at\": ..}], \"reference\": .., \"max_residual\": .., ...}",
                "  --tolerance T  the largest deviation that passes (default 1e-6); above it the exit code is 3",
                "  --quiet        no training summary",
                ""), this::verify));
        commands.put("bench", new Subcommand("bench [--problems A,B] [--out DIR] [--no-time-to]",
                "train the benchmark suite and write its tables", String.join("\n",
                "usage: neuroform bench [--problems A,B,...] [--out DIR] [--examples DIR] [--no-time-to]",
                "Trains every problem of the public suite (examples/*.ode, default settings), measures its max",
                "error on 1001 points against the exact solution or the classical integrator, and writes",
                "DIR/suite.md and DIR/suite.csv (default DIR: bench/results) with the machine and the date.",
                "Each problem is trained a second time with train accuracy = 1e-4: the time to an answer good",
                "to 1e-4, which bench/README.md compares with the PyTorch peer (--no-time-to skips it).",
                ""), this::bench));
        commands.put("repl", new Subcommand("repl [FILE]", "the interactive shell, FILE loaded first", String.join("\n",
                "usage: neuroform repl [FILE]",
                "       neuroform",
                "The interactive shell: type statements, :train, then queries such as y(1.5).",
                "Type :help inside for the commands. With FILE, the shell starts with :load FILE.",
                "When the input is not a terminal, lines are read as they come, without prompts.",
                ""), this::repl));
    }

    public boolean debug() {
        return debug;
    }

    String usage() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"[--json] [--quiet] FILE", "train FILE and answer its queries (run)"});
        for (Subcommand command : commands.values()) {
            lines.add(new String[] {command.synopsis(), command.summary()});
        }
        lines.add(new String[] {"", "the interactive shell"});
        lines.add(new String[] {"--version | --help | COMMAND --help", ""});
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String synopsis = "neuroform" + (lines.get(i)[0].isEmpty() ? "" : " " + lines.get(i)[0]);
            text.append(i == 0 ? "usage: " : "       ").append(String.format(java.util.Locale.ROOT, "%-46s %s", synopsis, lines.get(i)[1])
                    .stripTrailing()).append('\n');
        }
        text.append("--debug shows the stack trace of an internal error.\n");
        text.append(EXIT_CODES);
        return text.toString();
    }

    public int run(String[] arguments) {
        List<String> args = new ArrayList<>(List.of(arguments));
        debug = args.remove("--debug");
        if (args.isEmpty()) {
            return Repl.start(in, out, err, Optional.empty());
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
                if (args.size() > 1 && commands.containsKey(args.get(1))) {
                    out.print(commands.get(args.get(1)).help());
                } else {
                    out.print(usage());
                }
                return ExitCode.OK;
            default:
                break;
        }
        Subcommand command = commands.get(first);
        if (command != null) {
            List<String> rest = args.subList(1, args.size());
            if (rest.contains("--help") || rest.contains("-h")) {
                out.print(command.help());
                return ExitCode.OK;
            }
            return command.action().apply(rest);
        }
        if (first.equals("--json") || first.equals("--quiet") || first.equals("-q")) {
            return run(args); // neuroform --json FILE is neuroform run --json FILE
        }
        if (first.startsWith("-") && !first.equals("-")) {
            return usage("unknown option " + first);
        }
        return run(args);
    }

    private int usage(String message) {
        err.println("neuroform: " + message);
        err.print(usage());
        return ExitCode.USAGE;
    }

    private int usageOf(String command, String message) {
        err.println("neuroform " + command + ": " + message);
        err.print(commands.get(command).help());
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
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                return usageOf("run", "unknown option " + arg);
            } else if (file != null) {
                return usageOf("run", "one file at a time");
            } else {
                file = arg;
            }
        }
        if (file == null) {
            return usageOf("run", "which file?");
        }
        CompiledProblem problem;
        try {
            problem = compile(file, false);
        } catch (Failure failure) {
            return failure.code;
        }
        return new ProblemRunner(out, err).run(problem, json, quiet);
    }

    private int verify(List<String> args) {
        boolean json = false;
        boolean quiet = false;
        double tolerance = 1e-6;
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--quiet") || arg.equals("-q")) {
                quiet = true;
            } else if (arg.equals("--tolerance")) {
                if (i + 1 >= args.size()) {
                    return usageOf("verify", "--tolerance needs a number");
                }
                try {
                    tolerance = Double.parseDouble(args.get(++i));
                } catch (NumberFormatException e) {
                    return usageOf("verify", "--tolerance needs a number, not " + args.get(i));
                }
                if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                    return usageOf("verify", "--tolerance must be a finite number >= 0");
                }
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                return usageOf("verify", "unknown option " + arg);
            } else if (file != null) {
                return usageOf("verify", "one file at a time");
            } else {
                file = arg;
            }
        }
        if (file == null) {
            return usageOf("verify", "which file?");
        }
        CompiledProblem problem;
        try {
            problem = compile(file, false);
        } catch (Failure failure) {
            return failure.code;
        }
        return new ProblemRunner(out, err).run(problem, json, quiet, true, tolerance);
    }

    private int bench(List<String> args) {
        Path home = Path.of(System.getProperty("neuroform.home", "."));
        Path examples = home.resolve("examples");
        Path output = home.resolve("bench").resolve("results");
        List<String> problems = new ArrayList<>();
        boolean timeTo = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--no-time-to")) {
                timeTo = false;
            } else if ((arg.equals("--problems") || arg.equals("--out") || arg.equals("--examples")) && i + 1 < args.size()) {
                String value = args.get(++i);
                if (arg.equals("--problems")) {
                    problems.addAll(List.of(value.split(",")));
                } else if (arg.equals("--out")) {
                    output = Path.of(value);
                } else {
                    examples = Path.of(value);
                }
            } else {
                return usageOf("bench", "unexpected " + arg);
            }
        }
        if (!Files.isDirectory(examples)) {
            err.println("neuroform bench: no examples folder at " + examples.toAbsolutePath() + " (use --examples DIR)");
            return ExitCode.FILE_ERROR;
        }
        return new BenchCommand(out, err).run(examples, output, problems, timeTo);
    }

    private int check(List<String> args) {
        boolean show = false;
        boolean quiet = false;
        String file = null;
        for (String arg : args) {
            if (arg.equals("--show")) {
                show = true;
            } else if (arg.equals("--quiet") || arg.equals("-q")) {
                quiet = true;
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                return usageOf("check", "unknown option " + arg);
            } else if (file != null) {
                return usageOf("check", "one file at a time");
            } else {
                file = arg;
            }
        }
        if (file == null) {
            return usageOf("check", "which file?");
        }
        try {
            CompiledProblem problem = compile(file, quiet);
            if (show) {
                out.print(new ProblemPrinter(problem).print());
            }
            return ExitCode.OK;
        } catch (Failure failure) {
            return failure.code;
        }
    }

    private int repl(List<String> args) {
        if (args.size() > 1) {
            return usageOf("repl", "at most one file");
        }
        if (!args.isEmpty() && args.get(0).startsWith("-")) {
            return usageOf("repl", "unknown option " + args.get(0));
        }
        return Repl.start(in, out, err, args.isEmpty() ? Optional.empty() : Optional.of(args.get(0)));
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

    private CompiledProblem compile(String file, boolean quiet) throws Failure {
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
        List<Diagnostic> diagnostics = quiet ? compilation.errors() : compilation.diagnostics();
        err.print(DiagnosticRenderer.render(source, diagnostics));
        if (compilation.problem().isEmpty()) {
            long errors = diagnostics.stream().filter(Diagnostic::isError).count();
            err.println(errors + " error" + (errors == 1 ? "" : "s"));
            throw new Failure(ExitCode.INPUT_ERROR);
        }
        return compilation.problem().get();
    }

    /** The version, for callers that know the command line; see {@link Version#current()}. */
    public static String version() {
        return Version.current();
    }
}
