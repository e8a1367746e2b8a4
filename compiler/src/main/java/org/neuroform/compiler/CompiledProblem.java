package org.neuroform.compiler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;

/**
 * A checked problem, ready for the runtime: residuals with their partial derivatives, the
 * trial system that builds the conditions in, penalty conditions, queries and settings.
 *
 * @param params the evaluated params, kept to resolve queries typed later in the REPL (an estimated
 *     param's value is the one this problem was compiled at)
 * @param warnings diagnostics that did not stop compilation
 * @param estimated the params to estimate from data ({@code param k = ?}), in order of definition
 * @param data the data files the problem names
 * @param ranges the ranged params ({@code param k in [a, b]}); this problem is compiled at one value
 *     of each (the middle of its range unless asked otherwise), a parametric solution at many
 * @param definitions the defs and lets, expanded in the equations already, kept for queries typed later
 */
public record CompiledProblem(
        SourceFile source,
        Domain domain,
        List<UnknownFunction> unknowns,
        List<Equation> equations,
        TrialSystem trial,
        List<PenaltyCondition> penalties,
        List<Query> queries,
        TrainSettings settings,
        Map<String, Double> params,
        List<Diagnostic> warnings,
        List<EstimatedParam> estimated,
        List<DataReference> data,
        Definitions definitions,
        ParamRanges ranges) {

    public CompiledProblem(SourceFile source, Domain domain, List<UnknownFunction> unknowns, List<Equation> equations,
            TrialSystem trial, List<PenaltyCondition> penalties, List<Query> queries, TrainSettings settings,
            Map<String, Double> params, List<Diagnostic> warnings, List<EstimatedParam> estimated, List<DataReference> data,
            Definitions definitions) {
        this(source, domain, unknowns, equations, trial, penalties, queries, settings, params, warnings, estimated, data, definitions,
                ParamRanges.NONE);
    }

    public CompiledProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(domain, "domain");
        unknowns = List.copyOf(unknowns);
        equations = List.copyOf(equations);
        Objects.requireNonNull(trial, "trial");
        penalties = List.copyOf(penalties);
        queries = List.copyOf(queries);
        Objects.requireNonNull(settings, "settings");
        params = Map.copyOf(params);
        warnings = List.copyOf(warnings);
        estimated = List.copyOf(estimated);
        data = List.copyOf(data);
        Objects.requireNonNull(definitions, "definitions");
        Objects.requireNonNull(ranges, "ranges");
    }

    /** True when some params are given as ranges: the problem is solved for every value of them at once. */
    public boolean isParametric() {
        return !ranges.isEmpty();
    }

    /** The same problem on another domain (an initial value problem solved only part of the way, say). */
    public CompiledProblem withDomain(Domain other) {
        return new CompiledProblem(source, other, unknowns, equations, trial, penalties, queries, settings, params, warnings, estimated, data, definitions, ranges);
    }

    /** The same problem trained with other settings. */
    public CompiledProblem withSettings(TrainSettings other) {
        return new CompiledProblem(source, domain, unknowns, equations, trial, penalties, queries, other, params, warnings, estimated, data, definitions, ranges);
    }

    /** True when some params are to be estimated from data. */
    public boolean isInverse() {
        return !estimated.isEmpty();
    }

    public Printer printer() {
        return new Printer(domain.variable(), unknowns.stream().map(UnknownFunction::name).toList());
    }

    public int[] orders() {
        return unknowns.stream().mapToInt(UnknownFunction::order).toArray();
    }

    public int maxOrder() {
        return unknowns.stream().mapToInt(UnknownFunction::order).max().orElse(0);
    }

    public int unknownIndex(String name) {
        for (int i = 0; i < unknowns.size(); i++) {
            if (unknowns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The point p when this is an initial value problem: every condition is exact and of the
     * form {@code u^(k)(p) = g}, and each unknown of order m has {@code u(p), …, u^(m−1)(p)}.
     * Then a classical integrator can solve it from p, and the runtime can march from p.
     */
    public OptionalDouble initialPoint() {
        if (!penalties.isEmpty() || !trial.dependent().isEmpty()) {
            return OptionalDouble.empty();
        }
        List<LinearCondition> conditions = trial.conditions();
        if (conditions.isEmpty()) {
            return OptionalDouble.empty();
        }
        double point = conditions.get(0).terms().get(0).point();
        boolean[][] seen = new boolean[unknowns.size()][];
        for (int u = 0; u < unknowns.size(); u++) {
            seen[u] = new boolean[unknowns.get(u).order()];
        }
        for (LinearCondition condition : conditions) {
            if (!condition.isPure()) {
                return OptionalDouble.empty();
            }
            ConditionTerm term = condition.terms().get(0);
            if (term.point() != point || term.coefficient() == 0 || term.order() >= seen[term.unknown()].length) {
                return OptionalDouble.empty();
            }
            seen[term.unknown()][term.order()] = true;
        }
        for (boolean[] orders : seen) {
            for (boolean prescribed : orders) {
                if (!prescribed) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.of(point);
    }
}
