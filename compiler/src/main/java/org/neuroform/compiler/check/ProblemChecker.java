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
import org.neuroform.grammar.Limits;
import static org.neuroform.diagnostic.Diagnostic.quote;

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

    /** @param terms where each unknown term of the statement was written */
    private record ResolvedEquation(Expr residual, String text, Span span, Map<Expr, Span> terms) {
        Span termSpan(Expr term) {
            return terms.getOrDefault(term, span);
        }
    }

    /** Where each param is defined (the first definition, when there are several). */
    private final Map<String, Span> paramSpans = new LinkedHashMap<>();

    /** PARTIAL: names used in a differential equation but not defined yet, taken as unknowns for now. */
    private final Set<String> provisional = new java.util.LinkedHashSet<>();

    /** What each statement prescribes, by index in the program (empty where it has no single subject). */
    private final Map<Integer, StatementSubject> subjects = new java.util.HashMap<>();

    public ProblemChecker(Program program, Mode mode) {
        this.program = program;
        this.source = program.source();
        this.mode = mode;
        this.resolver = new ExpressionResolver(scope, diagnostics);
    }

    /** After {@link #check()}: the unknowns found so far (PARTIAL: provisional ones included). */
    public List<String> unknowns() {
        return scope.unknowns().stream().filter(name -> !name.endsWith("'")).toList();
    }

    /** After {@link #check()} in PARTIAL mode: names used in an equation that nothing defines yet. */
    public Set<String> provisional() {
        return Set.copyOf(provisional);
    }

    /** After {@link #check()}: the params and the domain variable. */
    public Set<String> params() {
        return Set.copyOf(paramSpans.keySet());
    }

    public Optional<String> variable() {
        return scope.variable();
    }

    /** After {@link #check()}: what statement {@code index} prescribes, when it is one equation's or condition's. */
    public Optional<StatementSubject> subject(int index) {
        return Optional.ofNullable(subjects.get(index));
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
        return new Compilation(Optional.of(problem), capWarnings(diagnostics));
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
        } else if (mode == Mode.COMPLETE) {
            if (program.statements().isEmpty()) {
                error("empty-program", Span.NONE, "there is nothing to solve: the input has no statements",
                        "a problem needs a domain, equations and conditions, such as: domain x in [0, 1]; y' = -y; y(0) = 1"
                                + " (one statement per line)");
            } else {
                error("missing-domain", Span.NONE, "the problem has no domain", "add a line such as: domain x in [0, 1]");
            }
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
            error("shadows-builtin", span, what + " " + quote(name) + " has the name of a built-in "
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
            error("shadows-variable", span, "param " + quote(name) + " has the name of the domain variable", "choose another name");
            ok = false;
        }
        if (ok && scope.unknown(name) >= 0) {
            Span use = unknownSpans.getOrDefault(name, Span.NONE);
            error("shadows-unknown", span, "param " + quote(name) + " has the name of an unknown",
                    (use.isKnown() ? source.text(use) + " on line " + use.line() + " makes it an unknown; " : "")
                            + "choose another name for the param");
            ok = false;
        }
        if (ok && scope.params().containsKey(name)) {
            error("duplicate-param", span, "param " + quote(name) + " is defined twice",
                    "the first definition is on line " + paramSpans.get(name).line());
            ok = false;
        }
        paramSpans.putIfAbsent(name, span);
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
                side.accept(new Discovery(paramNames, false));
            }
        }
        if (mode == Mode.PARTIAL) {
            for (Statement statement : program.statements()) {
                if (statement instanceof EquationStatement && Discovery.isDifferential((EquationStatement) statement)) {
                    EquationStatement equation = (EquationStatement) statement;
                    for (Expression side : List.of(equation.left(), equation.right())) {
                        side.accept(new Discovery(paramNames, true));
                    }
                }
            }
        }
    }

    private final class Discovery implements ExpressionVisitor<Void> {
        private final Set<String> params;
        /** PARTIAL, second pass: plain names nothing defines become provisional unknowns. */
        private final boolean plainNames;

        Discovery(Set<String> params, boolean plainNames) {
            this.params = params;
            this.plainNames = plainNames;
        }

        /** An equation that holds at every point: it has a primed name such as {@code y'}. */
        static boolean isDifferential(EquationStatement equation) {
            ExpressionVisitor<Boolean> primed = new ExpressionVisitor<>() {
                @Override
                public Boolean visitNumber(NumberLiteral number) {
                    return false;
                }

                @Override
                public Boolean visitName(NameReference name) {
                    return name.primes() > 0;
                }

                @Override
                public Boolean visitApplication(Application application) {
                    return application.arguments().stream().anyMatch(a -> a.accept(this));
                }

                @Override
                public Boolean visitUnary(UnaryOperation unary) {
                    return unary.operand().accept(this);
                }

                @Override
                public Boolean visitBinary(BinaryOperation binary) {
                    return binary.left().accept(this) || binary.right().accept(this);
                }
            };
            return equation.left().accept(primed) || equation.right().accept(primed);
        }

        private void candidate(String name, Span span, boolean primed) {
            if (scope.unknown(name) >= 0) {
                return;
            }
            if (Scope.CONSTANTS.containsKey(name)) {
                if (primed) {
                    error("shadows-builtin", span, quote(name) + " is a built-in constant, not an unknown",
                            "choose another name for the unknown");
                }
                return;
            }
            if (params.contains(name) && !primed) {
                return; // k(0) with a param k: reported as "not a function" when resolved
            }
            if (scope.isVariable(name)) {
                if (primed) {
                    error("variable-as-unknown", span, quote(name) + " is the domain variable, not an unknown", "");
                    scope.defineUnknown(name + "'"); // a name nobody can write: no cascade
                }
                return;
            }
            if (Scope.isBuiltinFunction(name)) {
                if (primed) {
                    error("shadows-builtin", span, quote(name) + " is a built-in function, not an unknown", "");
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
            } else if (plainNames && isUndefined(name.name())) {
                scope.defineUnknown(name.name());
                unknownSpans.put(name.name(), name.span());
                provisional.add(name.name());
            }
            return null;
        }

        private boolean isUndefined(String name) {
            return scope.unknown(name) < 0 && !params.contains(name) && !scope.isVariable(name) && !Scope.isBuiltin(name);
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
        for (int i = 0; i < program.statements().size(); i++) {
            Statement statement = program.statements().get(i);
            if (statement instanceof EquationStatement) {
                int index = i;
                resolveEquation((EquationStatement) statement).ifPresent(subject -> subjects.put(index, subject));
            } else if (statement instanceof QueryStatement) {
                QueryStatement query = (QueryStatement) statement;
                Expr e = resolver.resolve(query.expression(), ExpressionResolver.Context.QUERY);
                if (!ExpressionResolver.failed(e)) {
                    queries.add(new Query(query.text(), e, query.span()));
                }
            }
        }
    }

    private Optional<StatementSubject> resolveEquation(EquationStatement statement) {
        resolver.clearTermSpans();
        Expr left = resolver.resolve(statement.left(), ExpressionResolver.Context.EQUATION);
        Expr right = resolver.resolve(statement.right(), ExpressionResolver.Context.EQUATION);
        if (ExpressionResolver.failed(left) || ExpressionResolver.failed(right)) {
            return Optional.empty();
        }
        Map<Expr, Span> spans = resolver.termSpans();
        Set<Expr> terms = Sym.unknownTerms(left);
        terms.addAll(Sym.unknownTerms(right));
        Optional<Expr> atX = terms.stream().filter(t -> t instanceof Derivative).findFirst();
        Optional<Expr> atPoint = terms.stream().filter(t -> t instanceof PointValue).findFirst();
        boolean variable = Sym.mentionsVariable(left) || Sym.mentionsVariable(right);
        Span span = statement.span();
        String x = scope.variable().orElse("x");
        if (atX.isPresent() && atPoint.isPresent()) {
            Span point = spans.getOrDefault(atPoint.get(), span);
            Span derivative = spans.getOrDefault(atX.get(), span);
            error("mixed-equation", point, "this statement uses " + quote(source.text(derivative)) + " at every " + x
                    + " and " + quote(source.text(point)) + " at a point: an equation holds at every " + x
                    + ", a condition at fixed points", "a condition looks like y(0) = 1, an equation like y' = -y");
            return Optional.empty();
        }
        if (atX.isEmpty() && atPoint.isEmpty()) {
            error("no-unknown", span, "this equation has no unknown",
                    "an unknown is a name with primes (y') or evaluated at a point (y(0))");
            return Optional.empty();
        }
        if (atPoint.isPresent() && variable) {
            error("condition-depends-on-variable", span, "a condition cannot depend on " + quote(x)
                    + ": it holds at fixed points", "write the point inside the unknown, as in y(0) = 1");
            return Optional.empty();
        }
        Expr residual = Sym.sub(left, right);
        // y' = y' leaves no term; y' + y = y + y' + 2 leaves terms whose partial derivatives are all 0
        boolean cancels = Sym.unknownTerms(residual).stream().allMatch(t -> Sym.partial(residual, t).isConstant(0));
        if (cancels) {
            Expr rest = Sym.substitute(residual, leaf -> leaf instanceof Derivative || leaf instanceof PointValue ? Sym.ZERO : leaf);
            error("unknowns-cancel", span, "the unknowns cancel out: this says "
                    + new Printer(x, scope.unknowns()).print(rest) + " = 0",
                    "an equation or condition must still contain an unknown once both sides are subtracted");
            return Optional.empty();
        }
        ResolvedEquation resolved = new ResolvedEquation(residual, text(span), span, spans);
        (atX.isPresent() ? equations : conditions).add(resolved);
        return StatementSubject.of(residual, scope.unknowns());
    }

    // ---------------------------------------------------------------- phase 3: structure

    private List<UnknownFunction> structure() {
        if (domainStatement == null || scope.domain().isEmpty()) {
            return List.of(); // reported in phase 1
        }
        List<String> names = scope.unknowns();
        if (names.size() > Limits.MAX_UNKNOWNS) {
            String name = names.get(Limits.MAX_UNKNOWNS);
            error("too-many-unknowns", unknownSpans.getOrDefault(name, Span.NONE), "the problem has " + names.size()
                    + " unknowns; neuroform solves systems of at most " + Limits.MAX_UNKNOWNS, "");
            return List.of();
        }
        int[] orders = new int[names.size()];
        Span[] highest = new Span[names.size()];
        boolean[] inEquation = new boolean[names.size()];
        for (ResolvedEquation equation : equations) {
            for (Expr term : Sym.unknownTerms(equation.residual())) {
                Derivative d = (Derivative) term;
                if (!inEquation[d.unknown()] || d.order() > orders[d.unknown()]) {
                    highest[d.unknown()] = equation.termSpan(d);
                }
                orders[d.unknown()] = Math.max(orders[d.unknown()], d.order());
                inEquation[d.unknown()] = true;
            }
        }
        if (equations.isEmpty()) {
            error("no-equation", Span.NONE, "the problem has no differential equation", "add one such as: y' = -y");
            return List.of();
        }
        List<UnknownFunction> unknowns = new ArrayList<>();
        for (int u = 0; u < names.size(); u++) {
            Span span = inEquation[u] ? highest[u] : unknownSpans.getOrDefault(names.get(u), Span.NONE);
            if (!inEquation[u]) {
                error("unknown-without-equation", span, "the unknown " + quote(names.get(u)) + " appears in no equation",
                        "each unknown needs an equation, such as " + names.get(u) + "' = ...");
            }
            unknowns.add(new UnknownFunction(names.get(u), orders[u], span));
        }
        if (equations.size() != unknowns.size()) {
            Span span = equations.get(equations.size() - 1).span();
            error("equation-count", span, unknowns.size() + " unknown" + (unknowns.size() == 1 ? "" : "s") + " ("
                    + String.join(", ", names) + ") but " + equations.size() + " equation" + (equations.size() == 1 ? "" : "s"),
                    "a problem needs one equation per unknown");
        }
        int needed = 0;
        for (UnknownFunction unknown : unknowns) {
            needed += unknown.order();
        }
        if (needed > Limits.MAX_CONDITIONS) {
            error("problem-too-large", equations.get(0).span(), "the orders of the unknowns add up to " + needed
                    + ", so the problem needs " + needed + " conditions; neuroform builds trial solutions for at most "
                    + Limits.MAX_CONDITIONS, "");
            return unknowns;
        }
        if (!hasErrors()) {
            checkConditions(unknowns);
        }
        return unknowns;
    }

    /** {@code y, y' and y''}: what conditions of an unknown of this order may prescribe. */
    private static String allowed(String name, int order) {
        List<String> written = new ArrayList<>();
        for (int k = 0; k < order; k++) {
            written.add(name + "'".repeat(k));
        }
        if (written.size() == 1) {
            return written.get(0);
        }
        return String.join(", ", written.subList(0, written.size() - 1)) + " and " + written.get(written.size() - 1);
    }

    private void checkConditions(List<UnknownFunction> unknowns) {
        List<List<ResolvedEquation>> own = new ArrayList<>();
        List<java.util.BitSet> prescribed = new ArrayList<>();
        for (int u = 0; u < unknowns.size(); u++) {
            own.add(new ArrayList<>());
            prescribed.add(new java.util.BitSet());
        }
        int[] shared = new int[unknowns.size()];
        Map<Expr, ResolvedEquation> pure = new java.util.HashMap<>();
        int total = 0;
        for (ResolvedEquation condition : conditions) {
            Set<Integer> mentioned = new java.util.TreeSet<>();
            Set<Expr> terms = Sym.unknownTerms(condition.residual());
            boolean ok = true;
            for (Expr term : terms) {
                PointValue p = (PointValue) term;
                UnknownFunction unknown = unknowns.get(p.unknown());
                mentioned.add(p.unknown());
                if (unknown.order() == 0) {
                    error("condition-on-algebraic", condition.termSpan(p), quote(unknown.name())
                            + " has no derivative in the equations, so it takes no conditions", "");
                    ok = false;
                } else if (p.order() >= unknown.order()) {
                    String written = unknown.name() + "'".repeat(p.order());
                    error("condition-order", condition.termSpan(p), quote(unknown.name()) + " has order " + unknown.order()
                            + ", so its conditions may prescribe " + allowed(unknown.name(), unknown.order())
                            + ", not " + written, "the equation itself determines "
                            + unknown.name() + "'".repeat(unknown.order()));
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            if (terms.size() == 1) {
                Expr term = terms.iterator().next();
                ResolvedEquation first = pure.putIfAbsent(term, condition);
                if (first != null) {
                    error("duplicate-condition", condition.termSpan(term), quote(source.text(condition.termSpan(term)))
                            + " is already prescribed on line " + first.span().line(),
                            "an unknown of order m needs m different conditions, such as y(0) and y'(0)");
                    continue;
                }
            }
            total++;
            if (mentioned.size() == 1) {
                int u = mentioned.iterator().next();
                own.get(u).add(condition);
                if (terms.size() == 1) {
                    prescribed.get(u).set(((PointValue) terms.iterator().next()).order());
                }
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
        boolean reported = false;
        for (int u = 0; u < unknowns.size(); u++) {
            UnknownFunction unknown = unknowns.get(u);
            int count = own.get(u).size();
            String name = unknown.name();
            if (count > unknown.order()) {
                List<String> lines = own.get(u).stream().map(c -> Integer.toString(c.span().line())).toList();
                error("too-many-conditions", own.get(u).get(unknown.order()).span(), quote(name) + " has order "
                        + unknown.order() + " and needs " + conditionCount(unknown.order()) + ", but has " + count
                        + " (over-determined)", "remove " + (count - unknown.order()) + " of them (lines "
                        + String.join(", ", lines) + ")");
                reported = true;
            } else if (total < needed && count + shared[u] < unknown.order()) {
                int missing = prescribed.get(u).nextClearBit(0);
                error("too-few-conditions", unknown.span(), quote(name) + " has order " + unknown.order() + " ("
                        + name + "'".repeat(unknown.order()) + " on line " + unknown.span().line() + ") and needs "
                        + conditionCount(unknown.order()) + ", but has " + (count + shared[u]),
                        "add a condition such as " + name + "'".repeat(Math.min(missing, unknown.order() - 1)) + "("
                                + Printer.number(scope.domain().get().lower()) + ") = ...");
                reported = true;
            }
        }
        if (!reported && total != needed) {
            Span where = conditions.isEmpty() ? equations.get(0).span() : conditions.get(conditions.size() - 1).span();
            error(total < needed ? "too-few-conditions" : "too-many-conditions", where, "the unknowns need " + needed
                    + " condition" + (needed == 1 ? "" : "s") + " in all (one per order), but there "
                    + (total == 1 ? "is " : "are ") + total, "");
        }
    }

    private static String conditionCount(int order) {
        return order + " condition" + (order == 1 ? "" : "s");
    }

    // ---------------------------------------------------------------- phase 4: construction

    /** The largest number of doubles training may hold in its biggest array (about 400 MB). */
    static final double MAX_TRAINING_DOUBLES = 5e7;

    /**
     * Memory stays bounded whatever the train line says: Levenberg–Marquardt holds a Jacobian of
     * (residual rows × weights) doubles, every optimizer the networks' activations for all
     * derivative orders at all points.
     */
    private void checkTrainingSize(List<UnknownFunction> unknowns) {
        int count = unknowns.size();
        int outputs = settings.sharedNetwork() ? count : 1;
        double weights = 0;
        double widths = 0;
        int in = 1;
        for (int width : settings.hidden()) {
            weights += (double) in * width + width;
            widths += width;
            in = width;
        }
        weights = (weights + (double) in * outputs + outputs) * (settings.sharedNetwork() ? 1 : count);
        int order = unknowns.stream().mapToInt(UnknownFunction::order).max().orElse(0);
        double points = settings.points() > 0 ? settings.points() : Math.max(32, Math.ceil(2 * weights / Math.max(1, equations.size())));
        boolean leastSquares = settings.optimizer() == org.neuroform.compiler.settings.OptimizerChoice.AUTO
                || settings.optimizer() == org.neuroform.compiler.settings.OptimizerChoice.LM;
        double jacobian = leastSquares ? points * Math.max(1, equations.size()) * weights : 0;
        double activations = (order + 1) * 4 * points * widths * 6;
        double largest = Math.max(jacobian, activations);
        if (largest > MAX_TRAINING_DOUBLES) {
            Span span = trainSpan();
            error("training-too-large", span, String.format(java.util.Locale.ROOT,
                    "training this would need about %.0f MB (%.0f weights, %.0f points)", largest * 8 / 1e6, weights, points),
                    leastSquares ? "use fewer points, a smaller network, or optimizer = adam" : "use fewer points or a smaller network");
        }
    }

    private Span trainSpan() {
        for (int i = program.statements().size() - 1; i >= 0; i--) {
            if (program.statements().get(i) instanceof TrainStatement) {
                return program.statements().get(i).span();
            }
        }
        return Span.NONE;
    }

    private CompiledProblem construct(List<UnknownFunction> unknowns) {
        Domain domain = scope.domain().get();
        checkTrainingSize(unknowns);
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
                Span span = paramSpans.getOrDefault(param.getKey(), Span.NONE);
                warning("unused-param", span, "param '" + param.getKey() + "' is never used", "");
            }
        }
        List<org.neuroform.diagnostic.Diagnostic> warnings = diagnostics.stream().filter(d -> !d.isError()).toList();
        return new CompiledProblem(source, domain, unknowns, compiled, trial, penalties, queries, settings,
                scope.params(), warnings);
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
