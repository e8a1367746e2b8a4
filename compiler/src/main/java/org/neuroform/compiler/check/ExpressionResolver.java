package org.neuroform.compiler.check;

import java.util.List;
import java.util.Optional;
import org.neuroform.ast.Application;
import org.neuroform.ast.BinaryOperation;
import org.neuroform.ast.Expression;
import org.neuroform.ast.ExpressionVisitor;
import org.neuroform.ast.NameReference;
import org.neuroform.ast.NumberLiteral;
import org.neuroform.ast.UnaryOperation;
import org.neuroform.ast.UnaryOperator;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.sym.Constant;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.Function;
import org.neuroform.compiler.sym.Operator;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.compiler.sym.Variable;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.Span;
import org.neuroform.grammar.Limits;
import static org.neuroform.diagnostic.Diagnostic.quote;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.neuroform.ast.DefStatement;
import org.neuroform.ast.LetStatement;

/**
 * Resolves the names of an AST expression and builds its symbolic form. Mistakes become
 * diagnostics; the expression that contained one comes back as {@link #FAILED}, which later
 * checks ignore so that one mistake is reported once.
 */
final class ExpressionResolver {

    /** Where an expression stands, which decides what it may mention. */
    enum Context {
        /** params, domain bounds, condition points, train values: numbers only */
        CONSTANT,
        /** equations and conditions: x, y, y', y(x), y'(0) ... (classified afterwards) */
        EQUATION,
        /** queries: y(1.5), y'(0.2), u(2) - v(2), constants */
        QUERY
    }

    /** Stands for an expression with an error already reported. */
    static final Expr FAILED = new Constant(Double.NaN);

    private final Scope scope;
    private final List<Diagnostic> diagnostics;
    private final Map<Expr, Span> termSpans = new LinkedHashMap<>();
    /** The arguments of the def whose body is being expanded (only the innermost call's are visible). */
    private final Deque<Map<String, Expr>> frames = new ArrayDeque<>();
    /** The defs and lets being expanded, innermost last: meeting one again is recursion. */
    private final Deque<String> expanding = new ArrayDeque<>();
    /** Each let's value, resolved once (in equation context) the first time it is needed. */
    private final Map<String, Expr> letValues = new LinkedHashMap<>();
    /** Defs whose body had an error when checked: their calls fail without repeating it. */
    private final Set<String> brokenDefs = new HashSet<>();
    /** Diagnostics reported from inside a def or let: a body used twice reports its mistake once. */
    private final Set<Diagnostic> reportedInBodies = new HashSet<>();
    private final Set<Function> warnedNonSmooth = new HashSet<>();

    ExpressionResolver(Scope scope, List<Diagnostic> diagnostics) {
        this.scope = scope;
        this.diagnostics = diagnostics;
    }

    /**
     * Where each unknown term ({@code y''}, {@code y'(0)}) resolved since the last
     * {@link #clearTermSpans()} was first written: diagnostics about one term put their caret
     * under it rather than under the whole statement.
     */
    Map<Expr, Span> termSpans() {
        return Map.copyOf(termSpans);
    }

    void clearTermSpans() {
        termSpans.clear();
    }

    /** "Did you mean" costs a scan of every name: skip it once the errors are past the cap anyway. */
    private Optional<String> suggest(String name, java.util.function.Supplier<java.util.Set<String>> known) {
        if (diagnostics.size() > Limits.MAX_ERRORS) {
            return Optional.empty();
        }
        return Suggestions.closest(name, known.get());
    }

    static boolean failed(Expr e) {
        return e instanceof Constant && Double.isNaN(((Constant) e).value());
    }

    /** Whether a constant may mention an estimated param (a param's value may; a domain end or a point may not). */
    private boolean estimatedAllowed;
    private boolean sawEstimated;
    private boolean sawRanged;
    /** Per let, the ranged params its formula uses itself ({@link #ANY_RANGED} for a param computed from one). */
    private final Map<String, Set<String>> rangedLets = new HashMap<>();
    /** The ranged params met while resolving the current let's formula. */
    private final Set<String> rangedUsed = new java.util.HashSet<>();
    /** Stands for "some ranged param": a param computed from ranged ones. */
    private static final String ANY_RANGED = "*";
    /** While a query is resolved: the ranged params' values it is asked at (null otherwise). */
    private Map<String, Double> queryValues;
    /**
     * While a let that uses ranged params is evaluated for a query: their values there. The let's formula is then
     * resolved again with them, not taken from the cache (where they stand at their middle values, as the equations
     * are compiled).
     */
    private Map<String, Double> letValuesAt;
    /** While the inside of {@code d(…, k)} is resolved: a ranged param may not stand alone there. */
    private boolean insideSensitivity;
    /** The param of the d(…, k) query being resolved. */
    private String sensitivityBy = "";

    /**
     * Resolves a param's value: it may use estimated and ranged params, and says whether it did
     * ({@code derived[0]} estimated, {@code derived[1]} ranged).
     */
    Optional<Double> paramValue(Expression expression, boolean[] derived) {
        estimatedAllowed = true;
        sawEstimated = false;
        sawRanged = false;
        try {
            return constant(expression, "a param value");
        } finally {
            derived[0] = sawEstimated;
            derived[1] = sawRanged;
            estimatedAllowed = false;
        }
    }

    /**
     * Resolves a query. In a problem with ranged params the query names a value of each,
     * after a semicolon in any of its calls ({@code y(1.5; k = 0.3)}), or takes it from
     * {@code defaults} (the shell's {@code :set k = 0.3}); {@code d(QUERY, k)} is the query's
     * derivative by the ranged param k. Empty, with diagnostics, when it cannot be resolved.
     */
    Optional<org.neuroform.compiler.Query> query(org.neuroform.ast.QueryStatement statement, org.neuroform.compiler.ParamRanges ranges,
            Map<String, Double> defaults) {
        Expression expression = statement.expression();
        String respectTo = "";
        if (expression instanceof Application && ((Application) expression).name().equals("d") && scope.unknown("d") < 0
                && ((Application) expression).arguments().size() == 2 && ((Application) expression).values().isEmpty()) {
            Application d = (Application) expression;
            Expression by = d.arguments().get(1);
            if (!(by instanceof NameReference) || ((NameReference) by).primes() > 0
                    || ranges.get(((NameReference) by).name()).isEmpty()) {
                error(by.span(), "not-a-ranged-param", "d(QUERY, NAME) is a derivative by a ranged param; " + quote(source(by))
                        + " is not one", ranges.isEmpty() ? "this problem has no ranged param (param k in [a, b])"
                                : "its ranged params: " + Scope.listed(ranges.names()));
                return Optional.empty();
            }
            respectTo = ((NameReference) by).name();
            expression = d.arguments().get(0);
            if (expression instanceof Application && ((Application) expression).name().equals("d")
                    && ((Application) expression).arguments().size() == 2) {
                error(expression.span(), "not-a-ranged-param", "d(…, " + respectTo + ") of a d(…) query: derivatives by a param are"
                        + " of first order only", "ask d(QUERY, " + respectTo + ") itself, or a difference of two such queries");
                return Optional.empty();
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Span> where = new LinkedHashMap<>();
        int before = diagnostics.size();
        collectValues(expression, ranges, values, where);
        if (diagnostics.size() > before) {
            return Optional.empty();
        }
        Map<String, Double> at = new LinkedHashMap<>();
        for (org.neuroform.compiler.RangedParam param : ranges.params()) {
            Double value = values.containsKey(param.name()) ? values.get(param.name()) : defaults.get(param.name());
            if (value == null) {
                error(statement.span(), "missing-param-value", "the query needs a value of the ranged param " + quote(param.name())
                        + " (in [" + Printer.number(param.lower()) + ", " + Printer.number(param.upper()) + "])",
                        "add it after a semicolon, as in " + example(expression, param) + (defaults.isEmpty() && !ranges.isEmpty()
                                ? "" : ", or fix it with :set " + param.name() + " = VALUE"));
                return Optional.empty();
            }
            at.put(param.name(), value);
        }
        queryValues = at;
        insideSensitivity = !respectTo.isEmpty();
        sensitivityBy = respectTo;
        try {
            Expr e = resolve(expression, Context.QUERY);
            if (failed(e)) {
                return Optional.empty();
            }
            return Optional.of(new org.neuroform.compiler.Query(statement.text(), e, statement.span(), at, respectTo));
        } finally {
            queryValues = null;
            insideSensitivity = false;
        }
    }

    private static String source(Expression e) {
        return e instanceof NameReference ? ((NameReference) e).name() + "'".repeat(((NameReference) e).primes()) : "this";
    }

    /** {@code y(1; k = 1.25)}: the first call of an unknown in the query, with the param's middle value. */
    private String example(Expression e, org.neuroform.compiler.RangedParam param) {
        String value = param.name() + " = " + Printer.number(param.middle());
        Optional<Application> call = firstUnknownCall(e);
        if (call.isEmpty()) {
            return "y(X; " + value + ")";
        }
        Application a = call.get();
        Expression argument = a.arguments().get(0);
        String point = argument instanceof NumberLiteral ? ((NumberLiteral) argument).text() : "X";
        return a.name() + "'".repeat(a.primes()) + "(" + point + "; " + value + ")";
    }

    private Optional<Application> firstUnknownCall(Expression e) {
        if (e instanceof Application) {
            Application a = (Application) e;
            if (scope.unknown(a.name()) >= 0 && a.arguments().size() == 1) {
                return Optional.of(a);
            }
            for (Expression argument : a.arguments()) {
                Optional<Application> found = firstUnknownCall(argument);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (e instanceof UnaryOperation) {
            return firstUnknownCall(((UnaryOperation) e).operand());
        } else if (e instanceof BinaryOperation) {
            Optional<Application> left = firstUnknownCall(((BinaryOperation) e).left());
            return left.isPresent() ? left : firstUnknownCall(((BinaryOperation) e).right());
        }
        return Optional.empty();
    }

    /** The values written after semicolons in the query's calls: each a ranged param, inside its range, the same everywhere. */
    private void collectValues(Expression e, org.neuroform.compiler.ParamRanges ranges, Map<String, Double> values, Map<String, Span> where) {
        if (e instanceof UnaryOperation) {
            collectValues(((UnaryOperation) e).operand(), ranges, values, where);
        } else if (e instanceof BinaryOperation) {
            collectValues(((BinaryOperation) e).left(), ranges, values, where);
            collectValues(((BinaryOperation) e).right(), ranges, values, where);
        } else if (e instanceof Application) {
            Application a = (Application) e;
            a.arguments().forEach(argument -> collectValues(argument, ranges, values, where));
            for (org.neuroform.ast.ParamValue value : a.values()) {
                Optional<org.neuroform.compiler.RangedParam> param = ranges.get(value.name());
                if (param.isEmpty()) {
                    error(value.nameSpan(), "not-a-ranged-param", quote(value.name()) + " is not a ranged param: only params given as "
                            + "'" + value.name() + " in [a, b]' take a value in a query", ranges.isEmpty()
                                    ? "this problem has no ranged param" : "its ranged params: " + Scope.listed(ranges.names()));
                    continue;
                }
                Optional<Double> v = constant(value.value(), "a param value");
                if (v.isEmpty()) {
                    continue;
                }
                org.neuroform.compiler.RangedParam range = param.get();
                if (!range.contains(v.get())) {
                    error(value.value().span(), "value-outside-range", quote(value.name()) + " = " + Printer.number(v.get())
                            + " is outside its range [" + Printer.number(range.lower()) + ", " + Printer.number(range.upper()) + "]",
                            "the solution is known for the range only");
                    continue;
                }
                double clamped = range.clamp(v.get());
                Double earlier = values.get(value.name());
                if (earlier != null && earlier != clamped) {
                    error(value.span(), "conflicting-param-values", quote(value.name()) + " is given two values in one query ("
                            + Printer.number(earlier) + " and " + Printer.number(clamped) + ")",
                            "a query is answered at one value of each param; ask two queries");
                    continue;
                }
                values.put(value.name(), clamped);
                where.putIfAbsent(value.name(), value.span());
            }
        }
    }

    Expr resolve(Expression expression, Context context) {
        Expr result = expression.accept(new Visitor(context));
        if (!failed(result) && result instanceof Constant && !Double.isFinite(((Constant) result).value())) {
            return notFinite(expression.span(), ((Constant) result).value());
        }
        return result;
    }

    /** Resolves a constant expression to its value; empty (with a diagnostic) when it is not one. */
    Optional<Double> constant(Expression expression, String what) {
        Expr e = resolve(expression, Context.CONSTANT);
        if (failed(e)) {
            return Optional.empty();
        }
        if (!(e instanceof Constant)) {
            // Every leaf that is not a number is refused in Context.CONSTANT, and Sym folds
            // operations on numbers: reaching this is a bug, not a user's mistake.
            throw new IllegalStateException(what + " resolved to a non-constant " + e);
        }
        return Optional.of(((Constant) e).value());
    }

    private Expr notFinite(Span span, double value) {
        if (Double.isNaN(value)) {
            return error(span, "not-finite", "this evaluates to NaN (not a number)",
                    "sqrt and log need arguments >= 0 and > 0, asin and acos arguments in [-1, 1]");
        }
        return error(span, "not-finite", "this evaluates to " + (value > 0 ? "+" : "-")
                + "infinity: it overflows double precision (about 1.8e308)", "");
    }

    private Expr error(Span span, String code, String message, String hint) {
        Diagnostic diagnostic = Diagnostic.error(code, span, message, hint);
        if (expanding.isEmpty() || reportedInBodies.add(diagnostic)) {
            diagnostics.add(diagnostic);
        }
        return FAILED;
    }

    /**
     * Checks every def body once, its arguments standing for any value (the domain variable's
     * symbol), and every let; a def whose body has an error is not expanded again, so that its
     * mistake is reported once, at the body.
     */
    void checkDefinitions() {
        for (DefStatement def : scope.defs().values()) {
            long before = diagnostics.stream().filter(Diagnostic::isError).count();
            Map<String, Expr> frame = new HashMap<>();
            def.arguments().forEach(a -> frame.put(a, Variable.INSTANCE));
            frames.push(frame);
            expanding.addLast(def.name());
            try {
                def.body().accept(new Visitor(Context.EQUATION));
            } finally {
                expanding.removeLast();
                frames.pop();
            }
            if (diagnostics.stream().filter(Diagnostic::isError).count() > before) {
                brokenDefs.add(def.name());
            }
        }
        for (LetStatement let : scope.lets().values()) {
            letValue(let, let.nameSpan());
        }
    }

    /** A let's value as an expression of x and the unknowns at x; FAILED (reported once) when it has an error. */
    private Expr letValue(LetStatement let, Span use) {
        Expr known = letValues.get(let.name());
        if (known != null && letValuesAt != null && !rangedLets.getOrDefault(let.name(), Set.of()).isEmpty()) {
            return letValueAt(let); // at a query's values of the ranged params, not the middle ones
        }
        if (known != null) {
            rangedUsed.addAll(rangedLets.getOrDefault(let.name(), Set.of())); // a let using this one uses them too
            return known;
        }
        if (expanding.contains(let.name())) {
            return recursion(let.name(), use);
        }
        frames.push(Map.of());
        expanding.addLast(let.name());
        Expr value;
        boolean sawBefore = sawRanged;
        Set<String> usedBefore = new java.util.HashSet<>(rangedUsed);
        sawRanged = false;
        rangedUsed.clear();
        try {
            value = let.value().accept(new Visitor(Context.EQUATION));
        } finally {
            expanding.removeLast();
            frames.pop();
            rangedLets.put(let.name(), Set.copyOf(rangedUsed));
            sawRanged |= sawBefore;
            rangedUsed.addAll(usedBefore);
        }
        letValues.put(let.name(), value);
        return value;
    }

    /** A let's value resolved again at {@link #letValuesAt} (it was resolved once before: no recursion, no new mistakes). */
    private Expr letValueAt(LetStatement let) {
        frames.push(Map.of());
        expanding.addLast(let.name());
        try {
            return let.value().accept(new Visitor(Context.EQUATION));
        } finally {
            expanding.removeLast();
            frames.pop();
        }
    }

    private Expr recursion(String name, Span use) {
        List<String> cycle = new ArrayList<>();
        boolean inCycle = false;
        for (String n : expanding) {
            inCycle |= n.equals(name);
            if (inCycle) {
                cycle.add(n);
            }
        }
        cycle.add(name);
        return error(use, "recursive-definition", quote(name) + " is defined in terms of itself (" + String.join(" -> ", cycle) + ")",
                "defs and lets are expanded where they are used, so they cannot call themselves; write the quantity out");
    }

    /** d/dx of an expression of x and the unknowns at x (chain rule through each {@code u^(k)}). */
    private Expr totalDerivative(Expr e, Span span) {
        Expr result = Sym.partial(e, Variable.INSTANCE);
        for (Expr term : Sym.unknownTerms(e)) {
            if (term instanceof Derivative) {
                Derivative d = (Derivative) term;
                if (d.order() + 1 > Limits.MAX_DERIVATIVE_ORDER) {
                    return error(span, "order-too-high", "this needs a derivative of order " + (d.order() + 1)
                            + "; neuroform evaluates derivatives up to order " + Limits.MAX_DERIVATIVE_ORDER, "");
                }
                result = Sym.add(result, Sym.mul(Sym.partial(e, term), new Derivative(d.unknown(), d.order() + 1)));
            }
        }
        return result;
    }

    private final class Visitor implements ExpressionVisitor<Expr> {
        private final Context context;

        Visitor(Context context) {
            this.context = context;
        }

        @Override
        public Expr visitNumber(NumberLiteral number) {
            if (!Double.isFinite(number.value())) {
                return error(number.span(), "number-too-large", "the number " + quote(number.text())
                        + " is too large for double precision (at most about 1.8e308)", "");
            }
            return Sym.constant(number.value());
        }

        @Override
        public Expr visitName(NameReference reference) {
            String name = reference.name();
            Span span = reference.span();
            int unknown = scope.unknown(name);
            if (reference.primes() > Limits.MAX_DERIVATIVE_ORDER) {
                return orderTooHigh(span, name, reference.primes());
            }
            Map<String, Expr> frame = frames.peek();
            if (frame != null && frame.containsKey(name)) {
                if (reference.primes() > 0) {
                    return error(span, "derivative-of-non-unknown", quote(name) + " is an argument of " + quote(expanding.peekLast())
                            + ": only unknowns and lets have derivatives", "");
                }
                return frame.get(name);
            }
            LetStatement let = unknown < 0 ? scope.lets().get(name) : null;
            if (let != null) {
                return letAtVariable(let, reference.primes(), span);
            }
            DefStatement def = unknown < 0 ? scope.defs().get(name) : null;
            if (def != null) {
                return error(span, "function-without-argument", quote(name) + " is a function (def on line " + def.span().line() + ")",
                        "write " + name + "(" + String.join(", ", def.arguments()) + ")");
            }
            if (reference.primes() > 0) {
                if (unknown < 0) {
                    return error(span, "derivative-of-non-unknown", quote(name) + " is not an unknown: only unknowns have derivatives", "");
                }
                return unknownAtX(unknown, reference.primes(), span);
            }
            if (unknown >= 0) {
                return unknownAtX(unknown, 0, span);
            }
            if (scope.isVariable(name)) {
                if (context != Context.EQUATION) {
                    return error(span, "variable-in-constant", quote(name) + " is the domain variable; a constant is needed here",
                            context == Context.QUERY ? "query a value at a point, such as y(1.5)" : "");
                }
                return Variable.INSTANCE;
            }
            Double param = scope.params().get(name);
            if (param != null && scope.isEstimated(name)) {
                sawEstimated = true;
                if (context == Context.CONSTANT && !estimatedAllowed) {
                    return error(span, "estimated-param-in-constant", "param " + quote(name)
                            + " is estimated from data (or computed from one that is); it cannot set the domain, a condition's point, a bound or a train option",
                            "give it a value, or estimate only what appears in equations and condition values");
                }
            }
            if (param != null && (scope.isRanged(name) || scope.isRangedDependent(name))) {
                sawRanged = true;
                rangedUsed.add(scope.isRanged(name) ? name : ANY_RANGED); // a dependent param: computed from some
                boolean dependent = !scope.isRanged(name);
                if (letValuesAt != null && context == Context.EQUATION && !dependent) {
                    scope.useParam(name);
                    return Sym.constant(letValuesAt.get(name)); // a let's formula, evaluated for a query
                }
                if (context == Context.CONSTANT && !estimatedAllowed) {
                    return error(span, "ranged-param-in-constant", "param " + quote(name) + (dependent
                            ? " is computed from a ranged param" : " is given as a range")
                            + "; it cannot set the domain, a point, a range, a query's value or a train option",
                            "give it a value, or use the range only in equations and condition values");
                }
                if (context == Context.QUERY) {
                    if (dependent || insideSensitivity || queryValues == null) {
                        return error(span, "ranged-param-in-constant", "param " + quote(name) + (dependent
                                ? " is computed from a ranged param; a query cannot name it"
                                : " is what d(…, " + name + ") differentiates by; inside it write point values only"),
                                dependent ? "write its formula in the query" : "");
                    }
                    scope.useParam(name);
                    return Sym.constant(queryValues.get(name));
                }
            }
            if (param != null) {
                scope.useParam(name);
                return Sym.constant(param);
            }
            Double constant = Scope.CONSTANTS.get(name);
            if (constant != null) {
                return Sym.constant(constant);
            }
            if (scope.pendingParams().contains(name)) {
                return error(span, "param-used-before-definition", "param " + quote(name) + " is used before it is defined",
                        "move its definition up");
            }
            if (Scope.isBuiltinFunction(name)) {
                return error(span, "function-without-argument", quote(name) + " is a function", "write " + name + "(...)");
            }
            Optional<String> suggestion = suggest(name, () -> scope.knownNames(false));
            String hint = suggestion.map(s -> "did you mean '" + s + "'?").orElse("");
            if (context == Context.EQUATION) {
                // An unknown with no primes anywhere (a DAE's algebraic one) is only recognised applied to the variable.
                String variable = scope.domain().map(Domain::variable).orElse("x");
                hint += (hint.isEmpty() ? "" : " ") + "A constant is defined with 'param " + name + " = …'; an unknown that no"
                        + " equation differentiates (an algebraic one) is written " + name + "(" + variable + ")";
            }
            return error(span, "undefined-name", "undefined name " + quote(name), hint);
        }

        private Expr unknownAtX(int unknown, int order, Span span) {
            String written = scope.unknowns().get(unknown) + "'".repeat(order);
            if (context == Context.CONSTANT) {
                return error(span, "unknown-in-constant", "the unknown '" + written + "' cannot appear in a constant expression", "");
            }
            if (context == Context.QUERY) {
                return error(span, "query-needs-point", quote(written) + " needs a point in a query",
                        "write " + written + "(" + Printer.number(scope.domain().map(Domain::lower).orElse(0.0)) + ")");
            }
            Derivative derivative = new Derivative(unknown, order);
            termSpans.putIfAbsent(derivative, span);
            return derivative;
        }

        private Expr orderTooHigh(Span span, String name, int order) {
            return error(span, "order-too-high", "derivative of order " + order + " (" + quote(name)
                    + " with " + order + " primes); neuroform evaluates derivatives up to order "
                    + Limits.MAX_DERIVATIVE_ORDER, "");
        }

        @Override
        public Expr visitApplication(Application application) {
            String name = application.name();
            List<Expression> arguments = application.arguments();
            Optional<Function> builtin = Function.builtin(name);
            int unknown = scope.unknown(name);
            if (application.primes() > Limits.MAX_DERIVATIVE_ORDER) {
                return orderTooHigh(application.nameSpan(), name, application.primes());
            }
            boolean takesValues = unknown >= 0 || scope.lets().containsKey(name); // a let's value at a point is a query's term too
            if (!application.values().isEmpty() && (context != Context.QUERY || !takesValues)) {
                return error(application.values().get(0).span(), "param-values-outside-query", context == Context.QUERY
                        ? "only the value of an unknown or a let takes param values after a semicolon"
                        : "param values after a semicolon belong to queries, not to " + (context == Context.EQUATION
                                ? "equations and conditions" : "constants"),
                        context == Context.QUERY ? "write them in the unknown's (or let's) call: y(1.5; k = 0.3)"
                                : "in a query: y(1.5; k = 0.3)");
            }
            Map<String, Expr> frame = frames.peek();
            if (frame != null && frame.containsKey(name)) {
                return error(application.nameSpan(), "not-a-function", quote(name) + " is an argument of "
                        + quote(expanding.peekLast()) + ", not a function", "write " + name + "*(...) to multiply");
            }
            DefStatement def = unknown < 0 ? scope.defs().get(name) : null;
            if (def != null) {
                return call(def, application);
            }
            LetStatement let = unknown < 0 ? scope.lets().get(name) : null;
            if (let != null) {
                Set<String> uses = rangedLets.getOrDefault(let.name(), Set.of());
                if (context == Context.QUERY && uses.contains(ANY_RANGED)) {
                    // Its formula holds a param computed from a ranged one, known at the middle of the range only.
                    return error(application.nameSpan(), "ranged-param-in-constant", "the let " + quote(let.name())
                            + " uses a param computed from a ranged param; a query cannot evaluate it at other values of the range",
                            "write that param's formula in the let (param w = 2*k, let q = w*y: let q = 2*k*y)");
                }
                Map<String, Double> outer = letValuesAt;
                letValuesAt = context == Context.QUERY && queryValues != null && !uses.isEmpty() ? queryValues : outer;
                Expr value;
                try {
                    value = letAtPoint(let, application);
                } finally {
                    letValuesAt = outer;
                }
                if (insideSensitivity && (uses.contains(sensitivityBy) || uses.contains(ANY_RANGED))) {
                    // d(E, k) differentiates point values along the nodes; a k written in the let would be held fixed.
                    return error(application.nameSpan(), "ranged-param-in-constant", "the let " + quote(let.name())
                            + " uses " + sensitivityBy + " in its formula; d(…, " + sensitivityBy + ") differentiates the solution's point values only",
                            "differentiate by hand: d(y(…), " + sensitivityBy + ") gives the solution's part; add the formula's own derivative by "
                                    + sensitivityBy);
                }
                return value;
            }
            if (builtin.isPresent() && unknown < 0) {
                if (application.primes() > 0) {
                    return error(application.nameSpan(), "derivative-of-non-unknown",
                            quote(name) + " is a built-in function: only unknowns have derivatives", "");
                }
                if (arguments.size() != 1) {
                    return error(application.span(), "arity", quote(name) + " takes 1 argument, not " + arguments.size(), "");
                }
                Expr argument = arguments.get(0).accept(this);
                if (failed(argument)) {
                    return FAILED;
                }
                Expr result = Sym.apply(builtin.get(), argument);
                if (result instanceof Constant && !Double.isFinite(((Constant) result).value())) {
                    return notFinite(application.span(), ((Constant) result).value());
                }
                // A jump at points of the variable alone (heav(t - 5)) is where segments end: only one the unknowns move is warned of.
                if (!builtin.get().isSmooth() && !(result instanceof Constant) && !Sym.unknownTerms(argument).isEmpty()
                        && warnedNonSmooth.add(builtin.get())) {
                    diagnostics.add(Diagnostic.warning("non-smooth", application.nameSpan(), quote(name)
                            + " jumps: the solution's derivatives jump where its argument crosses a step, and a smooth network"
                            + " sees a steep ramp there", "expect lower accuracy near the jumps; a smooth approximation such as"
                            + " (1 + tanh(z/eps))/2 for heav(z) trains better"));
                }
                return result;
            }
            if (unknown >= 0) {
                String written = name + "'".repeat(application.primes());
                if (arguments.size() != 1) {
                    return error(application.span(), "arity", quote(written) + " takes 1 argument (a point), not " + arguments.size(), "");
                }
                Expression argument = arguments.get(0);
                if (argument instanceof NameReference && ((NameReference) argument).primes() == 0
                        && scope.isVariable(((NameReference) argument).name())) {
                    return unknownAtX(unknown, application.primes(), application.span());
                }
                String x = scope.variable().orElse("x");
                Expr point = fixedPoint(argument, written, "conditions and queries take fixed points such as " + written
                        + "(0); in an equation " + written + " alone means " + written + "(" + x + ")");
                if (!(point instanceof Constant) || failed(point)) {
                    return point;
                }
                double at = ((Constant) point).value();
                if (context == Context.CONSTANT) {
                    return error(application.span(), "unknown-in-constant", "the unknown '" + written + "' cannot appear in a constant expression", "");
                }
                PointValue value = new PointValue(unknown, application.primes(), scope.domain().map(d -> d.clamp(at)).orElse(at));
                termSpans.putIfAbsent(value, application.span());
                return value;
            }
            if (scope.params().containsKey(name) || Scope.CONSTANTS.containsKey(name) || scope.isVariable(name)) {
                return error(application.nameSpan(), "not-a-function", quote(name) + " is not a function",
                        "write " + name + "*(...) to multiply");
            }
            Optional<String> suggestion = suggest(name, () -> scope.knownNames(true));
            String hint = suggestion.map(s -> "did you mean '" + s + "'?").orElse("");
            if (application.primes() > 0 || context == Context.QUERY) {
                String unknowns = scope.unknowns().isEmpty() ? "it has none yet" : "its unknowns: " + Scope.listed(scope.unknowns());
                return error(application.nameSpan(), "undefined-function", quote(name)
                        + " is not an unknown of this problem (" + unknowns + ")", hint);
            }
            return error(application.nameSpan(), "undefined-function", "undefined function " + quote(name), hint);
        }

        /** {@code f(a, b)} for {@code def f(u, v) = body}: the body with u, v standing for the resolved arguments. */
        private Expr call(DefStatement def, Application application) {
            String name = def.name();
            if (application.primes() > 0) {
                return error(application.nameSpan(), "derivative-of-non-unknown", quote(name)
                        + " is a function (def on line " + def.span().line() + "): only unknowns and lets have derivatives",
                        "differentiate the body by hand, or make it a let");
            }
            if (application.arguments().size() != def.arguments().size()) {
                int n = def.arguments().size();
                return error(application.span(), "arity", quote(name) + " takes " + n + " argument" + (n == 1 ? "" : "s") + " ("
                        + String.join(", ", def.arguments()) + "), not " + application.arguments().size(),
                        "it is defined on line " + def.span().line());
            }
            Map<String, Expr> frame = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < def.arguments().size(); i++) {
                Expr argument = application.arguments().get(i).accept(this);
                ok &= !failed(argument);
                frame.put(def.arguments().get(i), argument);
            }
            if (!ok) {
                return FAILED;
            }
            if (expanding.contains(name)) {
                return recursion(name, application.nameSpan());
            }
            if (brokenDefs.contains(name)) {
                return FAILED;
            }
            frames.push(frame);
            expanding.addLast(name);
            try {
                return def.body().accept(this);
            } finally {
                expanding.removeLast();
                frames.pop();
            }
        }

        /** A let at the domain variable: {@code ica}, {@code ica'}, {@code ica(x)}. */
        private Expr letAtVariable(LetStatement let, int primes, Span span) {
            String written = let.name() + "'".repeat(primes);
            if (context == Context.QUERY) {
                return error(span, "query-needs-point", quote(written) + " needs a point in a query",
                        "write " + written + "(" + Printer.number(scope.domain().map(Domain::lower).orElse(0.0)) + ")");
            }
            Expr value = differentiated(let, primes, span);
            if (context == Context.CONSTANT && !failed(value) && !(value instanceof Constant)) {
                return error(span, "unknown-in-constant", "the let " + quote(let.name())
                        + " depends on the unknowns or the variable; a constant is needed here", "");
            }
            return value;
        }

        private Expr differentiated(LetStatement let, int primes, Span span) {
            Expr value = letValue(let, span);
            for (int k = 0; k < primes && !failed(value); k++) {
                value = totalDerivative(value, span);
            }
            return value;
        }

        /**
         * The fixed point of {@code written(argument)}: a constant inside the domain, or the error
         * (a point that depends on the variable, is not a constant, or lies outside the domain).
         */
        private Expr fixedPoint(Expression argument, String written, String variableHint) {
            if (mentionsVariable(argument)) {
                String x = scope.variable().orElse("x");
                return error(argument.span(), "non-constant-point", "the point of " + quote(written + "(...)")
                        + " must be a constant or " + quote(x) + " itself, but this depends on " + quote(x), variableHint);
            }
            Expr point = resolve(argument, Context.CONSTANT);
            if (failed(point)) {
                return FAILED;
            }
            if (!(point instanceof Constant)) {
                return error(argument.span(), "non-constant-point", "the point must be a constant or '"
                        + scope.variable().orElse("x") + "'", "");
            }
            double at = ((Constant) point).value();
            Optional<Domain> domain = scope.domain();
            if (domain.isPresent() && !domain.get().contains(at)) {
                Domain d = domain.get();
                return error(argument.span(), "point-outside-domain", "the point " + Printer.number(at) + " is outside the domain ["
                        + Printer.number(d.lower()) + ", " + Printer.number(d.upper()) + "]",
                        context == Context.QUERY ? "a trained solution is only known on its domain" : "");
            }
            return point;
        }

        /** {@code ica(5)}: the let with x = 5 and every {@code u^(k)} evaluated at 5. */
        private Expr letAtPoint(LetStatement let, Application application) {
            String written = let.name() + "'".repeat(application.primes());
            List<Expression> arguments = application.arguments();
            if (arguments.size() != 1) {
                return error(application.span(), "arity", quote(written) + " takes 1 argument (a point), not " + arguments.size(), "");
            }
            Expression argument = arguments.get(0);
            if (argument instanceof NameReference && ((NameReference) argument).primes() == 0
                    && scope.isVariable(((NameReference) argument).name()) && !isLocal(((NameReference) argument).name())) {
                return letAtVariable(let, application.primes(), application.span());
            }
            Expr point = fixedPoint(argument, written, "");
            if (!(point instanceof Constant) || failed(point)) {
                return point;
            }
            double at = ((Constant) point).value();
            Expr value = differentiated(let, application.primes(), application.span());
            if (failed(value)) {
                return FAILED;
            }
            double p = scope.domain().map(d -> d.clamp(at)).orElse(at);
            Expr result = Sym.substitute(value, leaf -> {
                if (leaf instanceof Variable) {
                    return Sym.constant(at);
                }
                if (leaf instanceof Derivative) {
                    Derivative d = (Derivative) leaf;
                    return new PointValue(d.unknown(), d.order(), p);
                }
                return leaf;
            });
            if (context == Context.CONSTANT && !(result instanceof Constant)) {
                return error(application.span(), "unknown-in-constant", "the let " + quote(let.name())
                        + " depends on the unknowns; a constant is needed here", "");
            }
            for (Expr term : Sym.unknownTerms(result)) {
                termSpans.putIfAbsent(term, application.span());
            }
            return result;
        }

        private boolean isLocal(String name) {
            Map<String, Expr> frame = frames.peek();
            return frame != null && frame.containsKey(name);
        }

        /** Does the expression mention the domain variable (as a bare name)? */
        private boolean mentionsVariable(Expression e) {
            if (e instanceof NameReference) {
                return ((NameReference) e).primes() == 0 && scope.isVariable(((NameReference) e).name());
            }
            if (e instanceof UnaryOperation) {
                return mentionsVariable(((UnaryOperation) e).operand());
            }
            if (e instanceof BinaryOperation) {
                return mentionsVariable(((BinaryOperation) e).left()) || mentionsVariable(((BinaryOperation) e).right());
            }
            if (e instanceof Application) {
                return ((Application) e).arguments().stream().anyMatch(this::mentionsVariable);
            }
            return false;
        }

        @Override
        public Expr visitUnary(UnaryOperation unary) {
            Expr operand = unary.operand().accept(this);
            if (failed(operand)) {
                return FAILED;
            }
            return unary.operator() == UnaryOperator.MINUS ? Sym.neg(operand) : operand;
        }

        @Override
        public Expr visitBinary(BinaryOperation binary) {
            Expr left = binary.left().accept(this);
            Expr right = binary.right().accept(this);
            if (failed(left) || failed(right)) {
                return FAILED;
            }
            Operator operator = Operator.valueOf(binary.operator().name());
            if (operator == Operator.DIVIDE && right.isConstant(0)) {
                return error(binary.right().span(), "division-by-zero", "division by zero", "");
            }
            Expr result = Sym.binary(operator, left, right);
            if (result instanceof Constant && !Double.isFinite(((Constant) result).value())) {
                return notFinite(binary.span(), ((Constant) result).value());
            }
            return result;
        }
    }
}
