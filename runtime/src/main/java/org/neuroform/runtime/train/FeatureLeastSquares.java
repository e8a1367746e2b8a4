package org.neuroform.runtime.train;

import org.neuroform.runtime.trial.TrialModel;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.optim.TrainingMonitor;

/**
 * One segment solved by least squares over frozen network features (the extreme-learning /
 * X-TFC form of Lagaris's method): the hidden layers keep the weights they were given, and
 * only each network's output layer β is solved for.
 *
 * <p>With the hidden layers frozen, every trial value is affine in β,
 * {@code u^(k)(x_p) = c_{u,k,p} + A_{u,k,p} · β}, and {@code A} is exact and computed once
 * ({@link TrialModel#linearize}). The residual rows {@code ρ = w_e R_e(x_p, u, u', …)/√(E n)}
 * then have the Jacobian
 *
 * <pre>
 *   ∂ρ_{e,p}/∂β = (w_e/√(E n)) Σ_{terms (u,k) of e} ∂R_e/∂u^(k)(x_p) · A_{u,k,p}
 * </pre>
 *
 * (the partials come from the compiler's symbolic differentiation): no back-propagation
 * through the networks at all. A linear equation is one linear least-squares solve; a
 * nonlinear one is Gauss–Newton on β, each step {@code min ‖J δ + ρ‖} solved by QR with column
 * pivoting (EJML) on the column-equilibrated Jacobian, which never forms {@code JᵀJ} (whose
 * condition number would be the square of J's, too much for 1e−12 answers) and truncates the
 * directions the features cannot tell apart. A step that does not lower the loss is retried
 * with Levenberg–Marquardt damping {@code λ‖Dδ‖²} (D the column norms) by stacking
 * {@code √λ D} under J.
 *
 * <p>Each equation row touches only the β of the unknowns it mentions (and of those their
 * conditions couple to), so J is assembled block by block, never as a dense product.
 *
 * <p>(About 400 lines: the dense and the sparse solve of the same step live together, since
 * they share the Jacobian, its equilibration and the damping.)
 */
final class FeatureLeastSquares {
    /** Gauss–Newton iterations at most. */
    static final int MAX_ITERATIONS = 40;
    /** Damping below this is dropped: the steps are Gauss–Newton's again (and its round-off-floor test applies). */
    static final double SMALLEST_DAMPING = 1e-9;
    /**
     * A column of J this small relative to its largest is round-off, not a feature: it takes no part
     * in the step. (The output bias cancelled by the corrections of f(0) = 0 came out at 1e−16 of the
     * largest; a genuine feature of the algebraic unknown of dae-index1 at 7e−13.)
     */
    static final double VANISHING_COLUMN = 1e-14;
    /**
     * From this many β on, a dense step of default-width networks (six unknowns and more) is solved
     * by LAPACK ({@link DenseLeastSquares#nativeSolver}) instead of EJML: measured 1.7× faster at 126
     * columns, 1.5× at 84 and about even at 42 ({@code LeastSquaresBackendBenchmark}); above this the
     * time saved repays loading the library.
     */
    static final int NATIVE_COLUMNS = 120;
    /** Passes of iterative refinement when sensitivities reuse a solve's last factorization ({@link #solveLinearized}). */
    static final int REFINEMENTS = 2;
    /** How far above the round-off floor of the equations' terms a residual counts as at that floor ({@link #atRoundOff}). */
    static final double FLOOR_FACTOR = 4;
    /** The damping of the steps after an undamped one gained far less than its linear model promised. */
    static final double POOR_GAIN_DAMPING = 1e-3;

    /**
     * From this many β on, a Jacobian whose blocks are mostly empty (a system whose equations
     * each mention a few unknowns) is solved by sparse QR: dense QR costs m·n² and a chain of 50
     * equations is then seconds per step, the sparse one milliseconds.
     */
    static final int SPARSE_COLUMNS = 200;
    /** The share of non-zero entries below which the sparse solver is used. */
    static final double SPARSE_DENSITY = 0.3;
    /**
     * The largest share of dense QR's work (at the level of unknowns, {@link #sparseShare}) for which the sparse
     * solver is used: its fill can make R nearly full where J is sparse, and the sparse QR is then far slower
     * per entry than the dense one (the Pollution problem, 20 species: J 21 % non-zero, R 86 % full; 72 s of
     * training against 18 s dense). Chains of unknowns keep the sparse solve (10 unknowns: 0.2, 50: 0.01).
     */
    static final double SPARSE_SHARE = 0.3;
    /**
     * Tikhonov regularisation of the sparse solve (its QR does not pivot): rows {@code √μ I} under
     * the equilibrated J, which bound the directions the features cannot tell apart as the
     * pivoting dense QR truncates them.
     */
    static final double SPARSE_REGULARISATION = 1e-14;

    private final TrialModel model;
    private final double[] theta; // the full parameter vector: frozen hidden layers, β written in
    private final int[] beta; // β_i is θ[beta[i]]
    private final int[][] localColumns; // per unknown: its β indices (into beta)
    private final double[][][][] a; // [u][k][p][i]: ∂u^(k)(x_p)/∂β_{localColumns[u][i]}
    private final int rows;
    private final double[] rho;
    private final boolean linear; // every residual is affine in the unknowns: one solve is exact
    private final boolean sparseWorthIt; // a sparse QR's fill leaves it cheaper than the dense one (sparseShare)
    /** Features per network at most the default (a march's segment, not a wider solve): LAPACK may take its large steps. */
    private final boolean narrow;
    /**
     * The pivoting QR of the last undamped Gauss–Newton step (J at the solution, or one step before
     * it: the same to the size of that step) and its column norms; null after a damped or sparse one.
     */
    private LinearSolverDense<DMatrixRMaj> lastFactor;
    private double[] lastNorms;
    /**
     * A dense solver holding no factorization anyone keeps, for the next step: EJML's pivoting QR
     * keeps its work arrays between {@code setA} calls of one size, and a new solver for every step
     * was a third of everything a march allocated (its R, its column-major copy of J).
     */
    private LinearSolverDense<DMatrixRMaj> spare;

    /**
     * @param model the trial model of the segment (equations, penalties, collocation points, networks)
     * @param frozen a full parameter vector whose hidden layers are the frozen features
     * @param lastHidden the width of the last hidden layer: the number of features per network
     */
    FeatureLeastSquares(TrialModel model, double[] frozen, int lastHidden) {
        this.model = model;
        this.theta = frozen.clone();
        var bank = model.bank();
        int unknowns = model.unknownCount();
        int[][] netColumns = new int[bank.networkCount()][];
        int total = 0;
        for (int i = 0; i < bank.networkCount(); i++) {
            netColumns[i] = outputLayerColumns(bank.network(i).parameterCount(), bank.network(i).outputs(), lastHidden, bank.offset(i));
            total += netColumns[i].length;
        }
        beta = new int[total];
        int[] firstOf = new int[bank.networkCount()];
        int next = 0;
        for (int i = 0; i < bank.networkCount(); i++) {
            firstOf[i] = next;
            System.arraycopy(netColumns[i], 0, beta, next, netColumns[i].length);
            next += netColumns[i].length;
        }
        localColumns = new int[unknowns][];
        int[][] globalColumns = new int[unknowns][];
        for (int u = 0; u < unknowns; u++) {
            int[] nets = model.influencingNetworks(u);
            int count = 0;
            for (int net : nets) {
                count += netColumns[net].length;
            }
            localColumns[u] = new int[count];
            globalColumns[u] = new int[count];
            int c = 0;
            for (int net : nets) {
                for (int j = 0; j < netColumns[net].length; j++) {
                    localColumns[u][c] = firstOf[net] + j;
                    globalColumns[u][c] = netColumns[net][j];
                    c++;
                }
            }
        }
        for (int b : beta) {
            theta[b] = 0;
        }
        a = model.linearize(theta, globalColumns, true); // β: the output layers' weights and biases
        narrow = lastHidden <= FeatureSegments.DEFAULT_FEATURES;
        rows = model.residualCount();
        rho = new double[rows];
        linear = isLinear(model);
        sparseWorthIt = beta.length >= SPARSE_COLUMNS && sparseShare(model.equations(), model.penalties()) <= SPARSE_SHARE;
    }

    /**
     * The work of a sparse QR of these equations' Jacobian (columns in the unknowns' order, as {@link #sparseStep}
     * takes them) relative to a dense one's, at the level of unknowns: the elimination game on the graph of
     * {@code JᵀJ} (two unknowns joined when an equation mentions both) gives the columns of R's block structure,
     * Σ c_k² against Σ (U − k)². 1 with penalty conditions (their rows may join any unknowns).
     */
    static double sparseShare(List<org.neuroform.compiler.Equation> equations, List<org.neuroform.compiler.PenaltyCondition> penalties) {
        if (!penalties.isEmpty()) {
            return 1;
        }
        int unknowns = 0;
        for (org.neuroform.compiler.Equation equation : equations) {
            for (Derivative term : equation.terms()) {
                unknowns = Math.max(unknowns, term.unknown() + 1);
            }
        }
        java.util.BitSet[] joined = new java.util.BitSet[unknowns];
        for (int u = 0; u < unknowns; u++) {
            joined[u] = new java.util.BitSet(unknowns);
        }
        for (org.neuroform.compiler.Equation equation : equations) {
            java.util.BitSet mentioned = new java.util.BitSet(unknowns);
            for (Derivative term : equation.terms()) {
                mentioned.set(term.unknown());
            }
            for (int u = mentioned.nextSetBit(0); u >= 0; u = mentioned.nextSetBit(u + 1)) {
                joined[u].or(mentioned);
            }
        }
        double sparse = 0;
        double dense = 0;
        for (int k = 0; k < unknowns; k++) {
            java.util.BitSet later = joined[k].get(k + 1, unknowns); // shifted: bit i is unknown k + 1 + i
            for (int i = later.nextSetBit(0); i >= 0; i = later.nextSetBit(i + 1)) {
                for (int j = later.nextSetBit(0); j >= 0; j = later.nextSetBit(j + 1)) {
                    joined[k + 1 + i].set(k + 1 + j); // eliminating k joins its later neighbours (fill)
                }
            }
            double column = later.cardinality() + 1;
            sparse += column * column;
            dense += (double) (unknowns - k) * (unknowns - k);
        }
        return unknowns == 0 ? 1 : sparse / dense;
    }

    /** True when no equation's or penalty's partial derivative depends on the unknowns. */
    static boolean isLinear(TrialModel model) {
        return isLinear(model.equations(), model.penalties());
    }

    /** True when no partial derivative of these equations and penalties depends on the unknowns. */
    static boolean isLinear(List<org.neuroform.compiler.Equation> equations, List<org.neuroform.compiler.PenaltyCondition> penalties) {
        List<org.neuroform.compiler.sym.Expr> partials = new java.util.ArrayList<>();
        for (org.neuroform.compiler.Equation equation : equations) {
            partials.addAll(equation.partials());
        }
        for (org.neuroform.compiler.PenaltyCondition penalty : penalties) {
            partials.addAll(penalty.partials());
        }
        org.neuroform.compiler.sym.BatchProgram program = org.neuroform.compiler.sym.BatchProgram.compile(partials);
        return program.derivatives().isEmpty() && program.points().isEmpty();
    }

    /**
     * The columns of the output layer in a network's slice starting at {@code offset}: it comes
     * last in {@link NetworkShape}'s layout, {@code lastHidden × outputs} weights then the
     * outputs' biases.
     */
    static int[] outputLayerColumns(int parameterCount, int outputs, int lastHidden, int offset) {
        int size = (lastHidden + 1) * outputs;
        int[] columns = new int[size];
        for (int i = 0; i < size; i++) {
            columns[i] = offset + parameterCount - size + i;
        }
        return columns;
    }

    /** Whether every residual is affine in the unknowns: one least-squares solve is exact from any start. */
    boolean linear() {
        return linear;
    }

    /** The number of β: every network's output-layer weights and biases. */
    int featureCount() {
        return beta.length;
    }

    /** The full parameter vector for the given β. */
    double[] parameters(double[] b) {
        double[] out = theta.clone();
        for (int i = 0; i < beta.length; i++) {
            out[beta[i]] = b[i];
        }
        return out;
    }

    /** β read from a full parameter vector (a warm start from a segment with the same frozen features). */
    double[] betaOf(double[] parameters) {
        double[] b = new double[beta.length];
        for (int i = 0; i < beta.length; i++) {
            b[i] = parameters[beta[i]];
        }
        return b;
    }

    /**
     * The β whose trial values at the collocation points come closest, in least squares, to
     * {@code targets[u][p]} (each unknown's rows divided by {@code scales[u]}): a start for
     * Gauss–Newton from another solution of the same piece (the trial is affine in β, so this is one
     * linear solve). Null when the solve fails.
     */
    double[] fit(double[][] targets, double[] scales) {
        int n = beta.length;
        model.evaluate(parameters(new double[n]));
        double[] out = new double[n];
        if (targets.length > 1 && separate()) {
            // Each unknown's values depend on its own β only: the matrix is block diagonal, and U solves of points × 21
            // cost what one of U·points × 21U would cost U² times over (the Pollution problem's 20 species: 640 × 420
            // in EJML, ~60 ms, against 20 solves of 32 × 21).
            for (int u = 0; u < targets.length; u++) {
                if (!fitInto(new int[] {u}, localColumns[u], targets, scales, out)) {
                    return null;
                }
            }
            return out;
        }
        int[] unknowns = new int[targets.length];
        Arrays.setAll(unknowns, u -> u);
        int[] all = new int[n];
        Arrays.setAll(all, j -> j);
        return fitInto(unknowns, all, targets, scales, out) ? out : null;
    }

    /** Whether no β moves the values of two unknowns (each trial has its own networks, as a march's do). */
    private boolean separate() {
        boolean[] taken = new boolean[beta.length];
        for (int[] columns : localColumns) {
            for (int c : columns) {
                if (taken[c]) {
                    return false;
                }
                taken[c] = true;
            }
        }
        return true;
    }

    /**
     * {@link #fit}'s least-squares solve for the values of {@code unknowns}, over the β listed in {@code columns}
     * (every β their values depend on), into {@code out} at those β; false when the solve fails.
     */
    private boolean fitInto(int[] unknowns, int[] columns, double[][] targets, double[] scales, double[] out) {
        int points = model.collocationCount();
        int[] position = new int[beta.length];
        for (int i = 0; i < columns.length; i++) {
            position[columns[i]] = i;
        }
        DMatrixRMaj matrix = new DMatrixRMaj(unknowns.length * points, columns.length);
        DMatrixRMaj right = new DMatrixRMaj(unknowns.length * points, 1);
        for (int r = 0; r < unknowns.length; r++) {
            int u = unknowns[r];
            double scale = scales[u] > 0 && Double.isFinite(scales[u]) ? scales[u] : 1;
            int[] local = localColumns[u];
            for (int p = 0; p < points; p++) {
                int row = r * points + p;
                double[] source = a[u][0][p];
                for (int i = 0; i < local.length; i++) {
                    matrix.add(row, position[local[i]], source[i] / scale);
                }
                right.set(row, 0, (targets[u][p] - model.value(u, 0, p)) / scale);
            }
        }
        LinearSolverDense<DMatrixRMaj> solver = new PivotingQrSolver();
        if (!solver.setA(matrix)) {
            return false;
        }
        DMatrixRMaj x = new DMatrixRMaj(columns.length, 1);
        solver.solve(right, x);
        for (int i = 0; i < columns.length; i++) {
            if (!Double.isFinite(x.data[i])) {
                return false;
            }
            out[columns[i]] = x.data[i];
        }
        return true;
    }

    /**
     * {@code ∂u^(k)(x_p)/∂β} as a dense vector over every β (the model's point p): how a trial
     * value moves with the output layers.
     */
    double[] valueGradient(int u, int k, int p) {
        double[] out = new double[beta.length];
        double[] source = a[u][k][p];
        int[] columns = localColumns[u];
        for (int i = 0; i < columns.length; i++) {
            out[columns[i]] += source[i];
        }
        return out;
    }

    /**
     * The least-squares solutions X of {@code J X = −R} for several right-hand sides (the columns
     * of {@code rhs}, one per row of ρ each), J the Jacobian at the model's last
     * {@link TrialModel#residuals} evaluation, by the pivoting QR of the equilibrated J a
     * Gauss–Newton step uses: the linearised response of β to a change in the equations (parameter
     * sensitivities). Returns X as [β][column], or null when the solve fails.
     *
     * <p>After {@link #solve}, the factorization of its last undamped step serves: J one step
     * before the solution, which {@link #REFINEMENTS} passes of iterative refinement against J
     * itself make exact to round-off (each gains about the relative size of that step).
     */
    double[][] solveLinearized(double[][] rhs) {
        int n = beta.length;
        int columns = rhs.length;
        DMatrixRMaj right = new DMatrixRMaj(rows, columns);
        for (int c = 0; c < columns; c++) {
            for (int i = 0; i < rows; i++) {
                right.data[i * columns + c] = -rhs[c][i];
            }
        }
        DMatrixRMaj jacobian = new DMatrixRMaj(rows, n);
        assemble(jacobian);
        LinearSolverDense<DMatrixRMaj> solver = lastFactor;
        double[] norms = lastNorms;
        int refinements = REFINEMENTS;
        if (solver == null) {
            // No factorization from a solve (a damped last step, or none): J's own.
            DMatrixRMaj scaled = jacobian.copy();
            norms = new double[n];
            equilibrate(scaled, norms);
            solver = new PivotingQrSolver();
            if (!solver.setA(scaled)) {
                return null;
            }
            refinements = 0;
        }
        double[][] out = new double[n][columns];
        DMatrixRMaj x = new DMatrixRMaj(n, columns);
        DMatrixRMaj remainder = right;
        for (int pass = 0; pass <= refinements; pass++) {
            solver.solve(remainder, x);
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < columns; c++) {
                    out[j][c] += x.data[j * columns + c] / norms[j];
                    if (!Double.isFinite(out[j][c])) {
                        return null;
                    }
                }
            }
            if (pass < refinements) {
                // What J X leaves of the right-hand side, for the next correction.
                remainder = right.copy();
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < n; j++) {
                        double a = jacobian.data[i * n + j];
                        if (a != 0) {
                            for (int c = 0; c < columns; c++) {
                                remainder.data[i * columns + c] -= a * out[j][c];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The result of a solve: β, the loss ‖ρ‖², the largest weighted residual at the points, the Gauss–Newton iterations. */
    record Result(double[] beta, double loss, double maxResidual, int iterations, boolean stopped) {}

    /**
     * Gauss–Newton on β from {@code start} until the largest weighted residual at the
     * collocation points is below {@code target}, or the loss stops falling, in at most
     * {@code limit} iterations ({@link #MAX_ITERATIONS} unless the march bounds them).
     */
    Result solve(double[] start, double target, TrainingMonitor monitor, int limit) {
        return solve(start, target, monitor, limit, false);
    }

    /**
     * The same; when {@code patient}, an undamped step that gains far less than its linear model
     * promised is taken as too long for the nonlinearity, and the steps after it are damped, instead
     * of ending the solve as at the round-off floor (a boundary value problem solved from β = 0,
     * where the first steps are far from the solution; the march's warm starts are not).
     */
    Result solve(double[] start, double target, TrainingMonitor monitor, int limit, boolean patient) {
        int n = beta.length;
        double[] b = start.clone();
        double loss = model.residuals(parameters(b), rho);
        double max = maxAbs(rho, model.equations().size() * model.collocationCount());
        DMatrixRMaj jacobian = new DMatrixRMaj(rows, n);
        double[] norms = new double[n];
        double lambda = 0;
        int iteration = 0;
        while (iteration < limit && Double.isFinite(loss) && !(max <= target)) {
            if (monitor.stopRequested()) {
                return new Result(b, loss, max, iteration, true);
            }
            iteration++;
            assemble(jacobian);
            equilibrate(jacobian, norms);
            boolean accepted = false;
            for (int attempt = 0; attempt < 8 && !accepted; attempt++) {
                double[] step = step(jacobian, norms, lambda);
                if (step == null) {
                    break;
                }
                double[] trial = b.clone();
                for (int j = 0; j < n; j++) {
                    trial[j] += step[j];
                }
                // The share of the loss the linear model leaves, ‖J δ + ρ‖² / ‖ρ‖² (undamped steps only).
                double promised = patient && lambda == 0 && !linear ? promisedShare(jacobian, norms, step) : Double.NaN;
                double[] trialRho = new double[rows];
                double trialLoss = model.residuals(parameters(trial), trialRho);
                if (trialLoss < loss) {
                    double previous = loss;
                    b = trial;
                    loss = trialLoss;
                    System.arraycopy(trialRho, 0, rho, 0, rows);
                    max = maxAbs(rho, model.equations().size() * model.collocationCount());
                    accepted = true;
                    lambda = lambda / 10 < SMALLEST_DAMPING ? 0 : lambda / 10; // undamped again once the steps succeed
                    monitor.progress("least squares", iteration, loss, max);
                    if (linear || !(loss < 0.25 * previous) && lambda == 0) {
                        if (linear || !patient || !(promised < 0.25)) {
                            // Gauss–Newton converges quadratically; a small gain its linear model foresaw means the
                            // round-off floor.
                            return new Result(b, loss, max, iteration, false);
                        }
                        // A small gain where the linear model promised a large one is a step too long for the
                        // nonlinearity (the Blasius problem on [0, 6]: 99 % of the loss kept where the model foresaw
                        // 1e-6 of it; the solve used to end there): the next steps are damped, as Levenberg–Marquardt's.
                        lambda = POOR_GAIN_DAMPING;
                    }
                } else if (linear || max <= 100 * target || lambda == 0 && atRoundOff(b, max)) {
                    break; // at the round-off floor already: damping cannot do better
                } else {
                    lambda = lambda == 0 ? 1e-6 : lambda * 100;
                }
            }
            if (!accepted) {
                break;
            }
        }
        return new Result(b, loss, max, iteration, false);
    }

    /**
     * Whether the largest weighted residual {@code max} at β = {@code b} is within {@link #FLOOR_FACTOR} of the round-off
     * floor of the equations' terms there (as the march's defect test takes it): an undamped step that did not lower the
     * loss there is round-off, and damped ones cannot do better. (Each damped try is another factorization: the Pollution
     * problem's 20 species took 768 of 640 × 420 for 371 iterations, ~400 of them damped tries at the floor.)
     */
    private boolean atRoundOff(double[] b, double max) {
        double scale = model.maxResidualAndTermScale(parameters(b))[1];
        return max <= FLOOR_FACTOR * FeatureSegments.ROUND_OFF * scale;
    }

    /** ‖J δ + ρ‖² / ‖ρ‖² for the equilibrated J (columns divided by {@code norms}) and the step δ. */
    private double promisedShare(DMatrixRMaj jacobian, double[] norms, double[] step) {
        int m = jacobian.numRows;
        int n = jacobian.numCols;
        double[] scaled = new double[n];
        for (int j = 0; j < n; j++) {
            scaled[j] = step[j] == 0 ? 0 : step[j] * norms[j];
        }
        double left = 0;
        double before = 0;
        for (int i = 0; i < m; i++) {
            double v = rho[i];
            for (int j = 0; j < n; j++) {
                v += jacobian.data[i * n + j] * scaled[j];
            }
            left += v * v;
            before += rho[i] * rho[i];
        }
        return before > 0 ? left / before : 0;
    }

    /**
     * The largest weighted equation residual {@code w_e |R_e|} (|ρ_row| · √(E n) over the
     * equation rows) and penalty residual {@code |P_c|} (|ρ_row| · √C): a penalty condition
     * counts as much as the equations.
     */
    private double maxAbs(double[] r, int equationRows) {
        double worst = 0;
        double unscale = Math.sqrt((double) equationRows);
        double penaltyUnscale = model.penalties().isEmpty() ? 0 : 1 / model.penaltyFactor();
        for (int i = 0; i < r.length; i++) {
            double v = Math.abs(r[i]) * (i < equationRows ? unscale : penaltyUnscale);
            if (!(v <= worst)) {
                worst = v;
            }
        }
        return worst;
    }

    /** J at the last residual evaluation, row by row from the partials and A. */
    private void assemble(DMatrixRMaj jacobian) {
        Arrays.fill(jacobian.data, 0);
        int n = beta.length;
        int collocation = model.collocationCount();
        List<org.neuroform.compiler.Equation> equations = model.equations();
        for (int e = 0; e < equations.size(); e++) {
            List<Derivative> terms = equations.get(e).terms();
            double factor = model.rowFactor(e);
            for (int p = 0; p < collocation; p++) {
                int row = (e * collocation + p) * n;
                for (int t = 0; t < terms.size(); t++) {
                    Derivative d = terms.get(t);
                    double w = model.equationPartial(e, t, p) * factor;
                    if (w != 0) {
                        addRow(jacobian.data, row, w, d.unknown(), d.order(), p);
                    }
                }
            }
        }
        int base = equations.size() * collocation;
        List<org.neuroform.compiler.PenaltyCondition> penalties = model.penalties();
        for (int c = 0; c < penalties.size(); c++) {
            List<PointValue> terms = penalties.get(c).terms();
            for (int t = 0; t < terms.size(); t++) {
                PointValue pv = terms.get(t);
                double w = model.penaltyPartial(c, t) * model.penaltyFactor();
                if (w != 0) {
                    addRow(jacobian.data, (base + c) * n, w, pv.unknown(), pv.order(), model.pointIndex(pv.point()));
                }
            }
        }
    }

    private void addRow(double[] data, int row, double w, int u, int k, int p) {
        double[] source = a[u][k][p];
        int[] columns = localColumns[u];
        for (int i = 0; i < columns.length; i++) {
            data[row + columns[i]] += w * source[i];
        }
    }

    /** Scales J's columns to unit length (norms kept): rank decisions and damping then ignore how β happens to be scaled. */
    private static void equilibrate(DMatrixRMaj jacobian, double[] norms) {
        int m = jacobian.numRows;
        int n = jacobian.numCols;
        Arrays.fill(norms, 0);
        double[] data = jacobian.data;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double v = data[i * n + j];
                norms[j] += v * v;
            }
        }
        double largest = 0;
        for (int j = 0; j < n; j++) {
            norms[j] = Math.sqrt(norms[j]);
            largest = Math.max(largest, norms[j]);
        }
        for (int j = 0; j < n; j++) {
            if (!(norms[j] > VANISHING_COLUMN * largest)) {
                // A feature the trial form's corrections cancel (the output bias when a condition fixes the value):
                // zero but for round-off, which equilibration would blow up to a unit column, and its β with it
                // (f''' + f'' = 0 on [0, 10]: |β| = 1e15, answers quantised to 1/8).
                norms[j] = Double.POSITIVE_INFINITY;
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                data[i * n + j] /= norms[j];
            }
        }
    }

    /** δ minimising ‖J δ + ρ‖² + λ‖D δ‖² (J equilibrated, D its column norms), or null when the solver fails. */
    private double[] step(DMatrixRMaj jacobian, double[] norms, double lambda) {
        int m = jacobian.numRows;
        int n = jacobian.numCols;
        if (n >= SPARSE_COLUMNS && sparseWorthIt && sparse(jacobian)) {
            return sparseStep(jacobian, norms, lambda);
        }
        DMatrixRMaj matrix;
        DMatrixRMaj right;
        if (lambda == 0) {
            matrix = jacobian; // neither solver below modifies its input (copied if EJML's says it would)
            right = new DMatrixRMaj(m, 1);
            for (int i = 0; i < m; i++) {
                right.data[i] = -rho[i];
            }
        } else {
            matrix = new DMatrixRMaj(m + n, n);
            System.arraycopy(jacobian.data, 0, matrix.data, 0, m * n);
            double root = Math.sqrt(lambda);
            for (int j = 0; j < n; j++) {
                matrix.data[(m + j) * n + j] = root;
            }
            right = new DMatrixRMaj(m + n, 1);
            for (int i = 0; i < m; i++) {
                right.data[i] = -rho[i];
            }
        }
        release();
        if (n >= NATIVE_COLUMNS && narrow && DenseLeastSquares.nativeSolver().isPresent()) {
            // Large dense steps of many unknowns by LAPACK (its pivoting QR, 1.7-2.8x faster from here on;
            // bench/README.md). Not the wide solves of one unknown with hundreds of features, whose nearly
            // dependent columns EJML's pivoting truncates differently (Cash 10's whole-domain solve failed).
            double[] x = DenseLeastSquares.nativeSolver().get().solve(matrix.data, matrix.numRows, n, right.data);
            return x == null ? null : unscaled(new DMatrixRMaj(n, 1, true, x), norms);
        }
        LinearSolverDense<DMatrixRMaj> solver = spare != null ? spare : new PivotingQrSolver();
        spare = null;
        if (matrix == jacobian && solver.modifiesA()) {
            matrix = jacobian.copy();
        }
        if (!solver.setA(matrix)) {
            spare = solver;
            return null;
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        solver.solve(right, x);
        if (lambda == 0) {
            lastFactor = solver;
            lastNorms = norms.clone();
        } else {
            spare = solver;
        }
        return unscaled(x, norms);
    }

    /** Forgets the last undamped step's factorization; its solver is the next step's. */
    private void release() {
        if (lastFactor != null) {
            spare = lastFactor;
            lastFactor = null;
        }
    }

    /** The trial model the segment is solved on (its collocation points, equation weights and output scales). */
    TrialModel model() {
        return model;
    }

    private static boolean sparse(DMatrixRMaj jacobian) {
        long nonZero = 0;
        for (double v : jacobian.data) {
            if (v != 0) {
                nonZero++;
            }
        }
        return nonZero < SPARSE_DENSITY * jacobian.data.length;
    }

    /** The same step by sparse QR (EJML, fill-reducing column order), J stacked on {@code √(λ + μ) I}. */
    private double[] sparseStep(DMatrixRMaj jacobian, double[] norms, double lambda) {
        release();
        int m = jacobian.numRows;
        int n = jacobian.numCols;
        double diagonal = Math.sqrt(lambda + SPARSE_REGULARISATION * SPARSE_REGULARISATION);
        org.ejml.data.DMatrixSparseTriplet triplets = new org.ejml.data.DMatrixSparseTriplet(m + n, n, n * 8);
        double[] data = jacobian.data;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double v = data[i * n + j];
                if (v != 0) {
                    triplets.addItem(i, j, v);
                }
            }
        }
        for (int j = 0; j < n; j++) {
            triplets.addItem(m + j, j, diagonal);
        }
        org.ejml.data.DMatrixSparseCSC matrix = org.ejml.ops.DConvertMatrixStruct.convert(triplets, (org.ejml.data.DMatrixSparseCSC) null);
        org.ejml.interfaces.linsol.LinearSolverSparse<org.ejml.data.DMatrixSparseCSC, DMatrixRMaj> solver =
                org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC.qr(org.ejml.sparse.FillReducing.NONE);
        if (!solver.setA(matrix)) {
            return null;
        }
        DMatrixRMaj right = new DMatrixRMaj(m + n, 1);
        for (int i = 0; i < m; i++) {
            right.data[i] = -rho[i];
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        solver.solve(right, x);
        return unscaled(x, norms);
    }

    /** δ from the solution for the equilibrated J (divided by the column norms), or null when not finite. */
    private static double[] unscaled(DMatrixRMaj x, double[] norms) {
        double[] step = new double[norms.length];
        for (int j = 0; j < step.length; j++) {
            step[j] = x.data[j] / norms[j];
            if (!Double.isFinite(step[j])) {
                return null;
            }
        }
        return step;
    }
}
