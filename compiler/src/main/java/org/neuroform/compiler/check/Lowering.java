package org.neuroform.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neuroform.ast.TrainStatement;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Definitions;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.PenaltyCondition;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.sym.Constant;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.compiler.trial.TrialSystemBuilder;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.Span;

/**
 * Phase 4: lowering a checked problem to what the runtime consumes: residuals with their partial
 * derivatives, linear conditions built into trial solutions (the others, and linearly dependent
 * ones, become penalties with a warning), unused-param warnings, and a bound on training memory.
 */
final class Lowering extends Phase {
    Lowering(CheckState state) {
        super(state);
    }

    CompiledProblem run(List<UnknownFunction> unknowns) {
        return construct(unknowns);
    }

    /** The largest number of doubles training may hold in its biggest array (about 400 MB). */
    static final double MAX_TRAINING_DOUBLES = 5e7;

    /**
     * Memory stays bounded whatever the train line says: Levenberg–Marquardt holds a Jacobian of
     * (residual rows × weights) doubles, every optimizer the networks' activations for all
     * derivative orders at all points.
     */
    private void checkTrainingSize(List<UnknownFunction> unknowns) {
        int count = unknowns.size();
        int outputs = state.settings.sharedNetwork() ? count : 1;
        double weights = 0;
        double widths = 0;
        int in = 1;
        for (int width : state.settings.hidden()) {
            weights += (double) in * width + width;
            widths += width;
            in = width;
        }
        weights = (weights + (double) in * outputs + outputs) * (state.settings.sharedNetwork() ? 1 : count);
        int order = unknowns.stream().mapToInt(UnknownFunction::order).max().orElse(0);
        double points = state.settings.points() > 0 ? state.settings.points() : Math.max(32, Math.ceil(2 * weights / Math.max(1, equations.size())));
        boolean leastSquares = state.settings.optimizer() == org.neuroform.compiler.settings.OptimizerChoice.AUTO
                || state.settings.optimizer() == org.neuroform.compiler.settings.OptimizerChoice.LM;
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
                state.settings.trial());
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
        return new CompiledProblem(source, domain, unknowns, compiled, trial, penalties, queries, state.settings,
                scope.params(), warnings, state.estimated, state.data, new Definitions(List.copyOf(scope.defs().values()), List.copyOf(scope.lets().values())),
                state.ranges());
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

}
