package org.neuroform.compiler.check;

import org.neuroform.compiler.StatementSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neuroform.ast.Program;
import org.neuroform.ast.QueryStatement;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.grammar.Limits;

/**
 * Checks a program and compiles it, phase by phase; compilation stops after the first
 * phase that reports an error (later phases would only repeat it in other words). Each phase is
 * its own class, sharing one {@link CheckState}:
 *
 * <ol>
 *   <li>{@link Declarations}: the domain, params, which names are unknowns
 *       ({@link UnknownDiscovery}), train options;
 *   <li>{@link EquationResolution}: every equation, condition and query resolved to symbolic form
 *       ({@link ExpressionResolver});
 *   <li>{@link Structure} and {@link ConditionCheck}: as many equations as unknowns, the right
 *       number of conditions of the right orders (skipped in {@link Mode#PARTIAL}, where a problem
 *       is still being typed);
 *   <li>{@link Lowering}: residuals and their partial derivatives, linear conditions, trial forms.
 * </ol>
 */
public final class ProblemChecker {

    /** COMPLETE compiles a whole problem; PARTIAL only checks what is there (the REPL, mid-way). */
    public enum Mode {
        COMPLETE,
        PARTIAL
    }

    private final CheckState state;

    public ProblemChecker(Program program, Mode mode) {
        this(program, mode, java.util.Map.of());
    }

    /** Compiles estimated params ({@code param k = ?}) at the given values instead of their starting values. */
    public ProblemChecker(Program program, Mode mode, java.util.Map<String, Double> estimates) {
        this.state = new CheckState(program, mode, estimates);
    }

    /** After {@link #check()}: the unknowns found so far (PARTIAL: provisional ones included). */
    public List<String> unknowns() {
        return state.scope.unknowns().stream().filter(name -> !name.endsWith("'")).toList();
    }

    /** After {@link #check()} in PARTIAL mode: names used in an equation that nothing defines yet. */
    public Set<String> provisional() {
        return Set.copyOf(state.provisional);
    }

    /** After {@link #check()}: the params. */
    public Set<String> params() {
        return Set.copyOf(state.paramSpans.keySet());
    }

    /** After {@link #check()}: the domain variable, when there is a domain. */
    public Optional<String> variable() {
        return state.scope.variable();
    }

    /** After {@link #check()}: what statement {@code index} prescribes, when it is one equation's or condition's. */
    public Optional<StatementSubject> subject(int index) {
        return Optional.ofNullable(state.subjects.get(index));
    }

    public Compilation check() {
        new Declarations(state).run();
        if (state.hasErrors()) {
            return stop();
        }
        new EquationResolution(state).run();
        if (state.hasErrors() || state.mode == Mode.PARTIAL) {
            return stop();
        }
        List<UnknownFunction> unknowns = new Structure(state).run();
        if (state.hasErrors()) {
            return stop();
        }
        CompiledProblem problem = new Lowering(state).run(unknowns);
        if (state.hasErrors()) {
            return stop();
        }
        return new Compilation(Optional.of(problem), capWarnings(state.diagnostics));
    }

    /** Fifty thousand unused params give fifty warnings and a count, not fifty thousand warnings. */
    private static List<Diagnostic> capWarnings(List<Diagnostic> all) {
        int max = Limits.MAX_ERRORS;
        if (all.size() <= max) {
            return all;
        }
        List<Diagnostic> capped = new ArrayList<>(all.subList(0, max));
        capped.add(Diagnostic.warning("too-many-warnings", all.get(max).span(),
                "too many warnings: " + (all.size() - max) + " more not shown"));
        return capped;
    }

    private Compilation stop() {
        List<Diagnostic> sorted = new ArrayList<>(state.diagnostics);
        sorted.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        return new Compilation(Optional.empty(), cap(sorted));
    }

    private static List<Diagnostic> cap(List<Diagnostic> all) {
        int max = org.neuroform.grammar.Limits.MAX_ERRORS;
        if (all.size() <= max) {
            return all;
        }
        List<Diagnostic> capped = new ArrayList<>(all.subList(0, max));
        capped.add(Diagnostic.error("too-many-errors", all.get(max).span(), "too many errors: " + (all.size() - max) + " more not shown"));
        return capped;
    }

    /** Resolves a query typed after compilation (the REPL) against a compiled problem's names. */
    public static QueryResult compileQuery(CompiledProblem problem, QueryStatement statement) {
        return compileQuery(problem, statement, java.util.Map.of());
    }

    /**
     * Resolves a query typed after compilation; {@code defaults} give the ranged params the query
     * does not name a value of (the shell's {@code :set k = 0.3}).
     */
    public static QueryResult compileQuery(CompiledProblem problem, QueryStatement statement, java.util.Map<String, Double> defaults) {
        Scope scope = Scope.of(problem.domain(), problem.params(),
                problem.unknowns().stream().map(UnknownFunction::name).toList(), problem.definitions());
        problem.ranges().names().forEach(scope::markRanged);
        problem.ranges().dependents().forEach(scope::markRangedDependent);
        List<Diagnostic> diagnostics = new ArrayList<>();
        Optional<Query> query = new ExpressionResolver(scope, diagnostics).query(statement, problem.ranges(), defaults);
        if (query.isEmpty() || !diagnostics.isEmpty()) {
            return new QueryResult(Optional.empty(), diagnostics);
        }
        return new QueryResult(query, diagnostics);
    }

    /** A query, or why it cannot be answered. */
    public record QueryResult(Optional<Query> query, List<Diagnostic> diagnostics) {
        public QueryResult {
            diagnostics = List.copyOf(diagnostics);
        }
    }
}
