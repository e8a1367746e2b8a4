package org.neuroform.repl.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuroform.ast.DomainStatement;
import org.neuroform.ast.EquationStatement;
import org.neuroform.ast.ParamBinding;
import org.neuroform.ast.ParamStatement;
import org.neuroform.ast.QueryStatement;
import org.neuroform.ast.Statement;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Compiler;
import org.neuroform.compiler.ProblemPrinter;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.check.ProblemChecker;
import org.neuroform.compiler.sym.Function;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.grammar.DeepStack;
import org.neuroform.grammar.ParseResult;
import org.neuroform.grammar.SourceParser;
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
    private static final Pattern APPLIED_NAME = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*('+|\\()");

    /** The accepted statements, each as typed (one or more lines). */
    private final List<String> statements = new ArrayList<>();
    private TrainedSolution solution;
    private boolean stale;
    private Verifier verifier; // for the current solution, made when first needed
    private Path loadedFile;
    private final Commands commands = new Commands(this);
    private final Preferences preferences = new Preferences();
    private TrainingObserver observer = TrainingObserver.SILENT;
    private Names names;

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
        if (trimmed.isEmpty()) {
            return Reply.NOTHING;
        }
        if (trimmed.startsWith(":")) {
            return commands.execute(trimmed);
        }
        SourceFile source = new SourceFile(NAME, input);
        ParseResult parsed = DeepStack.call(() -> SourceParser.parse(source));
        if (parsed.incomplete()) {
            return Reply.INCOMPLETE;
        }
        if (parsed.hasErrors()) {
            return Reply.of(DiagnosticRenderer.render(source, parsed.diagnostics()));
        }
        StringBuilder out = new StringBuilder();
        for (Statement statement : parsed.program().statements()) {
            String text = source.text(statement.span());
            if (statement instanceof QueryStatement) {
                out.append(query((QueryStatement) statement, source));
            } else {
                out.append(add(statement, text));
            }
        }
        return Reply.of(out.toString());
    }

    /** True when the input so far needs more lines (an open bracket, a trailing operator). */
    public boolean isIncomplete(String input) {
        if (input.strip().startsWith(":")) {
            return false;
        }
        return DeepStack.call(() -> SourceParser.parse(new SourceFile(NAME, input))).incomplete();
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

    private String add(Statement statement, String text) {
        List<String> candidate = replacing(statement);
        candidate.add(text);
        SourceFile source = source(candidate);
        ParseResult parsed = DeepStack.call(() -> SourceParser.parse(source));
        Compilation check = Compiler.compile(parsed.program(), ProblemChecker.Mode.PARTIAL);
        if (check.hasErrors()) {
            return DiagnosticRenderer.render(source, check.errors());
        }
        String note = "";
        if (candidate.size() <= statements.size()) {
            note = statement instanceof DomainStatement ? "(domain replaced)\n" : "(param replaced)\n";
        }
        setStatements(candidate);
        if (solution != null && !stale) {
            stale = true;
            note += "(the trained solution is now stale: :train to update it)\n";
        }
        return note;
    }

    /** The statements without the one this statement replaces (a domain, or a param of the same name). */
    private List<String> replacing(Statement statement) {
        List<String> kept = new ArrayList<>();
        SourceFile current = source(statements);
        ParseResult parsed = DeepStack.call(() -> SourceParser.parse(current));
        List<Statement> existing = parsed.program().statements();
        for (int i = 0; i < existing.size(); i++) {
            if (!replaces(statement, existing.get(i))) {
                kept.add(statements.get(i));
            }
        }
        return kept;
    }

    private static boolean replaces(Statement added, Statement existing) {
        if (added instanceof DomainStatement) {
            return existing instanceof DomainStatement;
        }
        if (added instanceof ParamStatement && existing instanceof ParamStatement) {
            List<ParamBinding> old = ((ParamStatement) existing).bindings();
            List<ParamBinding> now = ((ParamStatement) added).bindings();
            return old.size() == 1 && now.stream().anyMatch(b -> b.name().equals(old.get(0).name()));
        }
        return false;
    }

    static SourceFile source(List<String> statements) {
        return new SourceFile(NAME, String.join("\n", statements) + (statements.isEmpty() ? "" : "\n"));
    }

    private String query(QueryStatement statement, SourceFile source) {
        if (solution == null) {
            return "no trained solution yet: type :train\n";
        }
        ProblemChecker.QueryResult result = DeepStack.call(() -> ProblemChecker.compileQuery(solution.problem(), statement));
        if (result.query().isEmpty()) {
            return DiagnosticRenderer.render(source, result.diagnostics());
        }
        Query query = result.query().get();
        Optional<Diagnostic> beyond = Coverage.refusal(solution, query); // training stopped before this point
        if (beyond.isPresent()) {
            return DiagnosticRenderer.render(source, List.of(beyond.get()));
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

    // ---------------------------------------------------------------- used by Commands and Completion

    /** The verifier of the current solution (its classical reference is computed once). */
    private Verifier verifier() {
        if (verifier == null || verifier.solution() != solution) {
            verifier = new Verifier(solution);
        }
        return verifier;
    }

    String verify() {
        if (solution == null) {
            return "no trained solution yet: type :train\n";
        }
        String text = Accuracy.verificationText(verifier().verify(), solution.problem().domain().variable());
        return stale ? text + "(this is the stale solution: the problem changed after :train)\n" : text;
    }

    List<String> statements() {
        return statements;
    }

    private void setStatements(List<String> replacement) {
        List<String> copy = new ArrayList<>(replacement);
        statements.clear();
        statements.addAll(copy);
        names = null;
    }

    Optional<TrainedSolution> solution() {
        return Optional.ofNullable(solution);
    }

    boolean isStale() {
        return stale;
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
        stale = false;
    }

    /** Replaces problem and solution at once (:open). */
    void replace(List<String> newStatements, TrainedSolution newSolution) {
        setStatements(newStatements);
        solution = newSolution;
        stale = false;
    }

    /** The names the current statements (and the trained problem) define. */
    Names names() {
        if (names != null) {
            return names;
        }
        Set<String> unknowns = new LinkedHashSet<>();
        Set<String> params = new LinkedHashSet<>();
        Optional<String> variable = Optional.empty();
        ParseResult parsed = DeepStack.call(() -> SourceParser.parse(source(statements)));
        for (Statement statement : parsed.program().statements()) {
            if (statement instanceof DomainStatement) {
                variable = Optional.of(((DomainStatement) statement).variable());
            } else if (statement instanceof ParamStatement) {
                ((ParamStatement) statement).bindings().forEach(b -> params.add(b.name()));
            }
        }
        for (Statement statement : parsed.program().statements()) {
            if (statement instanceof EquationStatement) {
                Matcher m = APPLIED_NAME.matcher(parsed.program().source().text(statement.span()));
                while (m.find()) {
                    String name = m.group(1);
                    if (Function.builtin(name).isEmpty() && !params.contains(name)) {
                        unknowns.add(name);
                    }
                }
            }
        }
        if (solution != null) {
            solution.problem().unknowns().forEach(u -> unknowns.add(u.name()));
        }
        names = new Names(unknowns, params, variable);
        return names;
    }

    /** Compiles the current problem, with extra train options; renders errors into {@code out}. */
    Optional<CompiledProblem> compile(String extraTrainLine, StringBuilder out) {
        List<String> all = new ArrayList<>(statements);
        if (!extraTrainLine.isBlank()) {
            all.add(extraTrainLine);
        }
        SourceFile source = source(all);
        Compilation compilation = Compiler.compile(source);
        if (!compilation.diagnostics().isEmpty()) {
            out.append(DiagnosticRenderer.render(source, compilation.diagnostics()));
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
            return out.append(solution != null ? "(the previous solution is kept)\n" : "").toString();
        }
        TrainedSolution trained;
        TrainingMonitor monitor = observer.begin(problem.get());
        try {
            trained = new Trainer(problem.get(), monitor).train();
        } finally {
            observer.end();
        }
        solution = trained;
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
        if (solution == null) {
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
        ParseResult parsed = DeepStack.call(() -> SourceParser.parse(source));
        if (parsed.hasErrors()) {
            return DiagnosticRenderer.render(source, parsed.diagnostics()) + "(nothing loaded; the current problem is kept)\n";
        }
        Compilation check = Compiler.compile(parsed.program(), ProblemChecker.Mode.PARTIAL);
        if (check.hasErrors()) {
            return DiagnosticRenderer.render(source, check.errors()) + "(nothing loaded; the current problem is kept)\n";
        }
        List<String> loaded = new ArrayList<>();
        for (Statement statement : parsed.program().statements()) {
            loaded.add(source.text(statement.span()));
        }
        setStatements(loaded);
        loadedFile = path;
        boolean hadSolution = solution != null;
        stale = hadSolution;
        return "loaded " + file + " (" + statements.size() + " statement" + (statements.size() == 1 ? "" : "s") + ")"
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
