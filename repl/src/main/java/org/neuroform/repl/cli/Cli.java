package org.neuroform.repl.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.ProblemPrinter;
import org.neuroform.compiler.xpp.SourceFormat;
import org.neuroform.compiler.xpp.XppReader;
import org.neuroform.compiler.xpp.XppTranslation;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.repl.common.ExitCode;
import org.neuroform.repl.common.SourceLoader;
import org.neuroform.repl.common.Version;
import org.neuroform.repl.terminal.Repl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command line: {@code neuroform [COMMAND] [options] [FILE]}, parsed by picocli. Each command
 * has its own {@code --help}; {@code neuroform FILE} is {@code neuroform run FILE}, and no
 * arguments at all open the shell. What scripts rely on (the output of {@code run}, the exit codes
 * in {@link ExitCode}) only ever grows compatibly; a wrong command line exits with 2 and its
 * command's usage on stderr.
 */
public final class Cli {
    /** The footer of every help text (picocli's format: %n is a line break). */
    static final String EXIT_CODES = "exit codes: 0 ok, 1 errors in the input, 2 wrong command line, 3 training did not converge%n"
            + "            (or a query lies beyond a blow-up),%n"
            + "            4 a file could not be read or written, 70 internal error, 130 stopped by Ctrl-C";

    /** Arguments that belong to neuroform itself; anything else first is a file (or an option of run). */
    private static final Set<String> OWN = Set.of("--help", "-h", "--version", "-V", "help");

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
            return Repl.start(in, out, err, Optional.empty());
        }
        CommandLine line = commandLine();
        if (!OWN.contains(args.get(0)) && !line.getSubcommands().containsKey(args.get(0))) {
            args.add(0, "run"); // neuroform FILE and neuroform --json FILE are neuroform run …
        }
        return line.execute(args.toArray(String[]::new));
    }

    CommandLine commandLine() {
        CommandLine line = new CommandLine(new Neuroform());
        line.addSubcommand("run", new RunCommand());
        line.addSubcommand("check", new CheckCommand());
        line.addSubcommand("verify", new VerifyCommand());
        line.addSubcommand("convert", new ConvertCommand());
        line.addSubcommand("bench", new BenchOptions());
        line.addSubcommand("repl", new ReplCommand());
        line.addSubcommand("help", new CommandLine.HelpCommand());
        line.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setUsageHelpWidth(100);
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            String name = command.getCommandSpec().qualifiedName();
            String message = e.getMessage();
            err.println(name + ": " + message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1));
            command.usage(err, CommandLine.Help.Ansi.OFF);
            return ExitCode.USAGE;
        });
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            throw e; // a bug: Main reports it (exit code 70)
        });
        // The overview: every form of the command line with what it does, instead of picocli's list.
        CommandLine.Model.UsageMessageSpec top = line.getCommandSpec().usageMessage();
        Map<String, CommandLine.IHelpSectionRenderer> sections = new HashMap<>(top.sectionMap());
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, help -> overview(line));
        top.sectionMap(sections);
        top.sectionKeys(List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER));
        return line;
    }

    /** {@code usage: neuroform run [--json] [--quiet] FILE   train FILE and answer its queries}, one line per form. */
    private static String overview(CommandLine line) {
        List<String[]> forms = new ArrayList<>();
        forms.add(new String[] {"neuroform [--json] [--quiet] FILE", "train FILE and answer its queries (run)"});
        for (CommandLine command : line.getSubcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            if (spec.usageMessage().hidden() || spec.usageMessage().customSynopsis().length == 0) {
                continue; // help: the last line names it
            }
            forms.add(new String[] {spec.usageMessage().customSynopsis()[0], spec.usageMessage().description()[0]});
        }
        forms.add(new String[] {"neuroform", "the interactive shell"});
        forms.add(new String[] {"neuroform --version | --help | COMMAND --help", ""});
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < forms.size(); i++) {
            String form = forms.get(i)[0];
            String what = forms.get(i)[1];
            String indent = i == 0 ? "usage: " : "       ";
            if (form.length() > 46) { // what it does on the next line, in the column of the others
                text.append(indent).append(form).append('\n');
                form = "";
                indent = "       ";
            }
            text.append(indent).append(String.format(Locale.ROOT, "%-46s %s", form, what).stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** The top level: only --help and --version; everything else is a subcommand. */
    @Command(name = "neuroform", versionProvider = VersionProvider.class, footer = {"--debug shows the stack trace of an internal error.",
            EXIT_CODES})
    final class Neuroform implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this overview")
        boolean help;

        @Option(names = {"-V", "--version"}, versionHelp = true, description = "the version")
        boolean version;

        @Override
        public Integer call() {
            return Repl.start(in, out, err, Optional.empty());
        }
    }

    /** {@code neuroform 0.1.0}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"neuroform " + Version.current()};
        }
    }

    @Command(name = "run", synopsisHeading = "usage: ", customSynopsis = {"neuroform run [--json] [--quiet] [--format xpp|native] FILE", "       neuroform FILE"},
            description = {"train FILE and answer its queries",
                "Trains the problem in FILE, prints a one-line training summary, then one line per query: QUERY = VALUE (the query as written, 12 significant digits). During long training a progress line is shown on stderr when stderr is a terminal. Ctrl-C stops training; the answers then come from the best weights so far (exit code 130), and a query beyond the part of the domain training reached is refused."},
            descriptionHeading = "%n", optionListHeading = "%n", parameterListHeading = "%n", footerHeading = "%n", footer = EXIT_CODES,
            sortOptions = false)
    final class RunCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the .ode file")
        String file;

        @Option(names = "--json", description = "print one JSON object instead: {\"queries\": [{\"query\": \"y(1.5)\", \"value\": 0.63, …}],"
                + " \"reference\": {…}, \"training\": {\"epochs\": .., \"loss\": .., \"seconds\": .., …}} (docs/repl.md lists the keys)")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "only the query lines: no summary, no notes, no progress line")
        boolean quiet;

        @Mixin
        FormatOption format;


        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;

        @Override
        public Integer call() {
            return compile(file, false, format.format, json || quiet ? err : out)
                    .map(problem -> new ProblemRunner(out, err).run(problem, json, quiet)).orElseGet(() -> failure);
        }
    }

    @Command(name = "check", synopsisHeading = "usage: ", customSynopsis = "neuroform check [--show] [--quiet] [--format xpp|native] FILE",
            description = {"parse and check FILE, no training",
                "Parses and checks FILE (and the data files it names) and reports every error with its line and column; prints nothing when the file is correct."},
            descriptionHeading = "%n", optionListHeading = "%n", parameterListHeading = "%n", footerHeading = "%n", footer = EXIT_CODES,
            sortOptions = false)
    final class CheckCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the .ode file")
        String file;

        @Option(names = "--show", description = "print the compiled problem: unknowns, residuals, conditions, trial solutions")
        boolean show;

        @Option(names = {"-q", "--quiet"}, description = "no warnings: only errors")
        boolean quiet;

        @Mixin
        FormatOption format;


        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;

        @Override
        public Integer call() {
            Optional<CompiledProblem> problem = compile(file, quiet, format.format, err);
            if (problem.isPresent() && (!problem.get().data().isEmpty() || problem.get().isInverse())) {
                // The data files are part of the problem: read and validated as run would, no fit.
                org.neuroform.repl.fit.Fitting.Loaded loaded = org.neuroform.repl.fit.Fitting.load(problem.get());
                if (loaded.data().isEmpty()) {
                    err.print(loaded.rendered());
                    return ExitCode.INPUT_ERROR;
                }
                if (!quiet) {
                    err.print(loaded.rendered());
                }
            }
            if (problem.isPresent() && show) {
                out.print(new ProblemPrinter(problem.get()).print());
            }
            return problem.isPresent() ? ExitCode.OK : failure;
        }
    }

    @Command(name = "verify", synopsisHeading = "usage: ", customSynopsis = "neuroform verify [--json] [--quiet] [--tolerance T] [--format xpp|native] FILE",
            description = {"train FILE and compare the solution with a classical integrator",
                "Trains the problem in FILE, then compares the solution with a classical one on 1001 equally spaced points: for initial value problems Hipparchus's DormandPrince853Integrator (tolerances 1e-12), for boundary value problems the same integrator with shooting. Prints, per unknown, the largest deviation and where it occurs, and, where the solution is larger than 1, the deviation relative to max(1, |u|): that is what the tolerance is compared with. A deviation that is not a number (NaN) never passes."},
            descriptionHeading = "%n", optionListHeading = "%n", parameterListHeading = "%n", footerHeading = "%n", footer = EXIT_CODES,
            sortOptions = false)
    final class VerifyCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the .ode file")
        String file;

        @Option(names = "--json", description = "print one JSON object: {\"max_deviation\": .., \"max_scaled_deviation\": .., \"passed\": .., \"unknowns\": [{\"name\": ..,"
                + " \"max_deviation\": .., \"at\": .., \"max_scaled_deviation\": ..}], \"reference\": .., \"max_residual\": .., \"training\": {…}, …}")
        boolean json;

        @Option(names = "--tolerance", paramLabel = "T", description = "the largest deviation |u - ref| / max(1, |ref|) that passes (default 1e-6); above it the exit code is 3")
        double tolerance = 1e-6;

        @Option(names = {"-q", "--quiet"}, description = "no training summary")
        boolean quiet;

        @Mixin
        FormatOption format;


        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;

        @Override
        public Integer call() {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--tolerance must be a finite number >= 0");
            }
            return compile(file, false, format.format, json || quiet ? err : out)
                    .map(problem -> new ProblemRunner(out, err).run(problem, json, quiet, true, tolerance))
                    .orElseGet(() -> failure);
        }
    }

    @Command(name = "bench", synopsisHeading = "usage: ",
            customSynopsis = "neuroform bench [--problems A,B] [--out DIR] [--examples DIR] [--no-time-to] [--corpus | --xpp | --fits | --bundles]",
            description = {"train the benchmark suite and write its tables",
                "Trains every problem of the public suite (examples/*.ode, default settings), measures its max error on 1001 points against the exact solution or the classical integrator, and writes DIR/suite.md and DIR/suite.csv with the machine and the date. Each problem is trained a second time with train accuracy = 1e-4: the time to an answer good to 1e-4, which bench/README.md compares with the PyTorch peer. Then it fits the inverse-problem examples (examples/fit-*.ode) and writes DIR/fits.md and DIR/fits.csv beside them."},
            descriptionHeading = "%n", optionListHeading = "%n", footerHeading = "%n", footer = EXIT_CODES, sortOptions = false)
    final class BenchOptions implements Callable<Integer> {
        @Option(names = "--problems", paramLabel = "A,B", hideParamSyntax = true, split = ",", description = "only these suite problems")
        List<String> problems = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", description = "where the tables go (default: bench/results)")
        Path output;

        @Option(names = "--examples", paramLabel = "DIR", description = "where the suite's .ode files are (default: examples)")
        Path examples;

        @Option(names = "--no-time-to", description = "skip the second run to 1e-4")
        boolean noTimeTo;

        @Option(names = "--corpus", description = "train the corpus (examples/corpus/*.ode: problems from the literature's test sets) instead of the suite, and write DIR/corpus.md and DIR/corpus.csv")
        boolean corpus;

        @Option(names = "--fits", description = "fit the inverse-problem examples (examples/fit-*.ode) instead of the suite, and write DIR/fits.md and DIR/fits.csv")
        boolean fits;

        @Option(names = "--bundles", description = "train the parametric examples (examples/bundle-*.ode) and one forward solve of each instead of the suite, and write DIR/bundle-examples.md and DIR/bundle-examples.csv (a bundle's cost in forward solves)")
        boolean bundles;

        @Option(names = "--xpp", description = "read every XPPAUT file of examples/xpp, train the supported ones, compare them with the classical integrator, and write DIR/xpp.md and DIR/xpp.csv")
        boolean xpp;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;

        @Override
        public Integer call() {
            Path home = Path.of(System.getProperty("neuroform.home", "."));
            Path folder = examples != null ? examples : home.resolve("examples");
            Path results = output != null ? output : home.resolve("bench").resolve("results");
            if (!Files.isDirectory(folder)) {
                err.println("neuroform bench: no examples folder at " + folder.toAbsolutePath() + " (use --examples DIR)");
                return ExitCode.FILE_ERROR;
            }
            BenchCommand bench = new BenchCommand(out, err);
            if (fits) {
                return bench.fits(folder, results);
            }
            if (xpp) {
                return bench.xpp(folder.resolve("xpp"), results);
            }
            if (bundles) {
                return bench.bundles(folder, results);
            }
            if (corpus) {
                return bench.corpus(folder, results);
            }
            int suite = bench.run(folder, results, problems, !noTimeTo);
            // The fits of the inverse-problem examples are reported beside the suite (not when only some suite problems are asked for).
            return suite != ExitCode.OK || !problems.isEmpty() ? suite : bench.fits(folder, results);
        }
    }

    @Command(name = "convert", synopsisHeading = "usage: ", customSynopsis = "neuroform convert FILE",
            description = {"print an XPPAUT .ode file in neuroform's language",
                "Reads FILE in XPPAUT's format (docs/language.md, 'XPPAUT files' says which part of it) and prints the native translation: params, defs for its functions, lets for its fixed variables and aux outputs, the equations, the initial values, and queries of every variable and aux at the end of the interval. Saved as a file, the translation checks clean and gives the same answers. Refused features are errors with their line and column in FILE."},
            descriptionHeading = "%n", optionListHeading = "%n", parameterListHeading = "%n", footerHeading = "%n", footer = EXIT_CODES,
            sortOptions = false)
    final class ConvertCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the XPPAUT .ode file")
        String file;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;

        @Override
        public Integer call() {
            Optional<SourceFile> source = load(file);
            if (source.isEmpty()) {
                return failure;
            }
            XppTranslation translation = XppReader.read(source.get());
            Compilation compilation = translation.compile();
            err.print(DiagnosticRenderer.render(source.get(), compilation.diagnostics()));
            if (compilation.hasErrors()) {
                long errors = compilation.errors().size();
                err.println(errors + " error" + (errors == 1 ? "" : "s"));
                return ExitCode.INPUT_ERROR;
            }
            out.print(translation.translated().text());
            return ExitCode.OK;
        }
    }

    @Command(name = "repl", synopsisHeading = "usage: ", customSynopsis = {"neuroform repl [FILE]", "       neuroform"},
            description = {"the interactive shell, FILE loaded first",
                "The interactive shell: type statements, :train, then queries such as y(1.5). Type :help inside for the commands. With FILE, the shell starts with :load FILE. When the input is not a terminal, lines are read as they come, without prompts."},
            descriptionHeading = "%n", optionListHeading = "%n", parameterListHeading = "%n", footerHeading = "%n", footer = EXIT_CODES)
    final class ReplCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "0..1", description = "an .ode file to load first")
        String file;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;

        @Override
        public Integer call() {
            return Repl.start(in, out, err, Optional.ofNullable(file));
        }
    }

    /** The exit code of the last failed {@link #compile}; its reason has been printed. */
    private int failure;

    private Optional<SourceFile> load(String file) {
        try {
            return Optional.of(SourceLoader.load(Path.of(file)));
        } catch (SourceLoader.LoadException e) {
            err.println("neuroform: " + e.getMessage());
        } catch (java.nio.file.InvalidPathException e) {
            err.println("neuroform: " + file + ": not a valid path");
        }
        failure = ExitCode.FILE_ERROR;
        return Optional.empty();
    }

    /**
     * The compiled problem, or empty when it cannot be read or has errors (printed, with
     * {@link #failure} set). {@code format} is {@code xpp}, {@code native} or null (recognised
     * from the text); an XPP file is announced on {@code announce} before anything else.
     */
    private Optional<CompiledProblem> compile(String file, boolean quiet, String format, PrintStream announce) {
        SourceFormat chosen = null;
        if (format != null) {
            for (SourceFormat f : SourceFormat.values()) {
                if (f.word().equals(format.toLowerCase(Locale.ROOT))) {
                    chosen = f;
                }
            }
            if (chosen == null) {
                err.println("neuroform: --format takes xpp or native, not '" + format + "'");
                failure = ExitCode.USAGE;
                return Optional.empty();
            }
        }
        Optional<SourceFile> loaded = load(file);
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        SourceFile source = loaded.get();
        Compilation compilation;
        if ((chosen == null ? SourceFormat.detect(source.text()) : chosen) == SourceFormat.XPP) {
            XppTranslation translation = XppReader.read(source);
            announce.println("reading " + source.name() + " as an XPPAUT file" + (chosen == null
                    ? " (no domain line; XPP's marks such as init, par, @, dx/dt)" : "")
                    + (translation.description().isEmpty() ? "" : ": " + translation.description()));
            compilation = translation.compile();
        } else {
            compilation = Compiler.compile(source);
        }
        List<Diagnostic> diagnostics = quiet ? compilation.errors() : compilation.diagnostics();
        err.print(DiagnosticRenderer.render(source, diagnostics));
        if (compilation.problem().isEmpty()) {
            long errors = diagnostics.stream().filter(Diagnostic::isError).count();
            err.println(errors + " error" + (errors == 1 ? "" : "s"));
            failure = ExitCode.INPUT_ERROR;
        }
        return compilation.problem();
    }

    /** {@code --format xpp|native}: one option for run, check and verify. */
    static final class FormatOption {
        @Option(names = "--format", paramLabel = "xpp|native", description = "the file's language: native, or XPPAUT's .ode format "
                + "(default: XPP when the file has no domain line and has XPP's marks: init, par, @, done, dx/dt, x(0)=)")
        String format;
    }
}
