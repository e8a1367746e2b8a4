package org.neuroform.repl.session;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.neuroform.ast.QueryStatement;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.ParsedInput;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.RangedParam;
import org.neuroform.compiler.TypedStatement;
import org.neuroform.compiler.check.ProblemChecker;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.repl.format.Numbers;
import org.neuroform.repl.format.Table;
import org.neuroform.repl.plot.Curve;
import org.neuroform.repl.plot.PngPlot;
import org.neuroform.repl.plot.TerminalPlot;
import org.neuroform.repl.session.Commands.CommandException;
import org.neuroform.runtime.bundle.ParametricSolution;

/**
 * {@code :table QUERY[, QUERY …] over k [from A to B [step H]]} and {@code :plot QUERY over k
 * [from A to B] [to F.png]}: queries of a parametric solution (values at fixed points, {@code
 * d(y(2), k)}) against one of its ranged params, the others at their {@code :set} values. Each
 * query is resolved again at every value of k, so that a bare {@code k} in it is that value.
 */
final class OverParam {
    private static final int MAX_ROWS = 10_000;

    private final Session session;

    OverParam(Session session) {
        this.session = session;
    }

    /** The parsed command: the queries, the param, its interval, what follows it. */
    private record Request(List<QueryStatement> queries, List<String> labels, RangedParam param, double from, double to, String rest) {}

    Reply table(String args) {
        StringBuilder out = new StringBuilder();
        try {
            Optional<Request> found = request(args, out, "step");
            if (found.isEmpty()) {
                return Reply.of(out.toString());
            }
            Request request = found.get();
            double step = request.rest().isEmpty() ? (request.to() - request.from()) / 10 : stepValue(request.rest());
            if (!(step > 0)) {
                throw new CommandException("the step must be positive");
            }
            if ((request.to() - request.from()) / step > MAX_ROWS) {
                throw new CommandException("that is more than " + MAX_ROWS + " rows: choose a larger step");
            }
            long count = (long) Math.floor((request.to() - request.from()) / step * (1 + 1e-12) + 1e-9);
            double[] ks = new double[(int) count + 1];
            for (int i = 0; i <= count; i++) {
                double k = request.from() + i * step;
                ks[i] = i == count && Math.abs(k - request.to()) <= 1e-9 * step ? request.to() : k;
            }
            List<double[]> columns = columns(request, ks);
            List<String> header = new ArrayList<>();
            header.add(request.param().name());
            header.addAll(request.labels());
            Table table = new Table(header);
            int digits = session.preferences().digits();
            for (int i = 0; i < ks.length; i++) {
                List<String> row = new ArrayList<>();
                row.add(Numbers.compact(ks[i], 10));
                for (double[] column : columns) {
                    row.add(Numbers.value(column[i], digits));
                }
                table.add(row);
            }
            return Reply.of(out + table.render());
        } catch (CommandException e) {
            return Reply.of(out + e.getMessage() + "\n");
        }
    }

    Reply plot(String args) {
        StringBuilder out = new StringBuilder();
        try {
            Optional<Request> found = request(args, out, "to");
            if (found.isEmpty()) {
                return Reply.of(out.toString());
            }
            Request request = found.get();
            String file = request.rest();
            if (!file.isEmpty()) {
                Path path;
                try {
                    path = Path.of(file);
                } catch (InvalidPathException e) {
                    return Reply.of(out + file + ": not a valid path\n");
                }
                if (!file.toLowerCase(Locale.ROOT).endsWith(".png")) {
                    return Reply.of(out + "plots are written as PNG: name the file FILE.png\n");
                }
                double[] ks = Commands.grid(request.from(), request.to(), 300);
                List<Curve> curves = curves(request, ks);
                try {
                    PngPlot.write(path, String.join(", ", request.labels()), request.param().name(), ks, curves);
                } catch (IOException e) {
                    return Reply.of(out + file + ": cannot write (" + e.getMessage() + ")\n");
                }
                return Reply.of(out + "wrote " + file + " (" + PngPlot.WIDTH + " × " + PngPlot.HEIGHT + " PNG)\n");
            }
            Preferences preferences = session.preferences();
            TerminalPlot plot = new TerminalPlot(preferences.width(), preferences.height(), preferences.plot(), preferences.color());
            double[] ks = Commands.grid(request.from(), request.to(), plot.samples(request.queries().size()));
            return Reply.of(out + plot.render(request.param().name(), request.from(), request.to(), curves(request, ks)));
        } catch (CommandException e) {
            return Reply.of(out + e.getMessage() + "\n");
        }
    }

    /**
     * Parses {@code QUERIES over k [from A to B] [KEYWORD REST]}; empty (with a message in {@code
     * out}) when there is no parametric solution.
     */
    private Optional<Request> request(String args, StringBuilder out, String keyword) throws CommandException {
        Optional<ParametricSolution> bundle = session.bundle();
        if (bundle.isEmpty()) {
            out.append(session.solution().isEmpty() ? "no trained solution yet: type :train\n"
                    : "'over' tabulates against a ranged param (param k in [a, b]); the trained problem has none\n");
            return Optional.empty();
        }
        if (session.isStale()) {
            out.append("(from the stale solution: the problem changed after :train)\n");
        }
        CompiledProblem problem = bundle.get().problem();
        String[] over = Commands.splitKeyword(args, "over");
        String[] tail = over[1].strip().split("\\s+", 2);
        String name = tail[0];
        String rest = tail.length > 1 ? tail[1].strip() : "";
        Optional<RangedParam> param = problem.ranges().get(name);
        if (param.isEmpty()) {
            throw new CommandException("'" + name + "' is not a ranged param of the trained problem (its ranged params: "
                    + String.join(", ", problem.ranges().names()) + ")");
        }
        double from = param.get().lower();
        double to = param.get().upper();
        if (Commands.splitKeyword(rest, "from").length > 1 && Commands.splitKeyword(rest, "from")[0].isEmpty()) {
            String[] range = Commands.splitKeyword(Commands.splitKeyword(rest, "from")[1], "to");
            if (range.length < 2) {
                throw new CommandException("write the interval as from A to B");
            }
            String[] upper = Commands.splitKeyword(range[1], keyword);
            from = Commands.constant(range[0], problem);
            to = Commands.constant(upper[0], problem);
            rest = upper.length > 1 ? upper[1] : "";
            for (double v : new double[] {from, to}) {
                if (!param.get().contains(v)) {
                    throw new CommandException(Numbers.compact(v, 6) + " is outside the range of " + name + " ["
                            + Numbers.compact(param.get().lower(), 6) + ", " + Numbers.compact(param.get().upper(), 6) + "]");
                }
            }
            if (!(from < to)) {
                throw new CommandException("the range is empty: from " + Numbers.compact(from, 6) + " to " + Numbers.compact(to, 6));
            }
        } else if (!rest.isEmpty()) {
            String[] after = Commands.splitKeyword(rest, keyword);
            if (after.length < 2 || !after[0].isEmpty()) {
                throw new CommandException("after 'over " + name + "' write from A to B" + (keyword.equals("step") ? " [step H]" : " or to FILE.png"));
            }
            rest = after[1];
        }
        List<QueryStatement> queries = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String text : topLevelParts(over[0])) {
            if (text.isBlank()) {
                throw new CommandException("name what to show against " + name + ": a query such as y(2) or d(y(2), " + name + ")");
            }
            SourceFile source = new SourceFile(Session.NAME, text.strip() + "\n");
            ParsedInput parsed = Compiler.parse(source);
            List<TypedStatement> statements = parsed.statements();
            if (parsed.hasErrors() || parsed.incomplete() || statements.size() != 1
                    || !(statements.get(0).statement() instanceof QueryStatement)) {
                throw new CommandException(parsed.hasErrors() ? DiagnosticRenderer.render(source, parsed.diagnostics()).stripTrailing()
                        : "'" + text.strip() + "' is not a query");
            }
            queries.add((QueryStatement) statements.get(0).statement());
            labels.add(text.strip());
        }
        return Optional.of(new Request(queries, labels, param.get(), from, to, rest.strip()));
    }

    private double stepValue(String rest) throws CommandException {
        return Commands.constant(rest, session.bundle().orElseThrow().problem());
    }

    private List<Curve> curves(Request request, double[] ks) throws CommandException {
        List<double[]> columns = columns(request, ks);
        List<Curve> curves = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            curves.add(new Curve(request.labels().get(i), columns.get(i)));
        }
        return curves;
    }

    /** Each query's value at each k (the other ranged params at their :set values). */
    private List<double[]> columns(Request request, double[] ks) throws CommandException {
        ParametricSolution bundle = session.bundle().orElseThrow();
        String name = request.param().name();
        List<double[]> columns = new ArrayList<>();
        for (int q = 0; q < request.queries().size(); q++) {
            QueryStatement statement = request.queries().get(q);
            double[] column = new double[ks.length];
            for (int i = 0; i < ks.length; i++) {
                Map<String, Double> defaults = new LinkedHashMap<>(session.fixedValues());
                defaults.put(name, ks[i]);
                ProblemChecker.QueryResult result = Compiler.compileQuery(bundle.problem(), statement, defaults);
                if (result.query().isEmpty()) {
                    throw new CommandException(DiagnosticRenderer.render(new SourceFile(Session.NAME, statement.text() + "\n"),
                            result.diagnostics()).stripTrailing());
                }
                Query query = result.query().get();
                if (query.at().get(name) != ks[i]) {
                    throw new CommandException(request.labels().get(q) + " names a value of " + name + " itself: against " + name
                            + " the query takes the table's values (write it without '; " + name + " = …')");
                }
                Optional<String> beyond = session.bundleRefusal(query);
                if (beyond.isPresent()) {
                    throw new CommandException(request.labels().get(q) + ": " + beyond.get());
                }
                column[i] = bundle.evaluate(query);
            }
            columns.add(column);
        }
        return columns;
    }

    /** The parts of {@code text} between commas outside brackets ({@code y(1; k = 1, c = 2), y(2)}: two). */
    static List<String> topLevelParts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
