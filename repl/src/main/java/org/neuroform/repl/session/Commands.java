package org.neuroform.repl.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuroform.ast.QueryStatement;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.ParsedInput;
import org.neuroform.compiler.TypedStatement;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.check.ProblemChecker;
import org.neuroform.compiler.settings.TrainOptions;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.repl.common.Version;
import org.neuroform.repl.export.ExportModel;
import org.neuroform.repl.export.SourceExporter;
import org.neuroform.repl.format.Numbers;
import org.neuroform.repl.format.Table;
import org.neuroform.repl.plot.Curve;
import org.neuroform.repl.plot.PngPlot;
import org.neuroform.repl.plot.TerminalPlot;
import org.neuroform.repl.solution.SolutionFile;

/** The REPL's {@code :commands}, looked up by name or by an unambiguous prefix. */
final class Commands {
    /** One command: its name, argument synopsis, one-line help, details for {@code :help NAME}, and action. */
    record Command(String name, String arguments, String help, String details, Function<String, Reply> action) {}

    /** A curve named as {@code y}, {@code y'}, {@code y''}: an unknown and a derivative order. */
    record CurveName(String label, int unknown, int order) {}

    private static final Pattern CURVE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)('*)");
    private static final int MAX_TABLE_ROWS = 10_000;
    static final String WRITER = "neuroform " + Version.current();

    private final Map<String, Command> table = new LinkedHashMap<>();
    private final Session session;

    Commands(Session session) {
        this.session = session;
        add("help", "[COMMAND]", "list the commands, or explain one", "", this::help);
        add("load", "FILE", "replace the problem by an .ode file's statements",
                "The file is checked first: if it has errors, nothing changes. A trained solution becomes stale.",
                args -> args.isBlank() ? usage("load") : Reply.of(session.load(args.strip())));
        add("reload", "", "load the last :load-ed file again", "", this::reload);
        add("train", "[KEY = VALUE, ...]", "train the problem (options: for this run only)",
                "Options: " + TrainOptions.validKeys() + ".\nExample: :train epochs = 500, hidden = [24]\n"
                        + "Ctrl-C stops training and keeps the best weights so far.",
                args -> Reply.of(session.train(args)));
        add("data", "FILE", "name a data file to estimate params from (adds: data \"FILE\")",
                "A CSV file with a header naming the domain variable and observed unknowns, and optional sigma columns\n"
                        + "(docs/language.md, Data files). The path is relative to the :load-ed file's directory, or the current one.",
                args -> args.isBlank() ? usage("data") : session.data(args.strip()));
        add("fit", "[KEY = VALUE, ...]", "estimate the params written 'param k = ?' from the data, and train at the estimates",
                "The same as :train for a problem with estimated params: each estimate with its standard error and 95 % interval,\n"
                        + "what the data do not determine, and how well the model explains the data.\n"
                        + "With ranged params (param k in [a, b]) it estimates them within their ranges over the trained bundle\n"
                        + "(trained first if needed), then sets them to the estimates as :set does.",
                args -> Reply.of(session.fit(args)));
        add("show", "", "the compiled problem and the solution's state", "",
                args -> Reply.of(session.show()));
        add("list", "", "the statements, numbered", "", args -> Reply.of(session.list()));
        add("drop", "N|v'|v(0)|NAME", "remove a statement",
                "By its number in :list, an equation by its highest derivative (:drop v'), a condition by what it fixes\n"
                        + "(:drop v(0)), a param by its name, or the domain (:drop domain). The others keep their order.",
                args -> {
                    StringBuilder why = new StringBuilder();
                    java.util.OptionalInt found = session.find(args, why);
                    return Reply.of(found.isPresent() ? session.drop(found.getAsInt()) : why.toString());
                });
        add("edit", "N|v'|v(0)|NAME", "change a statement: it comes back on the input line",
                "The statement is put on the input line; Enter puts the changed statement in its place, an empty line\n"
                        + "keeps it. Without a terminal, the next statement typed replaces it.",
                args -> {
                    StringBuilder why = new StringBuilder();
                    java.util.OptionalInt found = session.find(args, why);
                    return found.isPresent() ? session.edit(found.getAsInt()) : Reply.of(why.toString());
                });
        add("verify", "", "compare the solution with a classical integrator (1001 points)",
                "Initial value problems: Hipparchus's DormandPrince853Integrator (tolerances 1e-12) from the initial point;\n"
                        + "boundary value problems: the same integrator with shooting. Prints each unknown's largest deviation.",
                args -> Reply.of(session.verify()));
        add("table", "y[, y'…] [from A to B [step H]]", "values in a table",
                "Unknowns or derivatives, separated by commas: y, y'. Default: 11 rows over the domain.\n"
                        + "Example: :table y, y' from 0 to 1 step 0.25\n"
                        + "Against a ranged param at fixed points: :table y(2), d(y(2), k) over k [from A to B [step H]]",
                this::table);
        add("plot", "y[, v…] [from A to B] [to F.png]", "plot in the terminal, or to a PNG file",
                "Example: :plot y, y'   or   :plot y to y.png   (:set plot = ascii, :set width = 100 change the look)\n"
                        + "Against a ranged param at fixed points: :plot y(2) over k [from A to B] [to F.png]", this::plot);
        add("save", "FILE", "save the solution with its problem (JSON)", "",
                args -> args.isBlank() ? usage("save") : save(args.strip()));
        add("open", "FILE", "open a solution saved by :save", "",
                args -> args.isBlank() ? usage("open") : open(args.strip()));
        add("export", "y as java|python [to FILE]", "the solution as standalone code",
                "Without 'to FILE' the code is printed. The generated code needs nothing but the language's standard library.\n"
                        + "Example: :export y as python to y.py",
                this::export);
        add("set", "[KEY = VALUE]", "show or change the shell's settings", "",
                this::set);
        add("reset", "", "forget the problem and the solution", "", args -> {
            session.reset();
            return Reply.of("(empty problem)\n");
        });
        add("quit", "", "leave (Ctrl-D works too)", "", args -> new Reply("", false, true));
    }

    private void add(String name, String arguments, String help, String details, Function<String, Reply> action) {
        table.put(name, new Command(name, arguments, help, details, action));
    }

    List<String> names() {
        return new ArrayList<>(table.keySet());
    }

    Optional<Command> command(String name) {
        return Optional.ofNullable(table.get(name));
    }

    Reply execute(String input) {
        String body = input.substring(1).strip();
        int space = indexOfWhitespace(body);
        String word = space < 0 ? body : body.substring(0, space);
        String args = space < 0 ? "" : body.substring(space + 1).strip();
        List<Command> matches = lookup(word);
        if (matches.isEmpty()) {
            return Reply.of("unknown command :" + word + " (type :help)\n");
        }
        if (matches.size() > 1) {
            List<String> names = matches.stream().map(c -> ":" + c.name()).toList();
            return Reply.of("ambiguous command :" + word + ": " + String.join(", ", names) + "\n");
        }
        return matches.get(0).action().apply(args);
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Commands by exact name, alias ({@code :q}, {@code :exit}), or unambiguous prefix. */
    List<Command> lookup(String word) {
        if (word.equals("q") || word.equals("exit")) {
            word = "quit";
        }
        Command exact = table.get(word);
        if (exact != null) {
            return List.of(exact);
        }
        List<Command> matches = new ArrayList<>();
        if (!word.isEmpty()) {
            for (Command command : table.values()) {
                if (command.name().startsWith(word)) {
                    matches.add(command);
                }
            }
        }
        return matches;
    }

    private Reply usage(String name) {
        Command command = table.get(name);
        return Reply.of("usage: :" + command.name() + " " + command.arguments() + "\n");
    }

    private Reply help(String args) {
        StringBuilder out = new StringBuilder();
        if (!args.isBlank()) {
            String word = args.strip().replaceFirst("^:", "");
            List<Command> matches = lookup(word);
            if (matches.size() != 1) {
                return Reply.of("no command :" + word + " (type :help)\n");
            }
            Command command = matches.get(0);
            out.append(synopsis(command)).append('\n');
            out.append("    ").append(command.help()).append('\n');
            if (!command.details().isEmpty()) {
                for (String line : command.details().split("\n")) {
                    out.append("    ").append(line).append('\n');
                }
            }
            return Reply.of(out.toString());
        }
        out.append("Type statements to build a problem (domain, param, equations, conditions, train),\n");
        out.append("then :train, then queries such as y(1.5) or y'(0.2). Commands (any unambiguous prefix works):\n");
        int width = 0;
        for (Command command : table.values()) {
            width = Math.max(width, synopsis(command).length());
        }
        for (Command command : table.values()) {
            out.append("  ").append(synopsis(command)).append(" ".repeat(width - synopsis(command).length() + 2)).append(command.help())
                    .append('\n');
        }
        out.append("Keys: Tab completes, Ctrl-C clears the line or stops training, Ctrl-D quits.\n");
        return Reply.of(out.toString());
    }

    private static String synopsis(Command command) {
        return ":" + command.name() + (command.arguments().isEmpty() ? "" : " " + command.arguments());
    }

    private Reply reload(String args) {
        Optional<Path> file = session.loadedFile();
        if (file.isEmpty()) {
            return Reply.of("nothing to reload: :load a file first\n");
        }
        return Reply.of(session.load(file.get().toString()));
    }

    // ------------------------------------------------------------------ :set

    private Reply set(String args) {
        Preferences preferences = session.preferences();
        if (args.isBlank()) {
            StringBuilder out = new StringBuilder();
            for (Preferences.Setting setting : Preferences.SETTINGS.values()) {
                out.append(String.format(Locale.ROOT, "  %-9s = %-8s %s (%s)%n", setting.key(), preferences.get(setting.key()),
                        setting.meaning(), setting.values()));
            }
            session.fixedValues().forEach((name, value) -> out.append(String.format(Locale.ROOT, "  %-9s = %-8s %s%n", name,
                    Numbers.compact(value, 12), "ranged param, for the queries that do not name it")));
            return Reply.of(out.toString());
        }
        String key;
        String value;
        int equals = args.indexOf('=');
        if (equals >= 0) {
            key = args.substring(0, equals).strip();
            value = args.substring(equals + 1).strip();
        } else {
            String[] words = args.strip().split("\\s+", 2);
            key = words[0];
            value = words.length > 1 ? words[1] : "";
        }
        Optional<Reply> ranged = setRangedParam(key, value);
        if (ranged.isPresent()) {
            return ranged.get();
        }
        if (value.isEmpty()) {
            if (Preferences.SETTINGS.containsKey(key)) {
                return Reply.of(key + " = " + preferences.get(key) + "\n");
            }
            return Reply.of("usage: :set KEY = VALUE (settings: " + String.join(", ", Preferences.SETTINGS.keySet()) + ")\n");
        }
        if (TrainOptions.get(key) != null && !Preferences.SETTINGS.containsKey(key)) {
            return Reply.of(key + " is a train option: write it in a train line (train " + key + " = " + value + ") or :train " + key
                    + " = " + value + "\n");
        }
        String error = preferences.set(key, value);
        return Reply.of(error == null ? key + " = " + preferences.get(key) + "\n" : error + "\n");
    }

    /** {@code :set k = VALUE} when k is a ranged param of the trained (or current) problem; empty for any other key. */
    private Optional<Reply> setRangedParam(String key, String value) {
        if (Preferences.SETTINGS.containsKey(key)) {
            return Optional.empty();
        }
        Optional<org.neuroform.compiler.CompiledProblem> problem = session.rangedProblem();
        Optional<org.neuroform.compiler.RangedParam> param = problem.flatMap(p -> p.ranges().get(key));
        if (param.isEmpty()) {
            if (session.names().params().contains(key)) {
                return Optional.of(Reply.of(key + " is not a ranged param: :set fixes a param written 'param " + key
                        + " in [a, b]' for the following queries (an ordinary param changes by a statement: param " + key + " = VALUE)\n"));
            }
            return Optional.empty();
        }
        if (value.isEmpty()) {
            Double fixed = session.fixedValues().get(key);
            return Optional.of(Reply.of(fixed == null ? key + " is not set: the queries name it (y(X; " + key + " = VALUE)) or :set " + key
                    + " = VALUE\n" : key + " = " + Numbers.compact(fixed, 12) + "\n"));
        }
        try {
            return Optional.of(Reply.of(session.fix(param.get(), constant(value, problem.get()))));
        } catch (CommandException e) {
            return Optional.of(Reply.of(e.getMessage() + "\n"));
        }
    }

    // ------------------------------------------------------------------ :table and :plot

    /**
     * What :table and :plot sample across the domain: the solution, or the parametric one at its
     * {@code :set} values; empty with a message when there is none.
     */
    private Optional<Sampling> sampling(StringBuilder out) {
        Optional<org.neuroform.runtime.bundle.ParametricSolution> bundle = session.bundle();
        if (bundle.isEmpty()) {
            return trained(out).map(Sampling::of);
        }
        Optional<double[]> p = session.fixedPoint();
        if (p.isEmpty()) {
            List<String> missing = bundle.get().ranges().names().stream().filter(n -> !session.fixedValues().containsKey(n)).toList();
            out.append("the solution depends on ").append(String.join(", ", bundle.get().ranges().names()))
                    .append(": fix ").append(missing.size() == 1 ? "it" : "them").append(" first (:set ").append(missing.get(0))
                    .append(" = VALUE), or tabulate a query against a param (:table y(X) over ").append(missing.get(0)).append(")\n");
            return Optional.empty();
        }
        if (session.isStale()) {
            out.append("(from the stale solution: the problem changed after :train)\n");
        }
        out.append("(at ").append(org.neuroform.repl.format.BundleText.values(bundle.get().named(p.get()))).append(")\n");
        return Optional.of(Sampling.of(bundle.get(), p.get()));
    }

    /** The solution for a command that needs one, or a message. */
    private Optional<TrainedSolution> trained(StringBuilder out) {
        if (session.bundle().isPresent()) {
            out.append("that is not available for a parametric solution yet (ranged params)\n");
            return Optional.empty();
        }
        Optional<TrainedSolution> solution = session.solution();
        if (solution.isEmpty()) {
            out.append("no trained solution yet: type :train\n");
        } else if (session.isStale()) {
            out.append("(from the stale solution: the problem changed after :train)\n");
        }
        return solution;
    }

    private Reply table(String args) {
        if (args.isBlank()) {
            return usage("table");
        }
        if (splitKeyword(args, "over").length > 1) {
            return new OverParam(session).table(args);
        }
        StringBuilder out = new StringBuilder();
        Optional<Sampling> found = sampling(out);
        if (found.isEmpty()) {
            return Reply.of(out.toString());
        }
        Sampling solution = found.get();
        Domain domain = solution.problem().domain();
        String[] parts = splitKeyword(args, "from");
        List<CurveName> curves;
        double from = solution.coveredLower(); // the whole domain, unless training stopped part of the way
        double to = solution.coveredUpper();
        double step;
        try {
            curves = curves(parts[0], solution);
            Double stepValue = null;
            if (parts.length > 1) {
                String[] range = splitKeyword(parts[1], "to");
                if (range.length < 2) {
                    return Reply.of("usage: :table CURVES from A to B [step H]\n");
                }
                String[] upper = splitKeyword(range[1], "step");
                from = constant(range[0], solution);
                to = constant(upper[0], solution);
                if (upper.length > 1) {
                    stepValue = constant(upper[1], solution);
                }
            } else if (splitKeyword(args, "step").length > 1) {
                String[] withStep = splitKeyword(args, "step");
                curves = curves(withStep[0], solution);
                stepValue = constant(withStep[1], solution);
            }
            inside(from, solution);
            inside(to, solution);
            if (!(from < to)) {
                throw new CommandException("the range is empty: from " + Numbers.compact(from, 6) + " to " + Numbers.compact(to, 6));
            }
            step = stepValue == null ? (to - from) / 10 : stepValue;
            if (!(step > 0)) {
                throw new CommandException("the step must be positive");
            }
            if ((to - from) / step > MAX_TABLE_ROWS) {
                throw new CommandException("that is more than " + MAX_TABLE_ROWS + " rows: choose a larger step");
            }
        } catch (CommandException e) {
            return Reply.of(out + e.getMessage() + "\n");
        }
        List<Double> points = new ArrayList<>();
        long count = (long) Math.floor((to - from) / step * (1 + 1e-12) + 1e-9);
        for (long i = 0; i <= count; i++) {
            points.add(i == count && Math.abs(from + i * step - to) <= 1e-9 * step ? to : from + i * step);
        }
        double[] xs = points.stream().mapToDouble(Double::doubleValue).toArray();
        List<String> header = new ArrayList<>();
        header.add(domain.variable());
        List<double[]> columns = new ArrayList<>();
        for (CurveName curve : curves) {
            header.add(curve.label());
            try {
                columns.add(solution.values(curve.unknown(), curve.order(), xs));
            } catch (IllegalArgumentException e) {
                return Reply.of(out + "cannot evaluate " + curve.label() + ": " + e.getMessage() + "\n");
            }
        }
        Table result = new Table(header);
        int digits = session.preferences().digits();
        for (int i = 0; i < xs.length; i++) {
            List<String> row = new ArrayList<>();
            row.add(Numbers.compact(xs[i], 10));
            for (double[] column : columns) {
                row.add(Numbers.value(column[i], digits));
            }
            result.add(row);
        }
        return Reply.of(out + result.render());
    }

    private Reply plot(String args) {
        if (args.isBlank()) {
            return usage("plot");
        }
        if (splitKeyword(args, "over").length > 1) {
            return new OverParam(session).plot(args);
        }
        StringBuilder out = new StringBuilder();
        Optional<Sampling> found = sampling(out);
        if (found.isEmpty()) {
            return Reply.of(out.toString());
        }
        Sampling solution = found.get();
        Domain domain = solution.problem().domain();
        double from = solution.coveredLower(); // the whole domain, unless training stopped part of the way
        double to = solution.coveredUpper();
        String file = null;
        List<CurveName> curves;
        try {
            String[] parts = splitKeyword(args, "from");
            String rest;
            if (parts.length > 1) {
                String[] range = splitKeyword(parts[1], "to");
                if (range.length < 2) {
                    return Reply.of("usage: :plot CURVES from A to B [to FILE.png]\n");
                }
                from = constant(range[0], solution);
                String[] upper = splitKeyword(range[1], "to");
                to = constant(upper[0], solution);
                file = upper.length > 1 ? upper[1] : null;
                rest = parts[0];
            } else {
                String[] target = splitKeyword(args, "to");
                rest = target[0];
                file = target.length > 1 ? target[1] : null;
            }
            curves = curves(rest, solution);
            inside(from, solution);
            inside(to, solution);
            if (!(from < to)) {
                throw new CommandException("the range is empty: from " + Numbers.compact(from, 6) + " to " + Numbers.compact(to, 6));
            }
        } catch (CommandException e) {
            return Reply.of(out + e.getMessage() + "\n");
        }
        Preferences preferences = session.preferences();
        if (file != null) {
            return Reply.of(out + png(solution, curves, from, to, file.strip()));
        }
        TerminalPlot plot = new TerminalPlot(preferences.width(), preferences.height(), preferences.plot(), preferences.color());
        int samples = plot.samples(curves.size());
        double[] xs = grid(from, to, samples);
        List<Curve> sampled = new ArrayList<>();
        for (CurveName curve : curves) {
            try {
                sampled.add(new Curve(curve.label(), solution.values(curve.unknown(), curve.order(), xs)));
            } catch (IllegalArgumentException e) {
                return Reply.of(out + "cannot evaluate " + curve.label() + ": " + e.getMessage() + "\n");
            }
        }
        return Reply.of(out + plot.render(domain.variable(), from, to, sampled));
    }

    private String png(Sampling solution, List<CurveName> curves, double from, double to, String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            return file + ": not a valid path\n";
        }
        if (!file.toLowerCase(Locale.ROOT).endsWith(".png")) {
            return "plots are written as PNG: name the file FILE.png\n";
        }
        double[] xs = grid(from, to, 600);
        List<Curve> sampled = new ArrayList<>();
        for (CurveName curve : curves) {
            try {
                sampled.add(new Curve(curve.label(), solution.values(curve.unknown(), curve.order(), xs)));
            } catch (IllegalArgumentException e) {
                return "cannot evaluate " + curve.label() + ": " + e.getMessage() + "\n";
            }
        }
        String title = String.join(", ", curves.stream().map(CurveName::label).toList());
        try {
            PngPlot.write(path, title, solution.problem().domain().variable(), xs, sampled);
        } catch (IOException e) {
            return file + ": cannot write (" + e.getMessage() + ")\n";
        }
        return "wrote " + file + " (" + PngPlot.WIDTH + " × " + PngPlot.HEIGHT + " PNG)\n";
    }

    static double[] grid(double from, double to, int count) {
        return org.neuroform.runtime.solution.Grid.uniform(from, to, count);
    }

    /** Thrown by argument parsing; the message is for the user. */
    static final class CommandException extends Exception {
        private static final long serialVersionUID = 1L;

        CommandException(String message) {
            super(message, null, false, false);
        }
    }

    /** Splits at the first whole word {@code keyword} (surrounded by spaces): before, after (or just the text). */
    static String[] splitKeyword(String text, String keyword) {
        Matcher m = Pattern.compile("(^|\\s)" + keyword + "(\\s|$)").matcher(text);
        if (!m.find()) {
            return new String[] {text.strip()};
        }
        return new String[] {text.substring(0, m.start()).strip(), text.substring(m.end()).strip()};
    }

    static List<CurveName> curves(String text, Sampling solution) throws CommandException {
        List<CurveName> curves = new ArrayList<>();
        if (text.isBlank()) {
            throw new CommandException("name what to show: an unknown (y) or a derivative (y')");
        }
        for (String part : text.split(",")) {
            String name = part.strip();
            Matcher m = CURVE.matcher(name);
            if (!m.matches()) {
                throw new CommandException("'" + name + "' is not an unknown or a derivative (write y or y')");
            }
            int unknown = solution.problem().unknownIndex(m.group(1));
            if (unknown < 0) {
                List<String> names = solution.problem().unknowns().stream().map(u -> u.name()).toList();
                throw new CommandException("'" + m.group(1) + "' is not an unknown of the trained problem (unknowns: " + String.join(", ", names) + ")");
            }
            curves.add(new CurveName(name, unknown, m.group(2).length()));
        }
        return curves;
    }

    /** A constant expression ({@code 0.5}, {@code pi/2}, {@code 2*k}) evaluated with the trained problem's params. */
    static double constant(String text, Sampling solution) throws CommandException {
        return constant(text, solution.problem());
    }

    /** A constant expression evaluated with a compiled problem's params. */
    static double constant(String text, org.neuroform.compiler.CompiledProblem problem) throws CommandException {
        if (text.isBlank()) {
            throw new CommandException("a number is missing");
        }
        SourceFile source = new SourceFile(Session.NAME, text.strip() + "\n");
        ParsedInput parsed = Compiler.parse(source);
        List<TypedStatement> statements = parsed.statements();
        if (parsed.hasErrors() || parsed.incomplete() || statements.size() != 1
                || !(statements.get(0).statement() instanceof QueryStatement)) {
            throw new CommandException("'" + text.strip() + "' is not a number");
        }
        QueryStatement statement = (QueryStatement) statements.get(0).statement();
        if (problem.isParametric()) {
            // A constant cannot depend on a ranged param: the same value at both ends of the ranges.
            double low = constant(text, source, problem, statement, org.neuroform.compiler.RangedParam::lower);
            double high = constant(text, source, problem, statement, org.neuroform.compiler.RangedParam::upper);
            if (low != high) {
                throw new CommandException("'" + text.strip() + "' depends on a ranged param (" + String.join(", ", problem.ranges().names())
                        + "): write a number");
            }
            return low;
        }
        return constant(text, source, problem, statement, org.neuroform.compiler.RangedParam::middle);
    }

    private static double constant(String text, SourceFile source, org.neuroform.compiler.CompiledProblem problem, QueryStatement statement,
            java.util.function.ToDoubleFunction<org.neuroform.compiler.RangedParam> at) throws CommandException {
        Map<String, Double> values = new LinkedHashMap<>();
        problem.ranges().params().forEach(param -> values.put(param.name(), at.applyAsDouble(param)));
        ProblemChecker.QueryResult result = Compiler.compileQuery(problem, statement, values);
        if (result.query().isEmpty()) {
            throw new CommandException(DiagnosticRenderer.render(source, result.diagnostics()).stripTrailing());
        }
        Query query = result.query().get();
        try {
            double value = Evaluator.evaluate(query.expression(), leaf -> {
                throw new IllegalArgumentException("not a constant");
            });
            if (!Double.isFinite(value)) {
                throw new CommandException("'" + text.strip() + "' is not a finite number");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new CommandException("'" + text.strip() + "' is not a constant");
        }
    }

    static void inside(double x, Domain domain) throws CommandException {
        if (!domain.contains(x)) {
            throw new CommandException(Numbers.compact(x, 6) + " is outside the domain [" + Numbers.compact(domain.lower(), 6) + ", "
                    + Numbers.compact(domain.upper(), 6) + "]: a trained solution is only known there");
        }
    }

    /** x in the domain and in the part of it training covered (all of it, unless training stopped early). */
    static void inside(double x, Sampling solution) throws CommandException {
        inside(x, solution.problem().domain());
        if (!solution.covers(x)) {
            throw new CommandException(Numbers.compact(x, 6) + " is beyond the trained part [" + Numbers.compact(solution.coveredLower(), 6)
                    + ", " + Numbers.compact(solution.coveredUpper(), 6) + "] of the domain: training stopped there");
        }
    }

    // ------------------------------------------------------------------ :save, :open, :export

    private Reply save(String file) {
        Optional<TrainedSolution> solution = session.solution();
        Optional<org.neuroform.runtime.bundle.ParametricSolution> bundle = session.bundle();
        if (solution.isEmpty() && bundle.isEmpty()) {
            return Reply.of("nothing to save: no trained solution yet (:train)\n");
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            return Reply.of(file + ": not a valid path\n");
        }
        try {
            if (bundle.isPresent()) {
                SolutionFile.save(bundle.get(), WRITER, path);
            } else {
                SolutionFile.save(solution.get(), WRITER, path);
            }
        } catch (SolutionFile.FormatException e) {
            return Reply.of(e.getMessage() + "\n");
        }
        return Reply.of("saved the trained solution and its problem to " + file
                + (session.isStale() ? " (the solution is stale: the problem saved is the one it was trained on)" : "") + "\n");
    }

    private Reply open(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            return Reply.of(file + ": not a valid path\n");
        }
        SolutionFile.Opened opened;
        try {
            opened = SolutionFile.openAny(path);
        } catch (SolutionFile.FormatException e) {
            return Reply.of(e.getMessage() + "\n(nothing opened; the session is unchanged)\n");
        }
        List<TypedStatement> statements = Compiler.parse(opened.problem().source()).statements();
        if (opened instanceof SolutionFile.Bundle) {
            org.neuroform.runtime.bundle.ParametricSolution bundle = ((SolutionFile.Bundle) opened).bundle();
            session.replace(statements, bundle);
            return Reply.of("opened " + file + ": " + statements.size() + " statements and the trained parametric solution\n"
                    + Session.bundleSummary(bundle) + "\n");
        }
        TrainedSolution single = ((SolutionFile.Single) opened).solution();
        session.replace(statements, single);
        return Reply.of("opened " + file + ": " + statements.size() + " statements and the trained solution\n"
                + Session.summary(single) + "\n");
    }

    private Reply export(String args) {
        Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s+as\\s+([A-Za-z]+)(?:\\s+to\\s+(.+))?").matcher(args.strip());
        if (!m.matches()) {
            return usage("export");
        }
        StringBuilder out = new StringBuilder();
        Optional<org.neuroform.runtime.bundle.ParametricSolution> bundle = session.bundle();
        if (bundle.isPresent() && session.isStale()) {
            out.append("(from the stale solution: the problem changed after :train)\n");
        }
        Optional<TrainedSolution> found = bundle.isPresent() ? Optional.empty() : trained(out);
        if (found.isEmpty() && bundle.isEmpty()) {
            return Reply.of(out.toString());
        }
        org.neuroform.compiler.CompiledProblem problem = bundle.isPresent() ? bundle.get().problem() : found.get().problem();
        int unknown = problem.unknownIndex(m.group(1));
        if (unknown < 0) {
            return Reply.of(out + "'" + m.group(1) + "' is not an unknown of the trained problem\n");
        }
        SourceExporter.Language language;
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "java":
                language = SourceExporter.Language.JAVA;
                break;
            case "python":
            case "py":
                language = SourceExporter.Language.PYTHON;
                break;
            default:
                return Reply.of(out + "export as java or python, not " + m.group(2) + "\n");
        }
        String file = m.group(3) == null ? null : m.group(3).strip();
        Path path = null;
        String className = SourceExporter.defaultClassName(m.group(1));
        if (file != null) {
            try {
                path = Path.of(file);
            } catch (InvalidPathException e) {
                return Reply.of(out + file + ": not a valid path\n");
            }
            if (language == SourceExporter.Language.JAVA) {
                String base = path.getFileName().toString();
                if (!base.endsWith(".java") || !SourceExporter.isJavaIdentifier(base.substring(0, base.length() - 5))) {
                    return Reply.of(out + "a Java file is named after its class: CLASS.java, e.g. " + className + ".java\n");
                }
                className = base.substring(0, base.length() - 5);
            }
        }
        String code;
        if (bundle.isPresent()) {
            org.neuroform.repl.export.BundleExporter exporter = new org.neuroform.repl.export.BundleExporter(WRITER);
            code = language == SourceExporter.Language.JAVA ? exporter.java(bundle.get(), unknown, className)
                    : exporter.python(bundle.get(), unknown);
        } else {
            ExportModel model = ExportModel.of(found.get(), unknown);
            SourceExporter exporter = new SourceExporter(WRITER);
            code = language == SourceExporter.Language.JAVA ? exporter.java(model, className) : exporter.python(model);
        }
        if (path == null) {
            return Reply.of(out + code);
        }
        try {
            Files.writeString(path, code, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Reply.of(out + file + ": cannot write (" + e.getMessage() + ")\n");
        } catch (UnsupportedOperationException | SecurityException e) {
            return Reply.of(out + file + ": cannot write\n");
        }
        String function = SourceExporter.functionName(m.group(1), language);
        List<String> arguments = new ArrayList<>(List.of("x"));
        bundle.ifPresent(b -> b.ranges().names().forEach(n -> arguments.add(org.neuroform.repl.export.BundleExporter.argumentName(n, language))));
        String javaArguments = String.join(", ", java.util.Collections.nCopies(arguments.size(), "double"));
        return Reply.of(out + "wrote " + file + (language == SourceExporter.Language.JAVA ? " (class " + className + ", method " + function
                + "(" + javaArguments + "))" : " (function " + function + "(" + String.join(", ", arguments) + "))") + "\n");
    }
}
