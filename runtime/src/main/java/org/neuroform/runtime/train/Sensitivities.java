package org.neuroform.runtime.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.sym.BatchProgram;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.trial.TrialModel;

/**
 * How a solution of the least-squares core moves with the problem's params: {@code ∂u(x)/∂p_j},
 * exactly for the discrete solution (the frozen features and the segments it was trained on).
 *
 * <p>A segment's trial values are {@code u^(k)(x) = Σ_i ψ_i^(k)(x) g_i + A^(k)(x) β} (ψ the
 * cardinal functions of its conditions {@code g}, β its output layers), and β minimises the
 * residuals {@code R(x_p, u, u', …; p)} at its collocation points. Differentiating the
 * (consistent) equations {@code R = 0} with respect to a param gives, at the trained β, the
 * linear problem
 *
 * <pre>
 *   J · dβ/dp = −( Σ_t ∂R/∂u_t^(k) · Σ_i ψ_i^(k) dg_i/dp + ∂R/∂p )
 * </pre>
 *
 * with J the Gauss–Newton Jacobian the segment was solved with: one more solve by its pivoting
 * QR for all params at once. The conditions' sensitivities {@code dg/dp} come from the problem
 * (a condition value that uses a param, {@code y(0) = y0}) for the segments that start at its
 * conditions, and from the neighbouring segment's end for the others, so the march carries
 * them along as it carries the values.
 */
public final class Sensitivities {
    private Sensitivities() {}

    /**
     * What the params change in the problem.
     *
     * @param residuals per param j, per equation e: {@code ∂R_e/∂p_j} as an expression of x and the unknowns
     * @param conditionValues per param j, per condition i of {@code problem.trial().conditions()}: {@code ∂g_i/∂p_j}
     */
    public record ParamEffects(List<List<Expr>> residuals, double[][] conditionValues) {
        public ParamEffects {
            residuals = residuals.stream().map(List::copyOf).toList();
            if (conditionValues.length != residuals.size()) {
                throw new IllegalArgumentException("one row of condition partials per param");
            }
        }

        public int count() {
            return residuals.size();
        }

        /** The difference step for a param at {@code value}: 1e−4 of its size (of 1e−3 at least). */
        public static double step(double value) {
            return 1e-4 * Math.max(Math.abs(value), 1e-3);
        }

        /**
         * What each param changes at the problem {@code base}, by central differences of the
         * problem compiled at {@code p ± steps[j] e_j} ({@code around}: up then down, per param):
         * exact when R is linear in p, as it nearly always is, otherwise O(h²). One-sided where
         * one side does not compile or compiles to another shape; empty when neither does.
         */
        public static Optional<ParamEffects> byDifferences(CompiledProblem base, List<Optional<CompiledProblem>> around, double[] steps) {
            List<List<Expr>> residuals = new ArrayList<>();
            double[][] conditions = new double[steps.length][];
            List<LinearCondition> own = base.trial().conditions();
            for (int j = 0; j < steps.length; j++) {
                double h = steps[j];
                Optional<CompiledProblem> up = around.get(2 * j);
                Optional<CompiledProblem> down = around.get(2 * j + 1);
                double width = 2 * h;
                if (down.isEmpty() || !sameShape(base, down.get())) {
                    down = Optional.of(base);
                    width = h;
                }
                if (up.isEmpty() || !sameShape(base, up.get())) {
                    up = Optional.of(base);
                    width -= h;
                }
                if (width <= 0) {
                    return Optional.empty();
                }
                List<Expr> perEquation = new ArrayList<>();
                for (int e = 0; e < base.equations().size(); e++) {
                    Expr difference = Sym.sub(up.get().equations().get(e).residual(), down.get().equations().get(e).residual());
                    perEquation.add(Sym.div(difference, Sym.constant(width)));
                }
                residuals.add(perEquation);
                conditions[j] = new double[own.size()];
                for (int i = 0; i < own.size(); i++) {
                    conditions[j][i] = (up.get().trial().conditions().get(i).value() - down.get().trial().conditions().get(i).value()) / width;
                }
            }
            return Optional.of(new ParamEffects(residuals, conditions));
        }

        /** True when two compilations have the same shape: equations, conditions (terms), unknowns. */
        private static boolean sameShape(CompiledProblem a, CompiledProblem b) {
            if (a.equations().size() != b.equations().size() || a.unknowns().size() != b.unknowns().size()) {
                return false;
            }
            List<LinearCondition> x = a.trial().conditions();
            List<LinearCondition> y = b.trial().conditions();
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!x.get(i).terms().equals(y.get(i).terms())) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * {@code out[i][j] = ∂u_{unknowns[i]}(times[i]) / ∂p_j} for a solution of the least-squares
     * core trained at {@code solution.problem()}; NaN at a time no segment covers.
     *
     * @throws IllegalStateException when a segment's sensitivities cannot be solved for (a
     *     singular Jacobian) or the solution has penalty conditions, whose sensitivities this does not follow
     */
    public static double[][] at(TrainedSolution solution, ParamEffects effects, double[] times, int[] unknowns) {
        return at(derivatives(solution, effects), times, unknowns);
    }

    /**
     * {@code out[i][j] = ∂u_{unknowns[i]}(times[i]) / ∂p_j} from the sensitivities as solutions
     * ({@link #derivatives}, or {@link Trainer#trainWithSlopes}); NaN at a time no segment covers.
     */
    public static double[][] at(List<TrainedSolution> derivatives, double[] times, int[] unknowns) {
        double[][] out = new double[times.length][derivatives.size()];
        if (derivatives.isEmpty()) {
            return out; // no params
        }
        TrainedSolution solution = derivatives.get(0);
        var domain = solution.problem().domain();
        // per unknown, its times inside the domain: one pass of each segment over them
        for (int u = 0; u < solution.problem().unknowns().size(); u++) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < times.length; i++) {
                if (unknowns[i] == u) {
                    if (domain.contains(times[i])) {
                        mine.add(i);
                    } else {
                        Arrays.fill(out[i], Double.NaN);
                    }
                }
            }
            double[] at = mine.stream().mapToDouble(i -> times[i]).toArray();
            for (int j = 0; j < derivatives.size(); j++) {
                double[] values = derivatives.get(j).values(u, 0, at);
                for (int i = 0; i < at.length; i++) {
                    out[mine.get(i)][j] = values[i];
                }
            }
        }
        return out;
    }

    /**
     * Per param j, {@code ∂u/∂p_j} as a solution of its own: the trial is linear in the condition
     * values and the output layers together, so {@code ∂u/∂p_j} is the trial of the same segments
     * (same features, conditions, scales) with values {@code dg/dp_j} and output layers
     * {@code dβ/dp_j}. It is evaluated, saved and exported as any solution is (its report is the
     * solution's own).
     *
     * @throws IllegalStateException as {@link #at}
     */
    public static List<TrainedSolution> derivatives(TrainedSolution solution, ParamEffects effects) {
        return derivatives(solution, effects, segment -> null);
    }

    /**
     * The same, with the solvers training kept for some segments ({@code solvers}, null for the
     * others): their collocation model and the factorization of their last Gauss–Newton step
     * are used instead of building and factoring the segment's Jacobian again.
     */
    static List<TrainedSolution> derivatives(TrainedSolution solution, ParamEffects effects,
            java.util.function.Function<Segment, FeatureLeastSquares> solvers) {
        CompiledProblem problem = solution.problem();
        if (!problem.penalties().isEmpty()) {
            throw new IllegalStateException("params cannot be estimated in a problem with approximate (penalty) conditions");
        }
        List<Segment> segments = solution.segments();
        int count = segments.size();
        int params = effects.count();
        int[] orders = problem.orders();
        Segment[][] derived = new Segment[count][];
        // ends[s][0 or 1][u][k][j]: sensitivities of u^(k) at segment s's lower and upper ends
        double[][][][][] ends = new double[count][][][][];
        // Forward: segments whose conditions are the problem's or at their lower end; then backward.
        for (int pass = 0; pass < 2; pass++) {
            for (int step = 0; step < count; step++) {
                int s = pass == 0 ? step : count - 1 - step;
                if (derived[s] != null) {
                    continue;
                }
                Segment segment = segments.get(s);
                double[][] dg = conditionSensitivities(problem, effects, segment, s, segments, ends, pass == 0);
                if (dg == null) {
                    continue;
                }
                derived[s] = segment(problem, effects, segment, dg, solvers.apply(segment));
                ends[s] = new double[2][][][];
                for (int end = 0; end < 2; end++) {
                    double x = end == 0 ? segment.lower() : segment.upper();
                    double[][][] perParam = new double[params][][];
                    for (int j = 0; j < params; j++) {
                        perParam[j] = MarchingConditions.endValues(derived[s][j], orders, x);
                    }
                    ends[s][end] = new double[orders.length][][];
                    for (int u = 0; u < orders.length; u++) {
                        ends[s][end][u] = new double[orders[u] + 1][params];
                        for (int k = 0; k <= orders[u]; k++) {
                            for (int j = 0; j < params; j++) {
                                ends[s][end][u][k][j] = perParam[j][u][k];
                            }
                        }
                    }
                }
            }
        }
        List<TrainedSolution> out = new ArrayList<>();
        for (int j = 0; j < params; j++) {
            List<Segment> perParam = new ArrayList<>();
            for (int s = 0; s < count; s++) {
                if (derived[s] == null) {
                    throw new IllegalStateException("the conditions of segment [" + segments.get(s).lower() + ", "
                            + segments.get(s).upper() + "] are not the problem's and not a neighbour's");
                }
                perParam.add(derived[s][j]);
            }
            out.add(new TrainedSolution(problem, perParam, solution.report()));
        }
        return out;
    }

    /**
     * dg/dp for each condition of the segment ([condition][param]), or null when it depends on a
     * neighbour not solved yet (or on none in this pass's direction).
     */
    private static double[][] conditionSensitivities(CompiledProblem problem, ParamEffects effects, Segment segment, int s,
            List<Segment> segments, double[][][][][] ends, boolean forward) {
        List<LinearCondition> conditions = segment.trial().conditions();
        List<LinearCondition> own = problem.trial().conditions();
        double[][] dg = new double[conditions.size()][];
        for (int i = 0; i < conditions.size(); i++) {
            LinearCondition condition = conditions.get(i);
            double[] fromProblem = fromProblem(condition, own, effects);
            if (fromProblem != null) {
                dg[i] = fromProblem;
                continue;
            }
            if (!condition.isPure()) {
                return null;
            }
            ConditionTerm term = condition.terms().get(0);
            int neighbour;
            int end;
            if (forward && term.point() == segment.lower() && s > 0 && segments.get(s - 1).upper() == term.point()) {
                neighbour = s - 1;
                end = 1;
            } else if (!forward && term.point() == segment.upper() && s + 1 < segments.size()
                    && segments.get(s + 1).lower() == term.point()) {
                neighbour = s + 1;
                end = 0;
            } else {
                return null;
            }
            if (ends[neighbour] == null) {
                return null;
            }
            double[] from = ends[neighbour][end][term.unknown()][term.order()];
            dg[i] = new double[from.length];
            for (int j = 0; j < from.length; j++) {
                dg[i][j] = term.coefficient() * from[j];
            }
        }
        return dg;
    }

    /** dg/dp of a segment condition that is one of the problem's own (same terms, perhaps scaled), or null. */
    private static double[] fromProblem(LinearCondition condition, List<LinearCondition> own, ParamEffects effects) {
        for (int c = 0; c < own.size(); c++) {
            LinearCondition candidate = own.get(c);
            double ratio = ratio(condition.terms(), candidate.terms());
            if (Double.isFinite(ratio)) {
                double[] dg = new double[effects.count()];
                for (int j = 0; j < dg.length; j++) {
                    dg[j] = ratio * effects.conditionValues()[j][c];
                }
                return dg;
            }
        }
        return null;
    }

    /** r when the terms a are r times the terms b (same unknowns, orders and points), NaN otherwise. */
    private static double ratio(List<ConditionTerm> a, List<ConditionTerm> b) {
        if (a.size() != b.size()) {
            return Double.NaN;
        }
        double ratio = Double.NaN;
        for (int t = 0; t < a.size(); t++) {
            ConditionTerm x = a.get(t);
            ConditionTerm y = b.get(t);
            if (x.unknown() != y.unknown() || x.order() != y.order() || x.point() != y.point() || y.coefficient() == 0) {
                return Double.NaN;
            }
            double r = x.coefficient() / y.coefficient();
            if (t > 0 && Math.abs(r - ratio) > 1e-12 * Math.abs(ratio)) {
                return Double.NaN;
            }
            ratio = r;
        }
        return ratio;
    }

    /** Per param j, the segment of ∂u/∂p_j: the segment's trial with values dg[·][j] and output layers dβ/dp_j. */
    private static Segment[] segment(CompiledProblem problem, ParamEffects effects, Segment segment, double[][] dg,
            FeatureLeastSquares trained) {
        int[] orders = problem.orders();
        int unknowns = orders.length;
        int params = effects.count();
        TrialSystem trial = segment.trial();
        List<Equation> equations = problem.equations();
        double[] parameters = segment.parameters();
        FeatureLeastSquares solver = trained;
        TrialModel model;
        if (solver != null) {
            model = solver.model(); // the equation weights and collocation points the segment was solved with
        } else {
            int features = segment.layout().hidden().get(segment.layout().hidden().size() - 1);
            FeatureSegments shapes = new FeatureSegments(problem, org.neuroform.runtime.optim.TrainingMonitor.SILENT);
            int points = shapes.points(features);
            double[] nodes = FeatureSegments.chebyshevGauss(segment.lower(), segment.upper(), points);
            NetworkBank bank = segment.layout().bank(unknowns, segment.lower(), segment.upper());
            model = new TrialModel(equations, List.of(), trial, orders, nodes, bank, segment.scales(), 0);
            solver = new FeatureLeastSquares(model, segment.parameters(), features);
            model.evaluate(parameters);
            double[] magnitudes = new double[unknowns];
            for (int u = 0; u < unknowns; u++) {
                for (int p = 0; p < points; p++) {
                    magnitudes[u] = Math.max(magnitudes[u], Math.abs(model.value(u, 0, p)));
                }
            }
            model.setEquationWeights(MarchingConditions.equationWeights(problem, magnitudes));
        }
        int n = model.collocationCount();
        double[] nodes = Arrays.copyOf(model.points(), n);
        model.residuals(parameters, new double[model.residualCount()]);

        // ∂R_e/∂p_j at the nodes, at the trained values.
        List<Expr> all = new ArrayList<>();
        for (List<Expr> perParam : effects.residuals()) {
            all.addAll(perParam);
        }
        BatchProgram program = BatchProgram.compile(all);
        List<Derivative> slots = program.derivatives();
        double[][] inputs = new double[slots.size()][n];
        for (int i = 0; i < slots.size(); i++) {
            Derivative d = slots.get(i);
            for (int p = 0; p < n; p++) {
                inputs[i][p] = model.value(d.unknown(), d.order(), p);
            }
        }
        double[][] partials = new double[all.size()][n];
        program.evaluate(program.workspace(n), n, nodes, inputs, new double[0], partials);

        int rows = model.residualCount();
        double[][] rhs = new double[params][rows];
        for (int j = 0; j < params; j++) {
            for (int e = 0; e < equations.size(); e++) {
                List<Derivative> terms = equations.get(e).terms();
                double factor = model.rowFactor(e);
                for (int p = 0; p < n; p++) {
                    double sum = partials[j * equations.size() + e][p];
                    for (int t = 0; t < terms.size(); t++) {
                        Derivative d = terms.get(t);
                        double s0 = 0;
                        for (int i = 0; i < dg.length; i++) {
                            s0 += trial.cardinal(d.unknown(), i, d.order(), nodes[p]) * dg[i][j];
                        }
                        sum += model.equationPartial(e, t, p) * s0;
                    }
                    rhs[j][e * n + p] = factor * sum;
                }
            }
        }
        double[][] dBeta = solver.solveLinearized(rhs);
        if (dBeta == null) {
            throw new IllegalStateException("the sensitivities of segment [" + segment.lower() + ", " + segment.upper()
                    + "] could not be solved for");
        }

        Segment[] out = new Segment[params];
        for (int j = 0; j < params; j++) {
            double[] b = new double[dBeta.length];
            for (int c = 0; c < b.length; c++) {
                b[c] = dBeta[c][j];
            }
            double[] values = new double[dg.length];
            for (int i = 0; i < dg.length; i++) {
                values[i] = dg[i][j];
            }
            out[j] = new Segment(segment.lower(), segment.upper(), trial.withValues(values), segment.layout(), solver.parameters(b),
                    segment.scales());
        }
        return out;
    }
}
