package org.neuroform.runtime.trial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.PenaltyCondition;
import org.neuroform.compiler.sym.BatchProgram;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.TaylorNetwork;

/**
 * The trial solutions of all unknowns on a fixed set of points, and the least-squares
 * problem they pose: the residual vector
 *
 * <pre>
 *   ρ = [ R_e(x_p) / √(E n) ]_{e,p}  ∪  [ P_c / √C ]_c
 * </pre>
 *
 * (equation residuals at the n collocation points, then the C penalty conditions), the loss
 * {@code ‖ρ‖²} (the mean squared residual), its gradient, and its Jacobian with respect to the
 * network parameters. Everything is exact: network input derivatives by Taylor arithmetic,
 * residual partials from the compiler's symbolic differentiation, and the trial forms'
 * polynomial algebra by the Leibniz rule
 *
 * <pre>
 *   u^(k) = Σ_i ψ_i^(k) (g_i − c_i) + Σ_{j≤k} C(k,j) (σD)^(k−j) N^(j),
 *   c_i = Σ_{terms t} a_t (σD N)^(r_t)(q_t)
 * </pre>
 *
 * with σ the unknown's scale. Points are the collocation points followed by the extra points
 * the conditions need (correction and penalty points).
 *
 * <p>Why this file is over 700 lines: values, residuals, gradient, Jacobian and the
 * linearisation in the output weights all read the same precomputed polynomial parts (envelopes,
 * cardinal functions, correction points) and the same residual programs, indexed the same way;
 * split, each piece would need that whole state handed to it. The arithmetic is in the Javadoc
 * of each method.
 */
public final class TrialModel {
    private final List<Equation> equations;
    private final List<PenaltyCondition> penalties;
    private final TrialSystem trial;
    private final NetworkBank bank;
    private final int unknowns;
    private final int[] orders;
    private final int order; // Taylor order the networks are evaluated to
    private final int collocation; // n
    private final int pointCount; // M = n + extra
    private final double[] points;

    // Precomputed polynomial parts: [u][k][p]
    private final double[][][] envelope;
    private final double[][][][] cardinal; // [u][i][k][p]
    private final double[] conditionValues;
    private final int[][] correctionPoint; // [i][t] → point index
    private final List<List<ConditionTerm>> corrections;

    // Residual program: outputs R_e then ∂R_e/∂term for each equation's terms.
    private final BatchProgram program;
    private final BatchProgram.Workspace workspace;
    private final int[] partialStart; // output index of the first partial of equation e
    private final int[][] derivativeSlot; // [u][k] → program input slot, or -1

    private final BatchProgram penaltyProgram;
    private final BatchProgram.Workspace penaltyWorkspace;
    private final int[] penaltyPartialStart;
    private final Map<Double, Integer> pointIndex = new LinkedHashMap<>();
    private final double[] weights; // per equation: rows are w_e R_e
    private final StiffDefect stiffDefect; // null when the equations' structure does not allow it

    // State of the last evaluation.
    private final double[][] networkOutput; // per network
    private final double[][][] values; // u^(k) at all points [u][k][p]
    private final double[] corrections0; // c_i
    private final double[] correctionAdjoint;
    // Jacobian work arrays, reused from call to call (no allocation per LM iteration).
    private double[][] networkJacobian;
    private double[][] correctionGradient;
    private double[] valueGradient;
    private final double[][] programInputs;
    private final double[][] programOutputs;
    private final double[] penaltyInputs;
    private final double[][] penaltyOutputs;
    private final double[][][] valueAdjoint;
    private final double[][] networkAdjoint;

    private static final double[] NO_X = new double[1];
    private static final double[][] NO_INPUTS = new double[0][];
    private static final double[] NO_POINT_VALUES = new double[0];
    private static final double[] FACTORIAL = {1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800};

    public TrialModel(
            List<Equation> equations,
            List<PenaltyCondition> penalties,
            TrialSystem trial,
            int[] orders,
            double[] collocationPoints,
            NetworkBank bank,
            double[] scales,
            int extraOrder) {
        this.equations = List.copyOf(equations);
        this.penalties = List.copyOf(penalties);
        this.weights = new double[equations.size()];
        Arrays.fill(weights, 1);
        this.trial = trial;
        this.bank = bank;
        this.orders = orders.clone();
        this.unknowns = orders.length;
        int maxOrder = 0;
        for (int m : orders) {
            maxOrder = Math.max(maxOrder, m);
        }
        this.order = Math.max(maxOrder, extraOrder);
        if (order >= FACTORIAL.length) {
            throw new IllegalArgumentException("derivative order " + order + " is above " + (FACTORIAL.length - 1));
        }
        this.collocation = collocationPoints.length;
        this.stiffDefect = StiffDefect.of(this.equations, this.orders);

        List<Double> all = new ArrayList<>();
        for (double x : collocationPoints) {
            all.add(x);
        }
        for (int p = 0; p < collocation; p++) {
            pointIndex.putIfAbsent(collocationPoints[p], p);
        }
        corrections = new ArrayList<>();
        List<LinearCondition> exact = trial.conditions();
        correctionPoint = new int[exact.size()][];
        for (int i = 0; i < exact.size(); i++) {
            List<ConditionTerm> terms = trial.corrections(i);
            corrections.add(terms);
            correctionPoint[i] = new int[terms.size()];
            for (int t = 0; t < terms.size(); t++) {
                correctionPoint[i][t] = indexOf(terms.get(t).point(), all);
            }
        }
        List<PointValue> penaltyTerms = new ArrayList<>();
        for (PenaltyCondition penalty : penalties) {
            for (PointValue term : penalty.terms()) {
                indexOf(term.point(), all);
                penaltyTerms.add(term);
            }
        }
        pointCount = all.size();
        points = all.stream().mapToDouble(Double::doubleValue).toArray();

        envelope = new double[unknowns][order + 1][pointCount];
        cardinal = new double[unknowns][exact.size()][order + 1][pointCount];
        for (int u = 0; u < unknowns; u++) {
            for (int k = 0; k <= order; k++) {
                for (int p = 0; p < pointCount; p++) {
                    envelope[u][k][p] = scales[u] * trial.envelope(u, k, points[p]);
                    for (int i = 0; i < exact.size(); i++) {
                        cardinal[u][i][k][p] = trial.cardinal(u, i, k, points[p]);
                    }
                }
            }
        }
        conditionValues = exact.stream().mapToDouble(LinearCondition::value).toArray();

        // The residual program.
        List<Expr> outputs = new ArrayList<>();
        for (Equation equation : equations) {
            outputs.add(equation.residual());
        }
        partialStart = new int[equations.size()];
        for (int e = 0; e < equations.size(); e++) {
            partialStart[e] = outputs.size();
            outputs.addAll(equations.get(e).partials());
        }
        program = BatchProgram.compile(outputs);
        workspace = program.workspace(collocation);
        derivativeSlot = new int[unknowns][order + 1];
        for (int[] row : derivativeSlot) {
            Arrays.fill(row, -1);
        }
        List<Derivative> slots = program.derivatives();
        for (int s = 0; s < slots.size(); s++) {
            derivativeSlot[slots.get(s).unknown()][slots.get(s).order()] = s;
        }
        programInputs = new double[slots.size()][collocation];
        programOutputs = new double[outputs.size()][collocation];

        List<Expr> penaltyOutputsList = new ArrayList<>();
        for (PenaltyCondition penalty : penalties) {
            penaltyOutputsList.add(penalty.residual());
        }
        penaltyPartialStart = new int[penalties.size()];
        for (int c = 0; c < penalties.size(); c++) {
            penaltyPartialStart[c] = penaltyOutputsList.size();
            penaltyOutputsList.addAll(penalties.get(c).partials());
        }
        penaltyProgram = BatchProgram.compile(penaltyOutputsList);
        penaltyWorkspace = penaltyProgram.workspace(1);
        penaltyInputs = new double[penaltyProgram.points().size()];
        penaltyOutputs = new double[penaltyOutputsList.size()][1];

        networkOutput = new double[bank.networkCount()][];
        networkAdjoint = new double[bank.networkCount()][];
        for (int i = 0; i < bank.networkCount(); i++) {
            int size = (order + 1) * pointCount * bank.network(i).outputs();
            networkOutput[i] = new double[size];
            networkAdjoint[i] = new double[size];
        }
        values = new double[unknowns][order + 1][pointCount];
        valueAdjoint = new double[unknowns][order + 1][pointCount];
        corrections0 = new double[exact.size()];
        correctionAdjoint = new double[exact.size()];
    }

    private int indexOf(double point, List<Double> all) {
        Integer known = pointIndex.get(point);
        if (known != null) {
            return known;
        }
        all.add(point);
        pointIndex.put(point, all.size() - 1);
        return all.size() - 1;
    }

    public int parameterCount() {
        return bank.parameterCount();
    }

    /**
     * Weights the equations: residual rows become {@code w_e R_e}, so that an equation whose
     * unknown is small (a predator population of 0.02 beside a prey of 5) is fitted to the same
     * relative accuracy as the others. All 1 by default.
     */
    public void setEquationWeights(double[] equationWeights) {
        if (equationWeights.length != weights.length) {
            throw new IllegalArgumentException("one weight per equation");
        }
        for (double w : equationWeights) {
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weights must be positive and finite");
            }
        }
        System.arraycopy(equationWeights, 0, weights, 0, weights.length);
    }

    public int collocationCount() {
        return collocation;
    }

    public int equationCount() {
        return equations.size();
    }

    /** Rows of the residual vector: equations × collocation points, then penalties. */
    public int residualCount() {
        return equations.size() * collocation + penalties.size();
    }

    public double[] points() {
        return points.clone();
    }

    /** {@code N^(j)(x_p)} of the network output serving unknown u (normalised coefficient times j!). */
    private double network(int u, int j, int p) {
        int net = bank.networkOf(u);
        int outputs = bank.network(net).outputs();
        return networkOutput[net][(j * pointCount + p) * outputs + bank.outputOf(u)] * FACTORIAL[j];
    }

    private static double binomial(int n, int k) {
        return FACTORIAL[n] / (FACTORIAL[k] * FACTORIAL[n - k]);
    }

    /** Runs the networks and the trial forms at every point; returns nothing, fills {@link #value}. */
    public void evaluate(double[] parameters) {
        for (int i = 0; i < bank.networkCount(); i++) {
            TaylorNetwork network = bank.network(i);
            network.forward(parameters, bank.offset(i), points, pointCount, order, networkOutput[i]);
        }
        for (int i = 0; i < corrections0.length; i++) {
            double c = 0;
            List<ConditionTerm> terms = corrections.get(i);
            for (int t = 0; t < terms.size(); t++) {
                ConditionTerm term = terms.get(t);
                int q = correctionPoint[i][t];
                int r = term.order();
                double sum = 0;
                for (int j = 0; j <= r; j++) {
                    sum += binomial(r, j) * envelope[term.unknown()][r - j][q] * network(term.unknown(), j, q);
                }
                c += term.coefficient() * sum;
            }
            corrections0[i] = c;
        }
        for (int u = 0; u < unknowns; u++) {
            for (int k = 0; k <= order; k++) {
                double[] out = values[u][k];
                for (int p = 0; p < pointCount; p++) {
                    double sum = 0;
                    for (int j = 0; j <= k; j++) {
                        sum += binomial(k, j) * envelope[u][k - j][p] * network(u, j, p);
                    }
                    for (int i = 0; i < corrections0.length; i++) {
                        double psi = cardinal[u][i][k][p];
                        if (psi != 0) {
                            sum += psi * (conditionValues[i] - corrections0[i]);
                        }
                    }
                    out[p] = sum;
                }
            }
        }
    }

    /**
     * The correction {@code c_i = Σ_t a_t (σ_v D_v N_v)^(r_t)(q_t)} of exact condition i at the last
     * evaluation: what the networks contribute to the condition's left side, which the cardinal
     * function ψ_i takes back out (exported code bakes these in as constants).
     */
    public double correction(int i) {
        return corrections0[i];
    }

    /** {@code u^(k)} at point index p of the last evaluation. */
    public double value(int unknown, int k, int p) {
        return values[unknown][k][p];
    }

    /** Evaluates, then writes the residual vector ρ (length {@link #residualCount()}); returns ‖ρ‖². */
    public double residuals(double[] parameters, double[] rho) {
        evaluate(parameters);
        runPrograms();
        double scale = 1 / Math.sqrt((double) equations.size() * collocation);
        int row = 0;
        double loss = 0;
        for (int e = 0; e < equations.size(); e++) {
            double[] r = programOutputs[e];
            double w = scale * weights[e];
            for (int p = 0; p < collocation; p++) {
                double v = r[p] * w;
                rho[row++] = v;
                loss += v * v;
            }
        }
        runPenalties();
        double penaltyScale = penalties.isEmpty() ? 0 : 1 / Math.sqrt(penalties.size());
        for (int c = 0; c < penalties.size(); c++) {
            double v = penaltyOutputs[c][0] * penaltyScale;
            rho[row++] = v;
            loss += v * v;
        }
        return loss;
    }

    /**
     * The largest weighted equation residual {@code w_e |R_e(x_p)|} over the collocation points
     * (NaN when any is not finite): for validation on a dense grid.
     */
    public double maxResidual(double[] parameters) {
        evaluate(parameters);
        runPrograms();
        double residual = 0;
        for (int e = 0; e < equations.size(); e++) {
            for (int p = 0; p < collocation; p++) {
                double r = weights[e] * Math.abs(programOutputs[e][p]);
                if (!(r <= residual)) {
                    residual = r; // NaN wins
                }
            }
        }
        return residual;
    }

    /**
     * The largest weighted residual {@code w_e |R_e(x_p)|} (NaN when any is not finite) and the
     * largest weighted size of the terms that depend on the unknowns,
     * {@code w_e Σ_t |∂R_e/∂u_t^(k)| |u_t^(k)|}: the scale that round-off in evaluating R_e is
     * relative to (a residual of 1e−12 cannot be asked of an equation whose terms are 1e5).
     */
    public double[] maxResidualAndTermScale(double[] parameters) {
        double residual = maxResidual(parameters);
        double scale = 0;
        for (int e = 0; e < equations.size(); e++) {
            List<Derivative> terms = equations.get(e).terms();
            for (int p = 0; p < collocation; p++) {
                double sum = 0;
                for (int t = 0; t < terms.size(); t++) {
                    Derivative d = terms.get(t);
                    sum += Math.abs(programOutputs[partialStart[e] + t][p] * values[d.unknown()][d.order()][p]);
                }
                if (weights[e] * sum > scale) { // NaN (∞ · 0 at a singular point) does not count
                    scale = weights[e] * sum;
                }
            }
        }
        return new double[] {residual, scale};
    }

    /**
     * {@link #maxResidualAndTermScale(double[])} with the defect of stiff points taken as the
     * error it causes over a step of {@code step} ({@link StiffDefect}): {residual, scale, 1 when
     * some point was filtered else 0}. Without such points (every non-stiff problem) the same
     * numbers as the plain method, and 0.
     */
    public double[] maxResidualAndTermScale(double[] parameters, double step) {
        if (stiffDefect == null) {
            double[] plain = maxResidualAndTermScale(parameters);
            return new double[] {plain[0], plain[1], 0};
        }
        // The filter takes the plain maxima itself at the points it does not filter (the same sums in the same order).
        evaluate(parameters);
        runPrograms();
        int n = equations.size();
        double[][][] partials = new double[n][][];
        double[][] residuals = new double[n][];
        double[][] termScales = new double[n][collocation];
        for (int e = 0; e < n; e++) {
            List<Derivative> terms = equations.get(e).terms();
            partials[e] = new double[terms.size()][];
            for (int t = 0; t < terms.size(); t++) {
                partials[e][t] = programOutputs[partialStart[e] + t];
                Derivative d = terms.get(t);
                for (int p = 0; p < collocation; p++) {
                    termScales[e][p] += Math.abs(partials[e][t][p] * values[d.unknown()][d.order()][p]);
                }
            }
            residuals[e] = programOutputs[e];
        }
        StiffDefect.Result result = stiffDefect.apply(step, weights, partials, residuals, termScales, collocation);
        return new double[] {result.defect(), result.termScale(), result.filtered() ? 1 : 0};
    }

    private void runPrograms() {
        List<Derivative> slots = program.derivatives();
        for (int s = 0; s < slots.size(); s++) {
            Derivative d = slots.get(s);
            System.arraycopy(values[d.unknown()][d.order()], 0, programInputs[s], 0, collocation);
        }
        program.evaluate(workspace, collocation, points, programInputs, NO_POINT_VALUES, programOutputs);
    }

    private void runPenalties() {
        if (penalties.isEmpty()) {
            return;
        }
        List<PointValue> slots = penaltyProgram.points();
        for (int s = 0; s < slots.size(); s++) {
            penaltyInputs[s] = pointValue(slots.get(s));
        }
        penaltyProgram.evaluate(penaltyWorkspace, 1, NO_X, NO_INPUTS, penaltyInputs, penaltyOutputs);
    }

    private double pointValue(PointValue pv) {
        int p = pointIndex.get(pv.point());
        if (pv.order() > order) {
            throw new IllegalStateException("order " + pv.order() + " above " + order);
        }
        return values[pv.unknown()][pv.order()][p];
    }


    /** Loss ‖ρ‖² and its gradient (written to {@code gradient}). */
    public double lossAndGradient(double[] parameters, double[] rho, double[] gradient) {
        double loss = residuals(parameters, rho);
        for (double[][] perUnknown : valueAdjoint) {
            for (double[] row : perUnknown) {
                Arrays.fill(row, 0);
            }
        }
        double scale = 1 / Math.sqrt((double) equations.size() * collocation);
        for (int e = 0; e < equations.size(); e++) {
            List<Derivative> terms = equations.get(e).terms();
            for (int t = 0; t < terms.size(); t++) {
                Derivative d = terms.get(t);
                double[] partial = programOutputs[partialStart[e] + t];
                double[] adjoint = valueAdjoint[d.unknown()][d.order()];
                int base = e * collocation;
                double w = scale * weights[e];
                for (int p = 0; p < collocation; p++) {
                    adjoint[p] += 2 * rho[base + p] * w * partial[p];
                }
            }
        }
        if (!penalties.isEmpty()) {
            double penaltyScale = 1 / Math.sqrt(penalties.size());
            int base = equations.size() * collocation;
            for (int c = 0; c < penalties.size(); c++) {
                List<PointValue> terms = penalties.get(c).terms();
                for (int t = 0; t < terms.size(); t++) {
                    PointValue pv = terms.get(t);
                    double partial = penaltyOutputs[penaltyPartialStart[c] + t][0];
                    valueAdjoint[pv.unknown()][pv.order()][pointIndex.get(pv.point())] += 2 * rho[base + c] * penaltyScale * partial;
                }
            }
        }
        backwardFromValues(parameters, gradient);
        return loss;
    }

    /** Pulls adjoints of the trial values back to the networks' outputs and parameters. */
    private void backwardFromValues(double[] parameters, double[] gradient) {
        Arrays.fill(gradient, 0);
        for (double[] adjoint : networkAdjoint) {
            Arrays.fill(adjoint, 0);
        }
        double[] correctionAdjoint = this.correctionAdjoint;
        Arrays.fill(correctionAdjoint, 0);
        for (int u = 0; u < unknowns; u++) {
            int net = bank.networkOf(u);
            int outputs = bank.network(net).outputs();
            int o = bank.outputOf(u);
            for (int k = 0; k <= order; k++) {
                double[] adjoint = valueAdjoint[u][k];
                for (int p = 0; p < pointCount; p++) {
                    double g = adjoint[p];
                    if (g == 0) {
                        continue;
                    }
                    for (int j = 0; j <= k; j++) {
                        networkAdjoint[net][(j * pointCount + p) * outputs + o] +=
                                g * binomial(k, j) * envelope[u][k - j][p] * FACTORIAL[j];
                    }
                    for (int i = 0; i < corrections0.length; i++) {
                        correctionAdjoint[i] -= g * cardinal[u][i][k][p];
                    }
                }
            }
        }
        for (int i = 0; i < corrections0.length; i++) {
            double g = correctionAdjoint[i];
            if (g == 0) {
                continue;
            }
            List<ConditionTerm> terms = corrections.get(i);
            for (int t = 0; t < terms.size(); t++) {
                ConditionTerm term = terms.get(t);
                int q = correctionPoint[i][t];
                int v = term.unknown();
                int net = bank.networkOf(v);
                int outputs = bank.network(net).outputs();
                for (int j = 0; j <= term.order(); j++) {
                    networkAdjoint[net][(j * pointCount + q) * outputs + bank.outputOf(v)] +=
                            g * term.coefficient() * binomial(term.order(), j) * envelope[v][term.order() - j][q] * FACTORIAL[j];
                }
            }
        }
        for (int i = 0; i < bank.networkCount(); i++) {
            bank.network(i).backward(parameters, bank.offset(i), networkAdjoint[i], gradient);
        }
    }

    /**
     * Residual vector and its Jacobian {@code J[row * P + j] = ∂ρ_row/∂θ_j}; returns ‖ρ‖².
     */
    public double residualsAndJacobian(double[] parameters, double[] rho, double[] jacobian) {
        double loss = residuals(parameters, rho);
        int parameterCount = bank.parameterCount();
        prepareValueGradients(parameters);
        Arrays.fill(jacobian, 0, residualCount() * parameterCount, 0);
        double scale = 1 / Math.sqrt((double) equations.size() * collocation);
        for (int e = 0; e < equations.size(); e++) {
            List<Derivative> terms = equations.get(e).terms();
            for (int p = 0; p < collocation; p++) {
                int row = (e * collocation + p) * parameterCount;
                for (int t = 0; t < terms.size(); t++) {
                    Derivative d = terms.get(t);
                    double w = programOutputs[partialStart[e] + t][p] * scale * weights[e];
                    if (w == 0) {
                        continue;
                    }
                    valueGradient(networkJacobian, correctionGradient, d.unknown(), d.order(), p, valueGradient);
                    for (int j = 0; j < parameterCount; j++) {
                        jacobian[row + j] += w * valueGradient[j];
                    }
                }
            }
        }
        if (!penalties.isEmpty()) {
            double penaltyScale = 1 / Math.sqrt(penalties.size());
            int base = equations.size() * collocation;
            for (int c = 0; c < penalties.size(); c++) {
                int row = (base + c) * parameterCount;
                List<PointValue> terms = penalties.get(c).terms();
                for (int t = 0; t < terms.size(); t++) {
                    PointValue pv = terms.get(t);
                    double w = penaltyOutputs[penaltyPartialStart[c] + t][0] * penaltyScale;
                    valueGradient(networkJacobian, correctionGradient, pv.unknown(), pv.order(), pointIndex.get(pv.point()), valueGradient);
                    for (int j = 0; j < parameterCount; j++) {
                        jacobian[row + j] += w * valueGradient[j];
                    }
                }
            }
        }
        return loss;
    }

    /**
     * After an evaluation at {@code parameters}: the networks' Jacobians and each correction's
     * gradient {@code ∂c_i/∂θ}, from which {@link #valueGradient} builds {@code ∂u^(k)(x_p)/∂θ}.
     */
    private void prepareValueGradients(double[] parameters) {
        prepareValueGradients(parameters, false);
    }

    /** With {@code outputLayerOnly}, only the networks' output-layer columns are made exact (see {@link #linearize}). */
    private void prepareValueGradients(double[] parameters, boolean outputLayerOnly) {
        int parameterCount = bank.parameterCount();
        // dU[u][k][p] as parameter-space vectors, built from the networks' Jacobians.
        if (networkJacobian == null) { // made on first use: gradient-only training never needs them
            networkJacobian = new double[bank.networkCount()][];
            for (int i = 0; i < bank.networkCount(); i++) {
                TaylorNetwork network = bank.network(i);
                networkJacobian[i] = new double[(order + 1) * pointCount * network.outputs() * network.parameterCount()];
            }
            correctionGradient = new double[corrections0.length][parameterCount];
            valueGradient = new double[parameterCount];
        }
        for (int i = 0; i < bank.networkCount(); i++) {
            if (outputLayerOnly) {
                bank.network(i).outputLayerJacobian(parameters, bank.offset(i), networkJacobian[i]);
            } else {
                bank.network(i).jacobian(parameters, bank.offset(i), networkJacobian[i]);
            }
        }
        for (double[] row : correctionGradient) {
            Arrays.fill(row, 0);
        }
        for (int i = 0; i < corrections0.length; i++) {
            List<ConditionTerm> terms = corrections.get(i);
            for (int t = 0; t < terms.size(); t++) {
                ConditionTerm term = terms.get(t);
                int q = correctionPoint[i][t];
                for (int j = 0; j <= term.order(); j++) {
                    double w = term.coefficient() * binomial(term.order(), j) * envelope[term.unknown()][term.order() - j][q] * FACTORIAL[j];
                    addNetworkRow(networkJacobian, term.unknown(), j, q, w, correctionGradient[i]);
                }
            }
        }
    }

    /**
     * {@code out[u][k][p][i] = ∂u^(k)(x_p)/∂θ_c} for the parameters {@code c = columns[u][i]}
     * listed per unknown, at {@code parameters}. The trial values are affine in the networks'
     * output-layer weights, so for those columns this matrix does not depend on them: with the
     * hidden layers frozen, {@code u^(k)(x_p) = c + A β} exactly (the frozen-feature solver's A).
     */
    public double[][][][] linearize(double[] parameters, int[][] columns) {
        return linearize(parameters, columns, false);
    }

    /**
     * The same, when every column asked for is one of its network's output-layer weights or
     * biases ({@code outputLayerOnly}): the networks then skip their hidden layers' derivatives.
     */
    public double[][][][] linearize(double[] parameters, int[][] columns, boolean outputLayerOnly) {
        evaluate(parameters);
        prepareValueGradients(parameters, outputLayerOnly);
        double[][][][] out = new double[unknowns][order + 1][pointCount][];
        for (int u = 0; u < unknowns; u++) {
            int net = bank.networkOf(u);
            TaylorNetwork network = bank.network(net);
            int outputs = network.outputs();
            int count = network.parameterCount();
            int offset = bank.offset(net);
            int[] cols = columns[u];
            for (int k = 0; k <= order; k++) {
                for (int p = 0; p < pointCount; p++) {
                    double[] row = new double[cols.length];
                    for (int c = 0; c < cols.length; c++) {
                        int column = cols[c];
                        double v = 0;
                        if (column >= offset && column < offset + count) {
                            for (int j = 0; j <= k; j++) {
                                int source = ((j * pointCount + p) * outputs + bank.outputOf(u)) * count + column - offset;
                                v += binomial(k, j) * envelope[u][k - j][p] * FACTORIAL[j] * networkJacobian[net][source];
                            }
                        }
                        for (int i = 0; i < corrections0.length; i++) {
                            double psi = cardinal[u][i][k][p];
                            if (psi != 0) {
                                v -= psi * correctionGradient[i][column];
                            }
                        }
                        row[c] = v;
                    }
                    out[u][k][p] = row;
                }
            }
        }
        return out;
    }

    /** The networks whose parameters a trial value of unknown u depends on (its own, and those its conditions' corrections read). */
    public int[] influencingNetworks(int u) {
        java.util.TreeSet<Integer> nets = new java.util.TreeSet<>();
        nets.add(bank.networkOf(u));
        for (int i = 0; i < corrections0.length; i++) {
            boolean uses = false;
            for (int k = 0; k <= order && !uses; k++) {
                for (int p = 0; p < pointCount && !uses; p++) {
                    uses = cardinal[u][i][k][p] != 0;
                }
            }
            if (uses) {
                for (ConditionTerm term : corrections.get(i)) {
                    nets.add(bank.networkOf(term.unknown()));
                }
            }
        }
        return nets.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code ∂R_e/∂(term t of equation e)} at collocation point p, from the last {@link #residuals} call. */
    public double equationPartial(int e, int t, int p) {
        return programOutputs[partialStart[e] + t][p];
    }

    /** {@code ∂P_c/∂(term t of penalty c)}, from the last {@link #residuals} call. */
    public double penaltyPartial(int c, int t) {
        return penaltyOutputs[penaltyPartialStart[c] + t][0];
    }

    /** The index of a point (collocation, correction or penalty point) in this model's point list. */
    public int pointIndex(double point) {
        return pointIndex.get(point);
    }

    /** The factor of equation e's rows in ρ: {@code w_e / √(E n)}. */
    public double rowFactor(int e) {
        return weights[e] / Math.sqrt((double) equations.size() * collocation);
    }

    /** The factor of every penalty row in ρ: {@code 1/√C}. */
    public double penaltyFactor() {
        return penalties.isEmpty() ? 0 : 1 / Math.sqrt(penalties.size());
    }

    public List<Equation> equations() {
        return equations;
    }

    public List<PenaltyCondition> penalties() {
        return penalties;
    }

    public NetworkBank bank() {
        return bank;
    }

    public int unknownCount() {
        return unknowns;
    }

    /** d u^(k)(x_p) / dθ into {@code out}. */
    private void valueGradient(double[][] networkJacobian, double[][] correctionGradient, int u, int k, int p, double[] out) {
        Arrays.fill(out, 0);
        for (int j = 0; j <= k; j++) {
            double w = binomial(k, j) * envelope[u][k - j][p] * FACTORIAL[j];
            addNetworkRow(networkJacobian, u, j, p, w, out);
        }
        for (int i = 0; i < corrections0.length; i++) {
            double psi = cardinal[u][i][k][p];
            if (psi != 0) {
                double[] g = correctionGradient[i];
                for (int j = 0; j < out.length; j++) {
                    out[j] -= psi * g[j];
                }
            }
        }
    }

    /** out[bank offset …] += w · ∂(normalised N_j of unknown u at point p)/∂θ. */
    private void addNetworkRow(double[][] networkJacobian, int u, int j, int p, double w, double[] out) {
        if (w == 0) {
            return;
        }
        int net = bank.networkOf(u);
        TaylorNetwork network = bank.network(net);
        int outputs = network.outputs();
        int count = network.parameterCount();
        int row = ((j * pointCount + p) * outputs + bank.outputOf(u)) * count;
        int offset = bank.offset(net);
        double[] source = networkJacobian[net];
        for (int c = 0; c < count; c++) {
            out[offset + c] += w * source[row + c];
        }
    }
}
