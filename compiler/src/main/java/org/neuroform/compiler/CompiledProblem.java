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
 * @param params the evaluated params, kept to resolve queries typed later in the REPL
 * @param warnings diagnostics that did not stop compilation
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
        Definitions definitions) {

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
        Objects.requireNonNull(definitions, "definitions");
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
