package org.neuroform.repl.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.neuroform.ast.Program;
import org.neuroform.ast.QueryStatement;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.ParsedInput;
import org.neuroform.compiler.PartialCheck;
import org.neuroform.compiler.ProblemPrinter;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.TypedStatement;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.check.ProblemChecker;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.compiler.RangedParam;
import org.neuroform.runtime.bundle.BundleTrainer;
import org.neuroform.runtime.bundle.BundleVerifier;
import org.neuroform.runtime.bundle.ParametricSolution;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.train.Trainer;
import org.neuroform.repl.common.SourceLoader;
import org.neuroform.repl.format.Numbers;
import org.neuroform.repl.format.Reports;
import org.neuroform.repl.format.Accuracy;
import org.neuroform.repl.format.Coverage;
import org.neuroform.repl.solution.Residuals;
import org.neuroform.runtime.verify.Verifier;

/**
 * The REPL's state and its handling of one input at a time, with no terminal involved (so
 * transcripts can be tested). Statements build the current problem; {@code :commands} act on
 * it; queries are answered from the trained solution.
 *
 * <p>Nothing is lost to a mistake: a statement with an error is not added, a failed
 * {@code :train} keeps the previous solution, a file that cannot be loaded or opened leaves the
 * session as it was.
 */
public final class Session {
    static final String NAME = "<repl>";

    /** The accepted statements, parsed once, each with its text as typed (one or more lines). */
    private final StatementList statements = new StatementList(NAME);
    private TrainedSolution solution;
    /** A trained problem with ranged params (then {@code solution} is null); answers at its params' values. */
    private ParametricSolution bundle;
    private BundleVerifier bundleVerifier; // for the current bundle, made when first needed
    private List<String> bundleStatements; // what the bundle was trained for (withoutData); null: options or a file
    /** The values of ranged params fixed by {@code :set k = …} for the queries that do not name them. */
    private final Map<String, Double> fixedValues = new LinkedHashMap<>();
    private boolean stale;
    private Verifier verifier; // for the current solution, made when first needed
    private Path loadedFile;
    private final Commands commands = new Commands(this);
    private final Preferences preferences = new Preferences();
    private TrainingObserver observer = TrainingObserver.SILENT;
    private Names names;
    /** The statement (0-based) that the next typed statement replaces, after {@code :edit}; -1 otherwise. */
    private int editing = -1;
    private String lastInput;
    private ParsedInput lastParsed;

    /** The names of the current problem, for completion and highlighting. */
    public record Names(Set<String> unknowns, Set<String> params, Optional<String> variable) {
        public Names {
            unknowns = Set.copyOf(unknowns);
            params = Set.copyOf(params);
        }
    }

    public void setObserver(TrainingObserver observer) {
        this.observer = observer;
    }

    /** Sets a monitor used for every training run (tests: stop after n iterations). */
    public void setMonitor(TrainingMonitor monitor) {
        this.observer = problem -> monitor;
    }

    public Preferences preferences() {
        return preferences;
    }

    /** Handles one complete input (possibly several lines). */
    public Reply handle(String input) {
        String trimmed = input.strip();
        int edit = editing;
        editing = -1;
        if (trimmed.isEmpty()) {
            return edit >= 0 ? Reply.of("(statement " + (edit + 1) + " is unchanged)\n") : Reply.NOTHING;
        }
        if (trimmed.startsWith(":")) {
            return commands.execute(trimmed);
        }
        ParsedInput parsed = parse(input);
        if (parsed.incomplete()) {
            editing = edit;
            return Reply.INCOMPLETE;
        }
        if (parsed.hasErrors()) {
            String errors = DiagnosticRenderer.render(parsed.source(), parsed.diagnostics());
            if (edit >= 0) { // the statement being edited stays as it was; the text comes back to be corrected
                editing = edit;
                return Reply.edit(errors, input.strip());
            }
            return Reply.of(errors);
        }
        StringBuilder out = new StringBuilder();
        for (TypedStatement statement : parsed.statements()) {
            if (statement.statement() instanceof QueryStatement) {
                out.append(query(statement));
            } else {
                StatementList.Change added = add(statement, edit);
                if (edit >= 0 && !added.made()) {
                    // nothing changed: the statement with its mistake comes back to be corrected
                    editing = edit;
                    return Reply.edit(out + added.text(), statement.shown());
                }
                out.append(added.text());
                edit = -1; // a second statement in the same input is added after the others
            }
        }
        return Reply.of(out.toString());
    }

    /** True when the input so far needs more lines (an open bracket, a trailing operator). */
    public boolean isIncomplete(String input) {
        if (input.strip().startsWith(":")) {
            return false;
        }
        return parse(input).incomplete();
    }

    /** The input parsed, once: the loop asks {@link #isIncomplete} and then {@link #handle} with the same text. */
    private ParsedInput parse(String input) {
        if (!input.equals(lastInput)) {
            lastParsed = Compiler.parse(new SourceFile(NAME, input));
            lastInput = input;
        }
        return lastParsed;
    }

    /** Completion candidates for {@code buffer} with the cursor at {@code cursor}. */
    public Completion.Result complete(String buffer, int cursor) {
        return new Completion(this).complete(buffer, cursor);
    }

    /** Where the word being completed starts (what the terminal replaces by a candidate). */
    public static int wordStart(String buffer, int cursor) {
        return Completion.wordStart(buffer, cursor);
    }

    /** How to colour {@code buffer}. */
    public List<Highlighting.Span> highlight(String buffer) {
        return new Highlighting(names(), commands).spans(buffer);
    }

    /** Adds a statement (or puts it in place of statement {@code edit}); a change makes the solution stale. */
    private StatementList.Change add(TypedStatement statement, int edit) {
        StatementList.Change change = statements.add(statement, edit);
        return change.made() ? new StatementList.Change(change.text() + changed(), true) : change;
    }

    /** After any change to the statements: a trained solution is now stale (said once). */
    private String changed() {
        names = null;
        if ((solution != null || bundle != null) && !stale) {
            stale = true;
            return "(the trained solution is now stale: :train to update it)\n";
        }
        return "";
    }

    private String query(TypedStatement typed) {
        if (bundle != null) {
            return bundleQuery(typed);
        }
        if (solution == null) {
            return "no trained solution yet: type :train\n";
        }
        QueryStatement statement = (QueryStatement) typed.statement();
        ProblemChecker.QueryResult result = Compiler.compileQuery(solution.problem(), statement);
        if (result.query().isEmpty()) {
            return DiagnosticRenderer.render(new SourceFile(NAME, typed.text()), result.diagnostics());
        }
        Query query = result.query().get();
        Optional<Diagnostic> beyond = Coverage.refusal(solution, query); // training stopped before this point
        if (beyond.isPresent()) {
            return DiagnosticRenderer.render(new SourceFile(NAME, typed.text()), List.of(beyond.get()));
        }
        double v;
        try {
            v = solution.evaluate(query.expression());
        } catch (IllegalArgumentException e) {
            return "cannot evaluate " + query.text() + ": " + e.getMessage() + "\n";
        }
        String value = query.text() + " = " + Numbers.value(v, preferences.digits()) + "\n"
                + Accuracy.queryLine(verifier().accuracy(query.expression()), solution.report().converged()) + "\n";
        return stale ? value + "(from the stale solution: the problem changed after :train)\n" : value;
    }

    /** A query of the parametric solution: at the values it names, the others at their {@code :set} values. */
    private String bundleQuery(TypedStatement typed) {
        QueryStatement statement = (QueryStatement) typed.statement();
        SourceFile source = new SourceFile(NAME, typed.text());
        ProblemChecker.QueryResult result = Compiler.compileQuery(bundle.problem(), statement, fixedValues);
        if (result.query().isEmpty()) {
            return DiagnosticRenderer.render(source, result.diagnostics());
        }
        Query query = result.query().get();
        Optional<String> beyond = bundleRefusal(query);
        if (beyond.isPresent()) {
            return query.text() + ": " + beyond.get() + "\n";
        }
        double v = bundle.evaluate(query);
        String value = query.text() + " = " + Numbers.value(v, preferences.digits())
                + (query.text().contains(";") || query.at().isEmpty() ? "" : "   (at " + org.neuroform.repl.format.BundleText.values(query.at()) + ")")
                + "\n" + Accuracy.queryLine(bundleVerifier().accuracy(query), bundle.report().training().converged()) + "\n";
        return stale ? value + "(from the stale solution: the problem changed after :train)\n" : value;
    }

    /** Why a query of the bundle cannot be answered (a point beyond where training stopped at some node), or empty. */
    Optional<String> bundleRefusal(Query query) {
        for (Expr term : org.neuroform.compiler.sym.Sym.unknownTerms(query.expression())) {
            double x = ((org.neuroform.compiler.sym.PointValue) term).point();
            if (!bundle.covers(x)) {
                return Optional.of(Numbers.compact(x, 6) + " is beyond the trained part [" + Numbers.compact(bundle.coveredLower(), 6)
                        + ", " + Numbers.compact(bundle.coveredUpper(), 6) + "] of the domain: training stopped there");
            }
        }
        return Optional.empty();
    }

    private BundleVerifier bundleVerifier() {
        if (bundleVerifier == null || bundleVerifier.bundle() != bundle) {
            bundleVerifier = new BundleVerifier(bundle);
        }
        return bundleVerifier;
    }

    // ---------------------------------------------------------------- used by Commands and Completion

    Optional<ParametricSolution> bundle() {
        return Optional.ofNullable(bundle);
    }

    Map<String, Double> fixedValues() {
        return java.util.Collections.unmodifiableMap(fixedValues);
    }

    /**
     * The ranged params {@code :set} can fix: the trained bundle's, or (before {@code :train}) those
     * of the current statements when they compile.
     */
    Optional<CompiledProblem> rangedProblem() {
        if (bundle != null) {
            return Optional.of(bundle.problem());
        }
        if (statements.isEmpty()) {
            return Optional.empty();
        }
        return compile("", new StringBuilder()).filter(CompiledProblem::isParametric);
    }

    /** {@code :set k = VALUE} for a ranged param k: checked against its range, kept for the following queries. */
    String fix(RangedParam param, double value) {
        if (!param.contains(value)) {
            return Numbers.compact(value, 6) + " is outside the range of " + param.name() + " [" + Numbers.compact(param.lower(), 6) + ", "
                    + Numbers.compact(param.upper(), 6) + "]: the parametric solution is only known there\n";
        }
        fixedValues.put(param.name(), value);
        return param.name() + " = " + Numbers.compact(value, 12) + " (for the queries that do not name " + param.name() + ")\n";
    }

    /** The values of every ranged param of the bundle, from {@code :set}; empty when one is not set. */
    Optional<double[]> fixedPoint() {
        if (bundle == null || !bundle.ranges().names().stream().allMatch(fixedValues::containsKey)) {
            return Optional.empty();
        }
        return Optional.of(bundle.point(fixedValues));
    }

    /** The verifier of the current solution (its classical reference is computed once). */
    private Verifier verifier() {
        if (verifier == null || verifier.solution() != solution) {
            verifier = new Verifier(solution);
        }
        return verifier;
    }

    String verify() {
        if (bundle != null) {
            String text = org.neuroform.repl.format.BundleText.verificationText(bundleVerifier().verify(),
                    bundle.problem().domain().variable());
            return stale ? text + "(this is the stale solution: the problem changed after :train)\n" : text;
        }
        if (solution == null) {
            return "no trained solution yet: type :train\n";
        }
        String text = Accuracy.verificationText(verifier().verify(), solution.problem().domain().variable());
        return stale ? text + "(this is the stale solution: the problem changed after :train)\n" : text;
    }

    List<TypedStatement> statements() {
        return statements.all();
    }

    private void setStatements(List<TypedStatement> replacement) {
        statements.replaceAll(replacement);
        names = null;
    }

    Optional<TrainedSolution> solution() {
        return Optional.ofNullable(solution);
    }

    boolean isStale() {
        return stale;
    }

    /** Where data files' paths are relative to: the :load-ed file's directory, else the current one. */
    Path dataDirectory() {
        Path parent = loadedFile == null ? null : loadedFile.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }

    /** {@code :data FILE}: adds the statement {@code data "FILE"}, as if typed. */
    Reply data(String file) {
        if (file.contains("\"") || file.contains("\n")) {
            return Reply.of("a data file's path cannot contain a quote or a line break\n");
        }
        return handle("data \"" + file + "\"");
    }

    /** {@code :fit}: trains a problem with params estimated from data (what :train does for it), or says why not. */
    String fit(String options) {
        StringBuilder out = new StringBuilder();
        Optional<CompiledProblem> problem = statements.isEmpty() ? Optional.empty() : compile("", out);
        if (problem.isPresent() && problem.get().isParametric()) {
            return fitBundle(problem.get(), options, out);
        }
        if (problem.isPresent() && !problem.get().isInverse()) {
            return "there is nothing to fit: no param is estimated from data (write param k = ? and name the data with :data FILE)\n";
        }
        return train(options);
    }

    /**
     * {@code :fit} of a problem with ranged params: the ranged params estimated from the data
     * within their ranges, the search over the trained bundle (trained first when there is none
     * for these statements), then {@code :set} to the estimates so that queries answer there.
     */
    private String fitBundle(CompiledProblem problem, String options, StringBuilder out) {
        if (problem.data().isEmpty()) {
            return out.append("there are no data to fit ").append(String.join(", ", problem.ranges().names()))
                    .append(" to: name a data file with :data FILE\n").toString();
        }
        org.neuroform.repl.fit.Fitting.Loaded loaded = org.neuroform.repl.fit.Fitting.load(problem, dataDirectory());
        out.append(loaded.rendered());
        if (loaded.data().isEmpty()) {
            return out.toString();
        }
        // The bundle serves while the statements it was trained for are unchanged, data files apart.
        if (bundle == null || !withoutData(statements.all()).equals(bundleStatements) || !options.isBlank()) {
            ParametricSolution before = bundle;
            out.append(train(options));
            if (bundle == null || bundle == before) {
                return out.toString(); // training failed: nothing new to fit over
            }
        }
        org.neuroform.runtime.fit.FitResult fit;
        TrainingMonitor monitor = observer.begin(bundle.problem());
        try {
            fit = org.neuroform.repl.fit.Fitting.fitOverBundle(bundle, loaded.data().get().observations(), monitor);
        } catch (org.neuroform.runtime.fit.FitException e) {
            return out.append("error: ").append(e.getMessage()).append('\n').toString();
        } finally {
            observer.end();
        }
        out.append(org.neuroform.repl.format.FitText.text(fit, loaded.data().get().files()));
        for (org.neuroform.runtime.fit.FitResult.ParamEstimate estimate : fit.parameters()) {
            fixedValues.put(estimate.name(), estimate.value());
        }
        out.append("(").append(String.join(", ", bundle.ranges().names()))
                .append(fit.parameters().size() == 1 ? " is" : " are")
                .append(" now set to the estimate, as :set does: queries without values answer there)\n");
        return out.toString();
    }

    /** The statements' texts, data files left out: what a bundle was trained for. */
    private static List<String> withoutData(List<TypedStatement> all) {
        return all.stream().filter(t -> !(t.statement() instanceof org.neuroform.ast.DataStatement)).map(TypedStatement::text).toList();
    }

    Optional<Path> loadedFile() {
        return Optional.ofNullable(loadedFile);
    }

    List<String> commandNames() {
        return commands.names();
    }

    Commands commandsTable() {
        return commands;
    }

    void reset() {
        setStatements(List.of());
        solution = null;
        bundle = null;
        fixedValues.clear();
        stale = false;
    }

    /** Replaces problem and solution at once (:open). */
    void replace(List<TypedStatement> newStatements, TrainedSolution newSolution) {
        setStatements(newStatements);
        solution = newSolution;
        bundle = null;
        stale = false;
    }

    /** Replaces problem and solution by a parametric one at once (:open); the :set values go with the old problem. */
    void replace(List<TypedStatement> newStatements, ParametricSolution newBundle) {
        setStatements(newStatements);
        solution = null;
        bundle = newBundle;
        bundleStatements = withoutData(newStatements);
        fixedValues.clear();
        stale = false;
    }

    /** The names the current statements (and the trained problem) define, as the compiler finds them. */
    Names names() {
        if (names != null) {
            return names;
        }
        PartialCheck current = statements.check();
        Set<String> unknowns = new LinkedHashSet<>(current.unknowns());
        if (solution != null) {
            solution.problem().unknowns().forEach(u -> unknowns.add(u.name()));
        }
        if (bundle != null) {
            bundle.problem().unknowns().forEach(u -> unknowns.add(u.name()));
        }
        names = new Names(unknowns, current.params(), current.variable());
        return names;
    }

    // ---------------------------------------------------------------- :list, :drop, :edit

    String list() {
        return statements.isEmpty() ? "the problem is empty: type a domain, equations and conditions, or :load FILE\n"
                : statements.list();
    }

    OptionalInt find(String argument, StringBuilder why) {
        return statements.find(argument, why);
    }

    /** What {@code :drop} and {@code :edit} accept, each with the statement it names. */
    Map<String, String> statementNames() {
        return statements.names();
    }

    String drop(int index) {
        StatementList.Change change = statements.drop(index);
        return change.made() ? change.text() + changed() : change.text();
    }

    /** Starts editing statement {@code index}: the next statement typed takes its place. */
    Reply edit(int index) {
        editing = index;
        String text = statements.shown(index);
        return Reply.edit("editing " + (index + 1) + ": " + text + "\n(the next statement replaces it; an empty line keeps it)\n",
                text);
    }

    /** Compiles the current problem, with extra train options; renders errors into {@code out}. */
    Optional<CompiledProblem> compile(String extraTrainLine, StringBuilder out) {
        List<TypedStatement> all = new ArrayList<>(statements.all());
        if (!extraTrainLine.isBlank()) {
            ParsedInput line = Compiler.parse(new SourceFile(NAME, extraTrainLine));
            if (line.hasErrors() || line.incomplete()) {
                out.append(DiagnosticRenderer.render(line.source(), line.diagnostics()));
                return Optional.empty();
            }
            all.addAll(line.statements());
        }
        Program program = Compiler.program(NAME, all);
        Compilation compilation = Compiler.compile(program);
        if (!compilation.diagnostics().isEmpty()) {
            out.append(DiagnosticRenderer.render(program.source(), compilation.diagnostics()));
        }
        return compilation.problem();
    }

    String train(String options) {
        StringBuilder out = new StringBuilder();
        if (statements.isEmpty()) {
            return "the problem is empty: type a domain, equations and conditions, or :load FILE\n";
        }
        String trainLine = options.isBlank() ? "" : "train " + options;
        Optional<CompiledProblem> problem = compile(trainLine, out);
        if (problem.isEmpty()) {
            return out.append(hasSolution() ? "(the previous solution is kept)\n" : "").toString();
        }
        if (problem.get().isParametric()) {
            return trainBundle(problem.get(), out, options);
        }
        TrainedSolution trained;
        org.neuroform.runtime.fit.FitResult fit = null;
        Optional<org.neuroform.repl.fit.Fitting.Data> data = Optional.empty();
        if (problem.get().isInverse()) {
            org.neuroform.repl.fit.Fitting.Loaded loaded = org.neuroform.repl.fit.Fitting.load(problem.get(), dataDirectory());
            out.append(loaded.rendered());
            if (loaded.data().isEmpty()) {
                return out.append(hasSolution() ? "(the previous solution is kept)\n" : "").toString();
            }
            data = loaded.data();
        }
        TrainingMonitor monitor = observer.begin(problem.get());
        try {
            if (data.isPresent()) {
                try {
                    fit = org.neuroform.repl.fit.Fitting.fit(problem.get(), data.get().observations(), monitor);
                } catch (org.neuroform.runtime.fit.FitException e) {
                    return out.append("error: ").append(e.getMessage()).append('\n')
                            .append(hasSolution() ? "(the previous solution is kept)\n" : "").toString();
                }
                problem = Optional.of(fit.problem());
                trained = fit.solution();
            } else {
                // After a stop, :train goes on from where the march ended (same statements, same settings).
                TrainedSolution previous = solution != null && !stale && options.isBlank() ? solution : null;
                trained = new Trainer(problem.get(), monitor).train(previous);
            }
        } finally {
            observer.end();
        }
        if (fit != null) {
            out.append(org.neuroform.repl.format.FitText.text(fit, data.get().files()));
        }
        solution = trained;
        bundle = null;
        stale = false;
        names = null;
        out.append(summary(trained)).append('\n');
        for (String note : trained.report().notes()) {
            out.append("note: ").append(note).append('\n');
        }
        if (!trained.report().converged()) {
            out.append("warning: training did not converge: values are unreliable\n");
        }
        for (Query query : problem.get().queries()) {
            Optional<Diagnostic> beyond = Coverage.refusal(trained, query);
            if (beyond.isPresent()) {
                out.append(DiagnosticRenderer.render(problem.get().source(), List.of(beyond.get())));
                continue;
            }
            out.append(query.text()).append(" = ")
                    .append(Numbers.value(trained.evaluate(query.expression()), preferences.digits())).append('\n');
        }
        return out.toString();
    }

    private boolean hasSolution() {
        return solution != null || bundle != null;
    }

    /** {@code :train} of a problem with ranged params: the bundle trained, then the problem's queries answered. */
    private String trainBundle(CompiledProblem problem, StringBuilder out, String options) {
        TrainingMonitor monitor = observer.begin(problem);
        ParametricSolution trained;
        try {
            trained = new BundleTrainer(problem, monitor).train();
        } catch (BundleTrainer.BundleException e) {
            return out.append("error: ").append(e.getMessage()).append('\n')
                    .append(hasSolution() ? "(the previous solution is kept)\n" : "").toString();
        } finally {
            observer.end();
        }
        bundle = trained;
        bundleStatements = options.isBlank() ? withoutData(statements.all()) : null; // (options: for this run only)
        solution = null;
        stale = false;
        names = null;
        out.append(bundleSummary(trained)).append('\n');
        for (String note : trained.report().training().notes()) {
            out.append("note: ").append(note).append('\n');
        }
        if (!trained.report().training().converged()) {
            out.append("warning: training did not converge over the whole range: values are unreliable\n");
        }
        // :set values kept when still inside the (possibly changed) ranges
        for (String name : List.copyOf(fixedValues.keySet())) {
            Optional<RangedParam> param = problem.ranges().get(name);
            if (param.isEmpty() || !param.get().contains(fixedValues.get(name))) {
                fixedValues.remove(name);
                out.append("(").append(name).append(" is no longer set: ")
                        .append(param.isEmpty() ? "it is not a ranged param" : "its value is outside the new range").append(")\n");
            }
        }
        for (Query query : problem.queries()) {
            Optional<String> beyond = bundleRefusal(query);
            out.append(query.text()).append(beyond.isPresent() ? ": " + beyond.get()
                    : " = " + Numbers.value(trained.evaluate(query), preferences.digits())).append('\n');
        }
        return out.toString();
    }

    static String bundleSummary(ParametricSolution bundle) {
        return Reports.summary(bundle.report().training()) + "\n" + org.neuroform.repl.format.BundleText.summary(bundle);
    }

    static String summary(TrainedSolution trained) {
        OptionalDouble residual = Residuals.max(trained);
        return Reports.summary(trained, residual);
    }

    String show() {
        StringBuilder out = new StringBuilder();
        if (statements.isEmpty()) {
            out.append("the problem is empty: type a domain, equations and conditions, or :load FILE\n");
        } else {
            Optional<CompiledProblem> problem = compile("", out);
            problem.ifPresent(p -> out.append(new ProblemPrinter(p).print()));
        }
        if (bundle != null) {
            out.append("solution: ").append(stale ? "stale (the problem changed after :train)" : "current").append("; ")
                    .append(Reports.summary(bundle.report().training())).append('\n')
                    .append(org.neuroform.repl.format.BundleText.summary(bundle)).append('\n');
            if (!fixedValues.isEmpty()) {
                out.append("set: ").append(org.neuroform.repl.format.BundleText.values(fixedValues)).append('\n');
            }
        } else if (solution == null) {
            out.append("solution: none yet (:train)\n");
        } else {
            out.append("solution: ").append(stale ? "stale (the problem changed after :train)" : "current").append("; ")
                    .append(Reports.summary(solution, OptionalDouble.empty())).append('\n');
        }
        return out.toString();
    }

    String load(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            return file + ": not a valid path\n";
        }
        SourceFile source;
        try {
            source = SourceLoader.load(path);
        } catch (SourceLoader.LoadException e) {
            return e.getMessage() + "\n";
        }
        String announce = "";
        if (org.neuroform.compiler.xpp.SourceFormat.detect(source.text()) == org.neuroform.compiler.xpp.SourceFormat.XPP) {
            // An XPPAUT file: its native translation becomes the statements (errors point into the XPP file).
            org.neuroform.compiler.xpp.XppTranslation translation = org.neuroform.compiler.xpp.XppReader.read(source);
            var compiled = translation.compile();
            if (compiled.problem().isEmpty()) {
                return DiagnosticRenderer.render(source, compiled.errors()) + "(nothing loaded; the current problem is kept)\n";
            }
            announce = "reading " + file + " as an XPPAUT file" + (translation.description().isEmpty() ? "" : ": " + translation.description())
                    + "\n(its translation into neuroform's language is what :list shows and :edit changes)\n";
            source = new SourceFile(source.name(), translation.translated().text());
        }
        ParsedInput parsed = Compiler.parse(source);
        if (parsed.hasErrors()) {
            return announce + DiagnosticRenderer.render(source, parsed.diagnostics()) + "(nothing loaded; the current problem is kept)\n";
        }
        PartialCheck checked = Compiler.check(parsed.program());
        if (checked.hasErrors()) {
            return DiagnosticRenderer.render(source, checked.errors()) + "(nothing loaded; the current problem is kept)\n";
        }
        List<TypedStatement> loaded = parsed.statements();
        setStatements(loaded);
        loadedFile = path;
        boolean hadSolution = hasSolution();
        stale = hadSolution;
        return announce + "loaded " + file + " (" + statements.size() + " statement" + (statements.size() == 1 ? "" : "s") + ")"
                + (hadSolution ? "; the trained solution is now stale" : "") + "\n";
    }

    /** The unknown's index in the trained problem, or -1. */
    static int unknownIndex(TrainedSolution solution, String name) {
        List<UnknownFunction> unknowns = solution.problem().unknowns();
        for (int i = 0; i < unknowns.size(); i++) {
            if (unknowns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
