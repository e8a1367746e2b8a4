package org.neuroform.runtime.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.sym.BatchProgram;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
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
    }

    /**
     * {@code out[i][j] = ∂u_{unknowns[i]}(times[i]) / ∂p_j} for a solution of the least-squares
     * core trained at {@code solution.problem()}.
     *
     * @throws IllegalStateException when a segment's sensitivities cannot be solved for (a
     *     singular Jacobian) or the solution has penalty conditions, whose sensitivities this does not follow
     */
    public static double[][] at(TrainedSolution solution, ParamEffects effects, double[] times, int[] unknowns) {
        CompiledProblem problem = solution.problem();
        if (!problem.penalties().isEmpty()) {
            throw new IllegalStateException("params cannot be estimated in a problem with approximate (penalty) conditions");
        }
        List<Segment> segments = solution.segments();
        int count = segments.size();
        int params = effects.count();
        int[] orders = problem.orders();
        // ends[s][0 or 1][u][k][j]: sensitivities of u^(k) at segment s's lower and upper ends
        double[][][][][] ends = new double[count][][][][];
        double[][] out = new double[times.length][params];
        for (double[] row : out) {
            Arrays.fill(row, Double.NaN);
        }
        int[] home = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            home[i] = segmentOf(segments, times[i]);
        }
        // Forward: segments whose conditions are the problem's or at their lower end; then backward.
        boolean[] done = new boolean[count];
        for (int pass = 0; pass < 2; pass++) {
            for (int step = 0; step < count; step++) {
                int s = pass == 0 ? step : count - 1 - step;
                if (done[s]) {
                    continue;
                }
                Segment segment = segments.get(s);
                double[][] dg = conditionSensitivities(problem, effects, segment, s, segments, ends, pass == 0);
                if (dg == null) {
                    continue;
                }
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < times.length; i++) {
                    if (home[i] == s) {
                        mine.add(i);
                    }
                }
                double[] points = new double[2 + mine.size()];
                points[0] = segment.lower();
                points[1] = segment.upper();
                for (int i = 0; i < mine.size(); i++) {
                    points[2 + i] = times[mine.get(i)];
                }
                double[][][][] values = segment(problem, effects, segment, dg, points, orders);
                ends[s] = new double[][][][] {values[0], values[1]};
                for (int i = 0; i < mine.size(); i++) {
                    int index = mine.get(i);
                    out[index] = values[2 + i][unknowns[index]][0];
                }
                done[s] = true;
            }
        }
        for (int s = 0; s < count; s++) {
            if (!done[s]) {
                throw new IllegalStateException("the conditions of segment [" + segments.get(s).lower() + ", "
                        + segments.get(s).upper() + "] are not the problem's and not a neighbour's");
            }
        }
        return out;
    }

    private static int segmentOf(List<Segment> segments, double x) {
        for (int s = 0; s < segments.size(); s++) {
            if (segments.get(s).contains(x)) {
                return s;
            }
        }
        return -1;
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

    /** Sensitivities [point][u][k][param] of u^(k), k ≤ the unknown's order − 1 (0 at least), at the points. */
    private static double[][][][] segment(CompiledProblem problem, ParamEffects effects, Segment segment, double[][] dg,
            double[] points, int[] orders) {
        int unknowns = orders.length;
        int params = effects.count();
        int features = segment.layout().hidden().get(segment.layout().hidden().size() - 1);
        FeatureSegments shapes = new FeatureSegments(problem, org.neuroform.runtime.optim.TrainingMonitor.SILENT);
        int n = shapes.points(features);
        double[] nodes = FeatureSegments.chebyshevGauss(segment.lower(), segment.upper(), n);
        NetworkBank bank = segment.layout().bank(unknowns, segment.lower(), segment.upper());
        TrialSystem trial = segment.trial();
        List<Equation> equations = problem.equations();
        TrialModel model = new TrialModel(equations, List.of(), trial, orders, nodes, bank, segment.scales(), 0);
        FeatureLeastSquares solver = new FeatureLeastSquares(model, segment.parameters(), features);
        double[] parameters = segment.parameters();
        model.evaluate(parameters);
        double[] magnitudes = new double[unknowns];
        for (int u = 0; u < unknowns; u++) {
            for (int p = 0; p < n; p++) {
                magnitudes[u] = Math.max(magnitudes[u], Math.abs(model.value(u, 0, p)));
            }
        }
        model.setEquationWeights(MarchingConditions.equationWeights(problem, magnitudes));
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

        int maxOrder = Arrays.stream(orders).max().orElse(0);
        TrialModel at = new TrialModel(List.of(), List.of(), trial, orders, points, bank, segment.scales(), maxOrder);
        FeatureLeastSquares atPoints = new FeatureLeastSquares(at, parameters, features);
        double[][][][] out = new double[points.length][unknowns][][];
        for (int p = 0; p < points.length; p++) {
            int index = at.pointIndex(points[p]);
            for (int u = 0; u < unknowns; u++) {
                int top = Math.max(1, orders[u]);
                out[p][u] = new double[top][params];
                for (int k = 0; k < top; k++) {
                    double[] gradient = atPoints.valueGradient(u, k, index);
                    for (int j = 0; j < params; j++) {
                        double v = 0;
                        for (int i = 0; i < dg.length; i++) {
                            v += trial.cardinal(u, i, k, points[p]) * dg[i][j];
                        }
                        for (int c = 0; c < gradient.length; c++) {
                            v += gradient[c] * dBeta[c][j];
                        }
                        out[p][u][k][j] = v;
                    }
                }
            }
        }
        return out;
    }
}
