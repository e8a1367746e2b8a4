package org.neuroform.runtime.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.EstimatedParam;
import org.neuroform.runtime.train.Sensitivities;

/**
 * A problem with params estimated from data, compiled at any values of them: the estimator's
 * view of the compiler. Compiling again is cheap (the program is parsed once), and it keeps the
 * whole language available to estimated params (a param computed from one, a condition value).
 */
public final class ParamProblem {
    private final Function<List<Map<String, Double>>, List<Optional<CompiledProblem>>> compiler;
    private final List<EstimatedParam> params;

    /**
     * @param compiler compiles the problem with the estimated params at each of the given values;
     *     empty where it cannot (a value that makes an expression NaN, say)
     * @param params the estimated params, in order
     */
    public ParamProblem(Function<List<Map<String, Double>>, List<Optional<CompiledProblem>>> compiler, List<EstimatedParam> params) {
        this.compiler = compiler;
        this.params = List.copyOf(params);
    }

    /** The same problem, each compilation changed by {@code change}. */
    private ParamProblem mapped(java.util.function.UnaryOperator<CompiledProblem> change) {
        return new ParamProblem(all -> compiler.apply(all).stream().map(problem -> problem.map(change)).toList(), params);
    }

    /** The estimated params of a parsed program, compiled again at every value asked for. */
    public static ParamProblem of(org.neuroform.ast.Program program, List<EstimatedParam> params) {
        Function<List<Map<String, Double>>, List<Optional<CompiledProblem>>> each = all -> org.neuroform.grammar.DeepStack.call(() -> {
            // one front-end thread for all of them: a thread per compilation costs about as much as the compilation
            List<Optional<CompiledProblem>> out = new ArrayList<>(all.size());
            for (Map<String, Double> values : all) {
                out.add(new org.neuroform.compiler.check.ProblemChecker(program, org.neuroform.compiler.check.ProblemChecker.Mode.COMPLETE,
                        values).check().problem());
            }
            return out;
        });
        return new ParamProblem(each, params);
    }

    /**
     * The same problem solved only up to {@code upper} when it is an initial value problem from the
     * lower end of its domain (the estimator's early stages: a short horizon has fewer local minima);
     * itself otherwise.
     */
    public ParamProblem upTo(double upper) {
        return mapped(problem -> {
            var domain = problem.domain();
            boolean fromLower = problem.initialPoint().isPresent() && problem.initialPoint().getAsDouble() == domain.lower();
            if (!fromLower || !(upper < domain.upper()) || !(upper > domain.lower())) {
                return problem;
            }
            return problem.withDomain(new org.neuroform.compiler.Domain(domain.variable(), domain.lower(), upper));
        });
    }

    /**
     * The same problem trained to an accuracy no finer than {@code accuracy}: the estimator's
     * searches, whose solves need only be accurate well below the data's noise (the fit is then
     * polished at the problem's own accuracy).
     */
    public ParamProblem coarse(double accuracy) {
        return mapped(problem -> problem.settings().accuracy() >= accuracy ? problem
                : problem.withSettings(problem.settings().withAccuracy(accuracy)));
    }

    public List<EstimatedParam> params() {
        return params;
    }

    public int count() {
        return params.size();
    }

    public Map<String, Double> named(double[] values) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int j = 0; j < params.size(); j++) {
            map.put(params.get(j).name(), values[j]);
        }
        return map;
    }

    public Optional<CompiledProblem> at(double[] values) {
        return compiler.apply(List.of(named(values))).get(0);
    }

    /**
     * What each param changes at {@code values}: ∂R_e/∂p_j and ∂g_i/∂p_j by central differences
     * of the problem compiled at {@code p ± h e_j} (exact when R is linear in p, as it nearly
     * always is; otherwise O(h²) with h = 1e−4 |p|). Empty when a nearby problem does not compile.
     */
    public Optional<Sensitivities.ParamEffects> effects(CompiledProblem base, double[] values) {
        double[] steps = new double[params.size()];
        List<Map<String, Double>> around = new ArrayList<>();
        for (int j = 0; j < params.size(); j++) {
            steps[j] = Sensitivities.ParamEffects.step(values[j]);
            double[] plus = values.clone();
            double[] minus = values.clone();
            plus[j] += steps[j];
            minus[j] -= steps[j];
            around.add(named(plus));
            around.add(named(minus));
        }
        return Sensitivities.ParamEffects.byDifferences(base, compiler.apply(around), steps); // all 2P in one front-end call
    }
}
