package org.neuroform.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neuroform.ast.Application;
import org.neuroform.ast.BinaryOperation;
import org.neuroform.ast.DomainStatement;
import org.neuroform.ast.EquationStatement;
import org.neuroform.ast.Expression;
import org.neuroform.ast.ExpressionVisitor;
import org.neuroform.ast.NameReference;
import org.neuroform.ast.NumberLiteral;
import org.neuroform.ast.ParamBinding;
import org.neuroform.ast.ParamStatement;
import org.neuroform.ast.Program;
import org.neuroform.ast.QueryStatement;
import org.neuroform.ast.Statement;
import org.neuroform.ast.TrainStatement;
import org.neuroform.ast.UnaryOperation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.PenaltyCondition;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.settings.TrainOptions;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.compiler.sym.Constant;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.compiler.trial.TrialSystemBuilder;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;

/**
 * Checks a program and compiles it, phase by phase; compilation stops after the first
 * phase that reports an error (later phases would only repeat it in other words):
 *
 * <ol>
 *   <li>declarations: the domain, params, which names are unknowns, train options;
 *   <li>expressions: every equation, condition and query resolved to symbolic form;
 *   <li>structure: as many equations as unknowns, the right number of conditions of the
 *       right orders (skipped in {@link Mode#PARTIAL}, where a problem is still being typed);
 *   <li>construction: residuals and their partial derivatives, linear conditions, trial forms.
 * </ol>
 */
public final class ProblemChecker {

    /** COMPLETE compiles a whole problem; PARTIAL only checks what is there (the REPL, mid-way). */
    public enum Mode {
        COMPLETE,
        PARTIAL
    }

    private final Program program;
    private final SourceFile source;
    private final Mode mode;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Scope scope = new Scope();
    private final ExpressionResolver resolver;
    private final Map<String, Span> unknownSpans = new LinkedHashMap<>();

    private DomainStatement domainStatement;
    private TrainSettings settings = TrainSettings.defaults();
    private final List<ResolvedEquation> equations = new ArrayList<>();
    private final List<ResolvedEquation> conditions = new ArrayList<>();
    private final List<Query> queries = new ArrayList<>();

    private record ResolvedEquation(Expr residual, String text, Span span) {}

    public ProblemChecker(Program program, Mode mode) {
        this.program = program;
        this.source = program.source();
        this.mode = mode;
        this.resolver = new ExpressionResolver(scope, diagnostics);
    }

    public Compilation check() {
        declarations();
        if (hasErrors()) {
            return stop();
        }
        expressions();
        if (hasErrors() || mode == Mode.PARTIAL) {
            return stop();
        }
        List<UnknownFunction> unknowns = structure();
        if (hasErrors()) {
            return stop();
        }
        CompiledProblem problem = construct(unknowns);
        if (hasErrors()) {
            return stop();
        }
        return new Compilation(Optional.of(problem), diagnostics);
    }

    private boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    private Compilation stop() {
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
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

    private void error(String code, Span span, String message, String hint) {
        diagnostics.add(Diagnostic.error(code, span, message, hint));
    }

    private void warning(String code, Span span, String message, String hint) {
        diagnostics.add(Diagnostic.warning(code, span, message, hint));
    }

    private String text(Span span) {
        return source.text(span).strip();
    }

    // ---------------------------------------------------------------- phase 1: declarations

    private void declarations() {
        List<ParamBinding> params = new ArrayList<>();
        for (Statement statement : program.statements()) {
            if (statement instanceof DomainStatement) {
                DomainStatement domain = (DomainStatement) statement;
                if (domainStatement == null) {
                    domainStatement = domain;
                    scope.setVariable(domain.variable());
                } else {
                    error("duplicate-domain", domain.span(), "a problem has one domain; this is a second",
                            "the first is on line " + domainStatement.span().line());
                }
            } else if (statement instanceof ParamStatement) {
                params.addAll(((ParamStatement) statement).bindings());
            }
        }
        if (domainStatement != null) {
            checkNotBuiltin(domainStatement.variable(), domainStatement.variableSpan(), "the domain variable");
        }
        params.forEach(p -> scope.pendingParams().add(p.name()));
        discoverUnknowns(params);
        for (ParamBinding binding : params) {
            scope.pendingParams().remove(binding.name());
            defineParam(binding);
        }
        if (domainStatement != null) {
            defineDomain(domainStatement);
        }
        for (Statement statement : program.statements()) {
            if (statement instanceof TrainStatement) {
                settings = new TrainOptionChecker(source, resolver, diagnostics)
                        .apply(settings, (TrainStatement) statement);
            }
        }
    }

    private boolean checkNotBuiltin(String name, Span span, String what) {
        if (Scope.isBuiltin(name)) {
            error("shadows-builtin", span, what + " '" + name + "' has the name of a built-in "
                    + (Scope.isBuiltinFunction(name) ? "function" : "constant"), "choose another name");
            return false;
        }
        return true;
    }

    private void defineParam(ParamBinding binding) {
        String name = binding.name();
        Span span = binding.nameSpan();
        boolean ok = checkNotBuiltin(name, span, "param");
        if (ok && scope.isVariable(name)) {
            error("shadows-variable", span, "param '" + name + "' has the name of the domain variable", "choose another name");
            ok = false;
        }
        if (ok && scope.unknown(name) >= 0) {
            error("shadows-unknown", span, "param '" + name + "' has the name of an unknown", "choose another name");
            ok = false;
        }
        if (ok && scope.params().containsKey(name)) {
            error("duplicate-param", span, "param '" + name + "' is defined twice", "");
            ok = false;
        }
        Optional<Double> value = resolver.constant(binding.value(), "a param value");
        if (ok && value.isPresent()) {
            scope.defineParam(name, value.get());
        } else if (!scope.params().containsKey(name)) {
            scope.defineParam(name, Double.NaN); // known name: no cascade of "undefined name"
        }
    }

    private void defineDomain(DomainStatement domain) {
        Optional<Double> lower = resolver.constant(domain.lower(), "the lower end of the domain");
        Optional<Double> upper = resolver.constant(domain.upper(), "the upper end of the domain");
        if (lower.isEmpty() || upper.isEmpty()) {
            return;
        }
        double a = lower.get();
        double b = upper.get();
        Span interval = domain.lower().span().to(domain.upper().span());
        if (a == b) {
            error("empty-domain", interval, "the interval [" + Printer.number(a) + ", " + Printer.number(b) + "] is empty", "");
            return;
        }
        if (a > b) {
            error("reversed-domain", interval, "the interval [" + Printer.number(a) + ", " + Printer.number(b) + "] is reversed",
                    "write [" + Printer.number(b) + ", " + Printer.number(a) + "]");
            return;
        }
        if (!Double.isFinite(b - a) || (b - a) < 1e-12 * Math.max(Math.abs(a), Math.abs(b))) {
            error("degenerate-domain", interval, "the interval is too short or too long for double precision", "");
            return;
        }
        scope.setDomain(new Domain(domain.variable(), a, b));
    }

    /**
     * Unknowns are the names written with primes ({@code y'}) and the names applied to a point
     * or to the domain variable ({@code y(0)}, {@code y(x)}) that are nothing else.
     */
    private void discoverUnknowns(List<ParamBinding> params) {
        Set<String> paramNames = new java.util.HashSet<>();
        params.forEach(p -> paramNames.add(p.name()));
        for (Statement statement : program.statements()) {
            if (!(statement instanceof EquationStatement)) {
                continue;
            }
            EquationStatement equation = (EquationStatement) statement;
            for (Expression side : List.of(equation.left(), equation.right())) {
                side.accept(new Discovery(paramNames));
            }
        }
    }

    private final class Discovery implements ExpressionVisitor<Void> {
        private final Set<String> params;

        Discovery(Set<String> params) {
            this.params = params;
        }

        private void candidate(String name, Span span, boolean primed) {
            if (scope.unknown(name) >= 0) {
                return;
            }
            if (params.contains(name) || Scope.CONSTANTS.containsKey(name)) {
                return; // reported when the expression is resolved
            }
            if (scope.isVariable(name)) {
                if (primed) {
                    error("variable-as-unknown", span, "'" + name + "' is the domain variable, not an unknown", "");
                    scope.defineUnknown(name + "'"); // a name nobody can write: no cascade
                }
                return;
            }
            if (Scope.isBuiltinFunction(name)) {
                if (primed) {
                    error("shadows-builtin", span, "'" + name + "' is a built-in function, not an unknown", "");
                }
                return;
            }
            scope.defineUnknown(name);
            unknownSpans.put(name, span);
        }

        @Override
        public Void visitNumber(NumberLiteral number) {
            return null;
        }

        @Override
        public Void visitName(NameReference name) {
            if (name.primes() > 0) {
                candidate(name.name(), name.span(), true);
            }
            return null;
        }

        @Override
        public Void visitApplication(Application application) {
            boolean pointLike = application.arguments().size() == 1 && !mentionsVariable(application.arguments().get(0));
            boolean atVariable = application.arguments().size() == 1 && isVariable(application.arguments().get(0));
            if (application.primes() > 0 || (!Scope.isBuiltinFunction(application.name()) && (pointLike || atVariable))) {
                candidate(application.name(), application.nameSpan(), application.primes() > 0);
            }
            application.arguments().forEach(a -> a.accept(this));
            return null;
        }

        @Override
        public Void visitUnary(UnaryOperation unary) {
            return unary.operand().accept(this);
        }

        @Override
        public Void visitBinary(BinaryOperation binary) {
            binary.left().accept(this);
            return binary.right().accept(this);
        }

        private boolean isVariable(Expression e) {
            return e instanceof NameReference && ((NameReference) e).primes() == 0
                    && scope.isVariable(((NameReference) e).name());
        }

        private boolean mentionsVariable(Expression e) {
            return e.accept(new ExpressionVisitor<Boolean>() {
                @Override
                public Boolean visitNumber(NumberLiteral number) {
                    return false;
                }

                @Override
                public Boolean visitName(NameReference name) {
                    return scope.isVariable(name.name()) || name.primes() > 0;
                }

                @Override
                public Boolean visitApplication(Application application) {
                    return application.primes() > 0 || application.arguments().stream().anyMatch(a -> a.accept(this));
                }

                @Override
                public Boolean visitUnary(UnaryOperation unary) {
                    return unary.operand().accept(this);
                }

                @Override
                public Boolean visitBinary(BinaryOperation binary) {
                    return binary.left().accept(this) || binary.right().accept(this);
                }
            });
        }
    }

    // ---------------------------------------------------------------- phase 2: expressions

    private void expressions() {
        for (Statement statement : program.statements()) {
            if (statement instanceof EquationStatement) {
                resolveEquation((EquationStatement) statement);
            } else if (statement instanceof QueryStatement) {
                QueryStatement query = (QueryStatement) statement;
                Expr e = resolver.resolve(query.expression(), ExpressionResolver.Context.QUERY);
                if (!ExpressionResolver.failed(e)) {
                    queries.add(new Query(query.text(), e, query.span()));
                }
            }
        }
    }

    private void resolveEquation(EquationStatement statement) {
        Expr left = resolver.resolve(statement.left(), ExpressionResolver.Context.EQUATION);
        Expr right = resolver.resolve(statement.right(), ExpressionResolver.Context.EQUATION);
        if (ExpressionResolver.failed(left) || ExpressionResolver.failed(right)) {
            return;
        }
        Set<Expr> terms = Sym.unknownTerms(left);
        terms.addAll(Sym.unknownTerms(right));
        boolean atX = terms.stream().anyMatch(t -> t instanceof Derivative);
        boolean atPoint = terms.stream().anyMatch(t -> t instanceof PointValue);
        boolean variable = Sym.mentionsVariable(left) || Sym.mentionsVariable(right);
        Span span = statement.span();
        if (atX && atPoint) {
            error("mixed-equation", span, "an equation evaluates unknowns at " + scope.variable().orElse("x")
                    + "; a condition evaluates them at points; this does both", "a condition looks like y(0) = 1");
            return;
        }
        if (!atX && !atPoint) {
            error("no-unknown", span, "this equation has no unknown",
                    "an unknown is a name with primes (y') or evaluated at a point (y(0))");
            return;
        }
        if (atPoint && variable) {
            error("condition-depends-on-variable", span, "a condition cannot depend on " + scope.variable().orElse("x"), "");
            return;
        }
        ResolvedEquation resolved = new ResolvedEquation(Sym.sub(left, right), text(span), span);
        (atX ? equations : conditions).add(resolved);
    }

    // ---------------------------------------------------------------- phase 3: structure

    private List<UnknownFunction> structure() {
        if (domainStatement == null) {
            error("missing-domain", Span.NONE, "the problem has no domain", "add a line such as: domain x in [0, 1]");
            return List.of();
        }
        if (scope.domain().isEmpty()) {
            return List.of(); // reported in phase 1
        }
        List<String> names = scope.unknowns();
        int[] orders = new int[names.size()];
        boolean[] inEquation = new boolean[names.size()];
        for (ResolvedEquation equation : equations) {
            for (Expr term : Sym.unknownTerms(equation.residual())) {
                Derivative d = (Derivative) term;
                orders[d.unknown()] = Math.max(orders[d.unknown()], d.order());
                inEquation[d.unknown()] = true;
            }
        }
        List<UnknownFunction> unknowns = new ArrayList<>();
        for (int u = 0; u < names.size(); u++) {
            Span span = unknownSpans.getOrDefault(names.get(u), Span.NONE);
            if (!inEquation[u]) {
                error("unknown-without-equation", span, "the unknown '" + names.get(u) + "' appears in no equation", "");
            }
            unknowns.add(new UnknownFunction(names.get(u), orders[u], span));
        }
        if (equations.isEmpty()) {
            error("no-equation", Span.NONE, "the problem has no differential equation", "add one such as: y' = -y");
            return unknowns;
        }
        if (equations.size() != unknowns.size()) {
            Span span = equations.get(equations.size() - 1).span();
            error("equation-count", span, unknowns.size() + " unknown" + (unknowns.size() == 1 ? "" : "s") + " ("
                    + String.join(", ", names) + ") but " + equations.size() + " equation" + (equations.size() == 1 ? "" : "s"),
                    "a problem needs one equation per unknown");
        }
        checkConditions(unknowns);
        return unknowns;
    }

    private void checkConditions(List<UnknownFunction> unknowns) {
        int[] own = new int[unknowns.size()];
        int[] shared = new int[unknowns.size()];
        int total = 0;
        for (ResolvedEquation condition : conditions) {
            Set<Integer> mentioned = new java.util.TreeSet<>();
            boolean ok = true;
            for (Expr term : Sym.unknownTerms(condition.residual())) {
                PointValue p = (PointValue) term;
                UnknownFunction unknown = unknowns.get(p.unknown());
                mentioned.add(p.unknown());
                if (unknown.order() == 0) {
                    error("condition-on-algebraic", condition.span(), "'" + unknown.name()
                            + "' has no derivative in the equations, so it takes no conditions", "");
                    ok = false;
                } else if (p.order() >= unknown.order()) {
                    String written = unknown.name() + "'".repeat(p.order());
                    error("condition-order", condition.span(), "'" + unknown.name() + "' has order " + unknown.order()
                            + ": a condition may prescribe derivatives up to order " + (unknown.order() - 1) + ", not " + written,
                            "");
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            total++;
            if (mentioned.size() == 1) {
                own[mentioned.iterator().next()]++;
            } else {
                mentioned.forEach(u -> shared[u]++);
            }
        }
        if (hasErrors()) {
            return;
        }
        int needed = 0;
        for (UnknownFunction unknown : unknowns) {
            needed += unknown.order();
        }
        Span where = conditions.isEmpty() ? equations.get(0).span() : conditions.get(conditions.size() - 1).span();
        boolean reported = false;
        for (int u = 0; u < unknowns.size(); u++) {
            UnknownFunction unknown = unknowns.get(u);
            if (own[u] > unknown.order()) {
                error("too-many-conditions", where, "'" + unknown.name() + "' has order " + unknown.order() + " and needs "
                        + conditionCount(unknown.order()) + ", but has " + own[u] + " (over-determined)", "remove "
                        + (own[u] - unknown.order()) + " of them");
                reported = true;
            } else if (total < needed && own[u] + shared[u] < unknown.order()) {
                error("too-few-conditions", where, "'" + unknown.name() + "' needs " + conditionCount(unknown.order())
                        + ", has " + (own[u] + shared[u]), "add a condition such as " + unknown.name() + "("
                        + Printer.number(scope.domain().get().lower()) + ") = ...");
                reported = true;
            }
        }
        if (!reported && total != needed) {
            error(total < needed ? "too-few-conditions" : "too-many-conditions", where, "the unknowns need " + needed
                    + " condition" + (needed == 1 ? "" : "s") + " in all (one per order), but there "
                    + (total == 1 ? "is " : "are ") + total, "");
        }
    }

    private static String conditionCount(int order) {
        return order + " condition" + (order == 1 ? "" : "s");
    }

    // ---------------------------------------------------------------- phase 4: construction

    private CompiledProblem construct(List<UnknownFunction> unknowns) {
        Domain domain = scope.domain().get();
        List<Equation> compiled = new ArrayList<>();
        for (ResolvedEquation equation : equations) {
            List<Derivative> terms = new ArrayList<>();
            List<Expr> partials = new ArrayList<>();
            for (Expr term : Sym.unknownTerms(equation.residual())) {
                terms.add((Derivative) term);
                partials.add(Sym.partial(equation.residual(), term));
            }
            compiled.add(new Equation(equation.residual(), terms, partials, equation.text(), equation.span()));
        }

        List<LinearCondition> linear = new ArrayList<>();
        Map<LinearCondition, ResolvedEquation> origin = new LinkedHashMap<>();
        List<PenaltyCondition> penalties = new ArrayList<>();
        for (ResolvedEquation condition : conditions) {
            Optional<LinearCondition> asLinear = linear(condition);
            if (asLinear.isPresent()) {
                linear.add(asLinear.get());
                origin.put(asLinear.get(), condition);
            } else {
                penalties.add(penalty(condition, "it is not linear in the unknowns"));
            }
        }
        TrialSystem trial = TrialSystemBuilder.build(
                unknowns.stream().mapToInt(UnknownFunction::order).toArray(),
                linear,
                CoordinateMap.of(domain.lower(), domain.upper()),
                settings.trial());
        for (LinearCondition dependent : trial.dependent()) {
            penalties.add(penalty(origin.get(dependent), "it depends linearly on the other conditions"));
        }
        for (PenaltyCondition penalty : penalties) {
            warning("approximate-condition", penalty.span(), "this condition holds only approximately: " + penalty.reason(),
                    "it is added to the loss as a penalty; the residual it reaches is reported after training");
        }
        for (Map.Entry<String, Double> param : scope.params().entrySet()) {
            if (!scope.isUsed(param.getKey())) {
                Span span = paramSpan(param.getKey());
                warning("unused-param", span, "param '" + param.getKey() + "' is never used", "");
            }
        }
        List<org.neuroform.diagnostic.Diagnostic> warnings = diagnostics.stream().filter(d -> !d.isError()).toList();
        return new CompiledProblem(source, domain, unknowns, compiled, trial, penalties, queries, settings,
                scope.params(), warnings);
    }

    private Span paramSpan(String name) {
        for (Statement statement : program.statements()) {
            if (statement instanceof ParamStatement) {
                for (ParamBinding binding : ((ParamStatement) statement).bindings()) {
                    if (binding.name().equals(name)) {
                        return binding.nameSpan();
                    }
                }
            }
        }
        return Span.NONE;
    }

    /** {@code R = Σ c_t t + R0} with constant c_t: the condition {@code Σ c_t t = −R0}. */
    private static Optional<LinearCondition> linear(ResolvedEquation condition) {
        Expr residual = condition.residual();
        List<ConditionTerm> terms = new ArrayList<>();
        for (Expr term : Sym.unknownTerms(residual)) {
            Expr coefficient = Sym.partial(residual, term);
            if (!(coefficient instanceof Constant)) {
                return Optional.empty();
            }
            double c = ((Constant) coefficient).value();
            if (c != 0) {
                PointValue p = (PointValue) term;
                terms.add(new ConditionTerm(p.unknown(), p.order(), p.point(), c));
            }
        }
        Expr rest = Sym.substitute(residual, leaf -> leaf instanceof PointValue ? Sym.ZERO : leaf);
        if (terms.isEmpty() || !(rest instanceof Constant) || !Double.isFinite(((Constant) rest).value())) {
            return Optional.empty();
        }
        return Optional.of(new LinearCondition(terms, -((Constant) rest).value(), condition.text()));
    }

    private static PenaltyCondition penalty(ResolvedEquation condition, String reason) {
        List<PointValue> terms = new ArrayList<>();
        List<Expr> partials = new ArrayList<>();
        for (Expr term : Sym.unknownTerms(condition.residual())) {
            terms.add((PointValue) term);
            partials.add(Sym.partial(condition.residual(), term));
        }
        return new PenaltyCondition(condition.residual(), terms, partials, condition.text(), condition.span(), reason);
    }

    /** Resolves a query typed after compilation (the REPL) against a compiled problem's names. */
    public static QueryResult compileQuery(CompiledProblem problem, QueryStatement statement) {
        Scope scope = Scope.of(problem.domain(), problem.params(),
                problem.unknowns().stream().map(UnknownFunction::name).toList());
        List<Diagnostic> diagnostics = new ArrayList<>();
        Expr e = new ExpressionResolver(scope, diagnostics).resolve(statement.expression(), ExpressionResolver.Context.QUERY);
        if (ExpressionResolver.failed(e) || !diagnostics.isEmpty()) {
            return new QueryResult(Optional.empty(), diagnostics);
        }
        return new QueryResult(Optional.of(new Query(statement.text(), e, statement.span())), diagnostics);
    }

    /** A query, or why it cannot be answered. */
    public record QueryResult(Optional<Query> query, List<Diagnostic> diagnostics) {
        public QueryResult {
            diagnostics = List.copyOf(diagnostics);
        }
    }
}
