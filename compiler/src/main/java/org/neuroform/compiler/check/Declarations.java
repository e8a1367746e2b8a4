package org.neuroform.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neuroform.ast.DataStatement;
import org.neuroform.ast.DefStatement;
import org.neuroform.ast.DomainStatement;
import org.neuroform.ast.LetStatement;
import org.neuroform.ast.ParamBinding;
import org.neuroform.ast.ParamStatement;
import org.neuroform.ast.Statement;
import org.neuroform.ast.TrainStatement;
import org.neuroform.compiler.DataReference;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.EstimatedParam;
import org.neuroform.grammar.Limits;
import org.neuroform.compiler.check.ProblemChecker.Mode;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.diagnostic.Span;
import static org.neuroform.diagnostic.Diagnostic.quote;

/**
 * Phase 1: the declarations. The domain (one, with a proper interval), the params (in order, none
 * named like a built-in, the variable or an unknown), which names are unknowns (found by
 * {@link UnknownDiscovery}), and the train options.
 */
final class Declarations extends Phase {
    Declarations(CheckState state) {
        super(state);
    }

    void run() {
        declarations();
    }

    private void declarations() {
        List<ParamBinding> params = new ArrayList<>();
        for (Statement statement : program.statements()) {
            if (statement instanceof DomainStatement) {
                DomainStatement domain = (DomainStatement) statement;
                if (state.domainStatement == null) {
                    state.domainStatement = domain;
                    scope.setVariable(domain.variable());
                } else {
                    error("duplicate-domain", domain.span(), "a problem has one domain; this is a second",
                            "the first is on line " + state.domainStatement.span().line());
                }
            } else if (statement instanceof ParamStatement) {
                params.addAll(((ParamStatement) statement).bindings());
            } else if (statement instanceof DataStatement) {
                data((DataStatement) statement);
            }
        }
        if (state.domainStatement != null) {
            checkNotBuiltin(state.domainStatement.variable(), state.domainStatement.variableSpan(), "the domain variable");
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
        for (Statement statement : program.statements()) {
            if (statement instanceof DefStatement) {
                DefStatement def = (DefStatement) statement;
                if (declareDefinition(def.name(), def.nameSpan(), "def", params)) {
                    scope.defs().put(def.name(), def);
                }
            } else if (statement instanceof LetStatement) {
                LetStatement let = (LetStatement) statement;
                if (declareDefinition(let.name(), let.nameSpan(), "let", params)) {
                    scope.lets().put(let.name(), let);
                }
            }
        }
        new UnknownDiscovery(state).discover(params);
        for (DefStatement def : scope.defs().values()) {
            checkArguments(def, params);
        }
        for (ParamBinding binding : params) {
            scope.pendingParams().remove(binding.name());
            defineParam(binding);
        }
        if (state.firstRanged != null && !state.estimated.isEmpty()) {
            error("ranged-with-estimated", state.firstRanged.span(), "a problem with a ranged param cannot also estimate params from data",
                    "fit " + quote(state.estimated.get(0).name()) + " with the ranged params given values, or make it a ranged param too:"
                            + " ranged params with data are fitted over their parametric solution");
        }
        if (state.domainStatement != null) {
            defineDomain(state.domainStatement);
        }
        for (Statement statement : program.statements()) {
            if (statement instanceof TrainStatement) {
                state.settings = new TrainOptionChecker(source, resolver, diagnostics)
                        .apply(state.settings, (TrainStatement) statement);
            }
        }
    }

    /** A def or let name: not a built-in, the variable, a param or another def or let. */
    private boolean declareDefinition(String name, Span span, String what, List<ParamBinding> params) {
        if (!checkNotBuiltin(name, span, what)) {
            return false;
        }
        if (scope.isVariable(name)) {
            error("shadows-variable", span, what + " " + quote(name) + " has the name of the domain variable", "choose another name");
            return false;
        }
        Optional<ParamBinding> param = params.stream().filter(p -> p.name().equals(name)).findFirst();
        if (param.isPresent()) {
            error("duplicate-definition", span, what + " " + quote(name) + " has the name of a param",
                    "the param is defined on line " + param.get().nameSpan().line() + "; choose another name");
            return false;
        }
        Span earlier = scope.defs().containsKey(name) ? scope.defs().get(name).nameSpan()
                : scope.lets().containsKey(name) ? scope.lets().get(name).nameSpan() : null;
        if (earlier != null) {
            error("duplicate-definition", span, quote(name) + " is defined twice", "the first definition is on line " + earlier.line());
            return false;
        }
        return true;
    }

    /**
     * A def's arguments are local to its body. They may be named like an unknown or the domain
     * variable ({@code def minf(v) = ...} with an unknown v: the usual way to write it), but not
     * like a built-in, a param, a def or a let, which the body could then not reach; and each once.
     */
    private void checkArguments(DefStatement def, List<ParamBinding> params) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < def.arguments().size(); i++) {
            String argument = def.arguments().get(i);
            Span span = def.argumentSpans().get(i);
            if (!seen.add(argument)) {
                error("duplicate-definition", span, "argument " + quote(argument) + " of " + quote(def.name()) + " is named twice",
                        "give each argument its own name");
            } else if (Scope.isBuiltin(argument)) {
                error("argument-shadows", span, "argument " + quote(argument) + " of " + quote(def.name())
                        + " has the name of a built-in " + (Scope.isBuiltinFunction(argument) ? "function" : "constant"),
                        "rename the argument");
            } else if (params.stream().anyMatch(p -> p.name().equals(argument))) {
                error("argument-shadows", span, "argument " + quote(argument) + " of " + quote(def.name())
                        + " has the name of a param, which the body could then not use", "rename the argument");
            } else if (scope.isDefinition(argument)) {
                error("argument-shadows", span, "argument " + quote(argument) + " of " + quote(def.name())
                        + " has the name of a " + (scope.defs().containsKey(argument) ? "def" : "let")
                        + ", which the body could then not use", "rename the argument");
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
        if (binding.ranged()) {
            ranged(binding, ok);
            return;
        }
        if (binding.estimated()) {
            estimated(binding, ok);
            return;
        }
        boolean[] derived = new boolean[2];
        Optional<Double> value = resolver.paramValue(binding.value(), derived);
        if (derived[0]) {
            scope.markEstimated(name);
        }
        if (derived[1]) {
            scope.markRangedDependent(name);
        }
        if (ok && value.isPresent()) {
            scope.defineParam(name, value.get());
        } else if (!scope.params().containsKey(name)) {
            scope.defineParam(name, Double.NaN); // known name: no cascade of "undefined name"
        }
    }

    /**
     * {@code k in [a, b]}: defined at the value asked for ({@link org.neuroform.compiler.frontend.Compiler#compileAt}),
     * or at the middle of its range.
     */
    private void ranged(ParamBinding binding, boolean ok) {
        String name = binding.name();
        scope.markRanged(name);
        Optional<Double> a = resolver.constant(binding.lower(), "a range's end");
        Optional<Double> b = resolver.constant(binding.upper(), "a range's end");
        if (ok && a.isPresent() && b.isPresent() && !(a.get() < b.get())) {
            error("empty-bounds", binding.lower().span().to(binding.upper().span()), "the range [" + Printer.number(a.get())
                    + ", " + Printer.number(b.get()) + "] of param " + quote(name) + " contains no interval",
                    "write the lower end first, below the upper");
            ok = false;
        } else if (ok && a.isPresent() && b.isPresent()
                && !(b.get() - a.get() >= 1e-12 * Math.max(Math.abs(a.get()), Math.abs(b.get())) && Double.isFinite(b.get() - a.get()))) {
            error("empty-bounds", binding.lower().span().to(binding.upper().span()), "the range [" + Printer.number(a.get())
                    + ", " + Printer.number(b.get()) + "] of param " + quote(name) + " is too narrow (or too wide) for double precision",
                    "a param that does not vary is written param " + name + " = VALUE");
            ok = false;
        }
        if (ok && state.ranged.size() >= Limits.MAX_RANGED_PARAMS) {
            error("too-many-ranged-params", binding.span(), "at most " + Limits.MAX_RANGED_PARAMS
                    + " params can be given as ranges in one problem (the solution is a grid of solutions over all of them)",
                    "give the others values, or solve for several values of them one at a time");
            ok = false;
        }
        if (!ok || a.isEmpty() || b.isEmpty()) {
            scope.defineParam(name, Double.NaN);
            return;
        }
        if (state.firstRanged == null) {
            state.firstRanged = binding;
        }
        org.neuroform.compiler.RangedParam param = new org.neuroform.compiler.RangedParam(name, a.get(), b.get(), binding.span());
        state.ranged.add(param);
        Double asked = state.estimates.get(name);
        scope.defineParam(name, asked != null ? asked : param.middle());
    }

    /** {@code k = ?} or {@code k = ? in [a, b]}: defined at the value asked for, or where estimation starts. */
    private void estimated(ParamBinding binding, boolean ok) {
        String name = binding.name();
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        if (binding.bounded()) {
            Optional<Double> a = resolver.constant(binding.lower(), "a bound");
            Optional<Double> b = resolver.constant(binding.upper(), "a bound");
            if (a.isEmpty() || b.isEmpty()) {
                ok = false;
            } else if (!(a.get() < b.get())) {
                error("empty-bounds", binding.lower().span().to(binding.upper().span()), "the bounds [" + Printer.number(a.get())
                        + ", " + Printer.number(b.get()) + "] of param " + quote(name) + " contain no interval",
                        "write the lower bound first, below the upper");
                ok = false;
            } else {
                lower = a.get();
                upper = b.get();
            }
        }
        if (!scope.params().containsKey(name)) {
            scope.markEstimated(name);
        }
        if (!ok) {
            if (!scope.params().containsKey(name)) {
                scope.defineParam(name, Double.NaN);
            }
            return;
        }
        if (state.estimated.size() >= Limits.MAX_ESTIMATED_PARAMS) {
            error("too-many-estimated-params", binding.span(), "at most " + Limits.MAX_ESTIMATED_PARAMS
                    + " params can be estimated from data at once", "give the others values");
            scope.defineParam(name, Double.NaN);
            return;
        }
        EstimatedParam param = new EstimatedParam(name, lower, upper, binding.span());
        state.estimated.add(param);
        Double asked = state.estimates.get(name);
        scope.defineParam(name, asked != null ? asked : param.defaultStart());
    }

    private void data(DataStatement data) {
        if (!data.keyword().equals("data")) {
            error("unknown-statement", data.keywordSpan(), quote(data.keyword()) + " followed by a quoted path is not a statement",
                    "a data file is named with: data \"FILE.csv\"");
            return;
        }
        if (data.path().isBlank()) {
            error("empty-data-path", data.pathSpan(), "the data file's path is empty", "write: data \"FILE.csv\"");
            return;
        }
        state.data.add(new DataReference(data.path(), data.pathSpan()));
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

}
