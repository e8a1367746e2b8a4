package org.neuroform.runtime.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.train.FeatureSegments.SegmentResult;

/**
 * A boundary value problem over many segments solved jointly: multiple shooting (Keller; Ascher,
 * Mattheij &amp; Russell, ch. 4) whose segments are the march's own least-squares segments.
 *
 * <p>Each segment {@code [x_i, x_{i+1}]} carries the initial-value trial form of the march, whose
 * conditions {@code u^(k)(x_i) = s_i} (k &lt; m_u) hold exactly for any weights; its output weights
 * are solved for the given state {@code s_i} as when marching. The states are the unknowns of a
 * small outer system: continuity {@code u^(k)(x_{i+1}⁻) = s_{i+1}} between neighbours and the
 * problem's own linear conditions, wherever their points lie. Newton's method solves it, with the
 * segments' sensitivities {@code ∂(end values)/∂s_i} by differences of warm-started segment solves
 * (exact for a linear equation, whose segment solution is affine in its start). Segments whose
 * defect is above the tolerance are halved and the outer system solved again, so that a boundary
 * layer of width 1e−4 gets segments of that size and the rest of the domain keeps long ones.
 *
 * <p>What one segment on the whole domain cannot do and this can: a layer far thinner than the
 * domain ({@code 1e-4*y'' + y' = 1}), solutions made of modes growing and decaying like
 * {@code e^{±20x}} over [0, 10], a long oscillating domain. The outer system is dense (its size is
 * the segment count times the total order), so the segment count is bounded.
 */
final class JointSegments {
    /**
     * Solves the segment from {@code position} to {@code end} (either side) whose values u^(k), k &lt; m_u,
     * at {@code position} are {@code start}; {@code warm} is a previous solve's parameters to start from, or null.
     * The output scales and equation weights come from {@code frame}'s values instead: within one Newton solve
     * they stay put, so that a segment's solution stays affine in its start for a linear equation (the
     * least-squares solution of a nearly rank-deficient feature matrix depends on the columns' scaling).
     */
    interface SegmentSolver {
        SegmentResult solve(double position, double end, double[][] start, double[] warm, double[][] frame);
    }

    /** The segments, whether every one is within its tolerance, the worst defect ratio, and what happened. */
    record Result(List<Segment> segments, boolean valid, double worstRatio, double worstLoss, String note) {}

    /** The longest segment of the first mesh is this share of the domain. */
    static final int INITIAL_SEGMENTS = 8;
    /** The most segments the march for the first mesh may make. */
    static final int MAX_PASS = 400;
    /** The march for the first mesh accepts a segment above its tolerance at this share of the domain. */
    static final double SHORTEST_PASS = 1e-9;
    /** Rounds of halving the segments above their tolerance. */
    static final int MAX_ROUNDS = 30;
    /** Newton iterations per round. */
    static final int MAX_NEWTON = 16;
    /** The outer system's unknowns (segments × total order) above which no more segments are made. */
    static final int MAX_UNKNOWNS = 2400;
    /** Segments whose defect ratio is within this share of the worst one are halved in a round. */
    static final double SPLIT_SHARE = 1e-2;
    /** Relative difference step of the sensitivities (a linear problem's are exact for any step). */
    static final double DIFFERENCE = 1e-6;
    /** The outer system's scaled residual at which Newton has converged, at the least. */
    static final double CONVERGED = 1e-14;
    /** A march for the first mesh whose values grow this much over the guess's and conditions' is following a growing mode. */
    static final double PASS_GROWTH = 1e6;

    private static final boolean DEBUG = System.getenv("NEUROFORM_TRACE") != null;

    private final CompiledProblem problem;
    private final int[] orders;
    private final int[] offsets; // of unknown u's values in a state vector
    private final int stateSize;
    private final List<LinearCondition> conditions;
    private final SegmentSolver solver;
    private final BooleanSupplier stopped;
    private final double target;
    private final double enough;

    /**
     * {@code tolerance}: the segments' defect tolerance; Newton aims at continuity and conditions within a tenth of
     * it and is content, where round-off stops it, with {@code 1e-3 accuracy} (a jump between segments a
     * thousandth of the accuracy aimed at).
     */
    JointSegments(CompiledProblem problem, SegmentSolver solver, double tolerance, double accuracy,
            BooleanSupplier stopped) {
        this.problem = problem;
        this.target = Math.max(CONVERGED, 0.1 * tolerance);
        this.enough = Math.max(target, 1e-3 * accuracy);
        this.orders = problem.orders();
        this.offsets = new int[orders.length];
        int size = 0;
        for (int u = 0; u < orders.length; u++) {
            offsets[u] = size;
            size += orders[u];
        }
        this.stateSize = size;
        this.conditions = problem.trial().conditions();
        this.solver = solver;
        this.stopped = stopped;
    }

    /** Whether the problem suits: linear conditions only, as many as its total order, every point in the domain. */
    static boolean applicable(CompiledProblem problem) {
        int total = Arrays.stream(problem.orders()).sum();
        if (total == 0 || !problem.penalties().isEmpty() || problem.trial().conditions().size() != total) {
            return false;
        }
        for (LinearCondition condition : problem.trial().conditions()) {
            for (ConditionTerm term : condition.terms()) {
                if (!problem.domain().contains(term.point())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Solves from a first mesh marched over the domain ({@link #passMesh}) or, when neither direction
     * gets through (or {@code fixed}), from {@code count} equal segments whose start states are
     * {@code guess}'s (u^(k)(x) as [u][k], k ≤ m_u: the one-segment solution); then halves segments
     * above their tolerance unless {@code fixed}.
     */
    Result solve(int count, DoubleFunction<double[][]> guess, boolean fixed) {
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        Mesh mesh = fixed ? null : passMesh(guess);
        List<Double> nodes;
        List<double[]> states;
        if (mesh != null) {
            nodes = mesh.nodes;
            states = mesh.states;
        } else {
            nodes = new ArrayList<>();
            for (int i = 0; i <= count; i++) {
                nodes.add(i == count ? upper : lower + (upper - lower) * i / count);
            }
            states = new ArrayList<>();
            for (int i = 0; i + 1 < nodes.size(); i++) {
                states.add(state(guess.apply(nodes.get(i))));
            }
        }
        return run(nodes, states, fixed);
    }

    /** The same on the given nodes, from the guess's states there, without halving (the check that the solution is determined). */
    Result solveOn(List<Double> nodes, DoubleFunction<double[][]> guess) {
        List<double[]> states = new ArrayList<>();
        for (int i = 0; i + 1 < nodes.size(); i++) {
            states.add(state(guess.apply(nodes.get(i))));
        }
        return run(new ArrayList<>(nodes), states, true);
    }

    private Result run(List<Double> nodes, List<double[]> states, boolean fixed) {
        double upper = problem.domain().upper();
        List<SegmentResult> results = null;
        String note = null;
        for (int round = 0; round < MAX_ROUNDS && !stopped.getAsBoolean(); round++) {
            Outer outer = newton(nodes, states, results);
            results = outer.results;
            if (!outer.converged) {
                note = "the segments' joint system did not converge (scaled residual " + format(outer.residual) + ")";
            } else {
                note = null;
            }
            // Only the worst segments are halved: a layer resolved badly spoils the start states downstream (their
            // segments begin with a derivative off the smooth solution's) and they recover once it is resolved.
            double worst = 0;
            for (SegmentResult result : results) {
                worst = Math.max(worst, result.valid() ? 0 : result.ratio());
            }
            List<Integer> split = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                SegmentResult result = results.get(i);
                if (!result.valid() && !(result.ratio() < SPLIT_SHARE * worst)) {
                    split.add(i);
                }
            }
            if (DEBUG) {
                System.err.printf(Locale.ROOT, "joint round %d: %d segments, %d to halve, outer residual %.3g%n",
                        round, results.size(), split.size(), outer.residual);
            }
            if (split.isEmpty() || fixed || (results.size() + split.size()) * stateSize > MAX_UNKNOWNS || stopped.getAsBoolean()) {
                break;
            }
            List<Double> newNodes = new ArrayList<>();
            List<double[]> newStates = new ArrayList<>();
            List<SegmentResult> kept = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                newNodes.add(nodes.get(i));
                newStates.add(states.get(i));
                kept.add(results.get(i));
                if (split.contains(i)) {
                    double middle = 0.5 * (nodes.get(i) + nodes.get(i + 1));
                    newNodes.add(middle);
                    newStates.add(state(MarchingConditions.endValues(results.get(i).segment(), orders, middle)));
                    kept.set(kept.size() - 1, null);
                    kept.add(null);
                }
            }
            newNodes.add(upper);
            nodes = newNodes;
            states = newStates;
            results = kept;
        }
        if (results == null) {
            return new Result(List.of(), false, Double.POSITIVE_INFINITY, Double.NaN, null); // stopped before a solve
        }
        List<Segment> segments = new ArrayList<>();
        boolean valid = note == null;
        double worstRatio = 0;
        double worstLoss = 0;
        for (SegmentResult result : results) {
            segments.add(result.segment());
            valid &= result.valid();
            if (!(result.ratio() <= worstRatio)) {
                worstRatio = result.ratio();
            }
            if (!(result.loss() <= worstLoss)) {
                worstLoss = result.loss();
            }
        }
        return new Result(segments, valid, worstRatio, worstLoss, note);
    }

    /**
     * A first mesh from a march over the domain, in the direction where it gets through with fewer
     * segments: from the guess's state at one end, each segment halved until its defect is within the
     * tolerance (to a shortest length), the next one up to twice as long. A layer where the march's
     * direction damps it gets segments of its width; where a mode grows in that direction the march
     * overflows or needs too many segments and the other direction (or equal segments) is taken.
     */
    /** Nodes and the start states of the segments between them. */
    private record Mesh(List<Double> nodes, List<double[]> states) {}

    private Mesh passMesh(DoubleFunction<double[][]> guess) {
        Mesh best = null;
        for (int direction : new int[] {1, -1}) {
            Mesh mesh = pass(guess, direction, best == null ? MAX_PASS : best.states.size());
            if (DEBUG) {
                System.err.println("joint mesh marching " + (direction > 0 ? "forwards" : "backwards") + ": "
                        + (mesh == null ? "none" : mesh.states.size() + " segments"));
            }
            if (mesh != null && (best == null || mesh.states.size() < best.states.size())) {
                best = mesh;
            }
        }
        return best;
    }

    private Mesh pass(DoubleFunction<double[][]> guess, int direction, int most) {
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        double length = upper - lower;
        double position = direction > 0 ? lower : upper;
        double end = direction > 0 ? upper : lower;
        double[][] start = guess.apply(position);
        double bound = 1;
        for (int i = 0; i <= 16; i++) {
            double[][] v = guess.apply(lower + length * i / 16);
            for (int u = 0; u < orders.length; u++) {
                bound = Math.max(bound, orders[u] > 0 ? Math.abs(v[u][0]) : 0);
            }
        }
        for (LinearCondition condition : conditions) {
            bound = Math.max(bound, Math.abs(condition.value()));
        }
        bound *= PASS_GROWTH;
        List<Double> nodes = new ArrayList<>(List.of(position));
        List<SegmentResult> kept = new ArrayList<>();
        double step = length / INITIAL_SEGMENTS;
        while (Math.abs(end - position) > 1e-12 * length) {
            if (kept.size() >= most || stopped.getAsBoolean()) {
                return null;
            }
            double h = Math.min(step, Math.abs(end - position));
            if (Math.abs(end - position) - h < 0.05 * h) {
                h = Math.abs(end - position);
            }
            double next = Math.abs(end - position) == h ? end : position + direction * h;
            SegmentResult result = solver.solve(position, next, values(state(start)), null, values(state(start)));
            if (!result.valid() && h > SHORTEST_PASS * length) {
                step = h * (Double.isFinite(result.ratio()) ? Math.max(0.1, Math.min(0.5, 0.9 * Math.pow(result.ratio(), -0.2))) : 0.1);
                continue;
            }
            start = MarchingConditions.endValues(result.segment(), orders, next);
            if (!MarchingConditions.finite(start)) {
                return null;
            }
            for (int u = 0; u < orders.length; u++) {
                if (orders[u] > 0 && !(Math.abs(start[u][0]) <= bound)) {
                    return null;
                }
            }
            position = next;
            nodes.add(position);
            kept.add(result);
            step = Math.min(2 * h, length / INITIAL_SEGMENTS);
        }
        nodes.set(nodes.size() - 1, end);
        List<double[]> states = new ArrayList<>();
        if (direction > 0) {
            for (int i = 0; i + 1 < nodes.size(); i++) {
                states.add(state(MarchingConditions.endValues(kept.get(i).segment(), orders, nodes.get(i))));
            }
            return new Mesh(nodes, states);
        }
        // Marched from the upper end: the segments start on their left, at the march's values there.
        Collections.reverse(nodes);
        Collections.reverse(kept);
        for (int i = 0; i + 1 < nodes.size(); i++) {
            states.add(state(MarchingConditions.endValues(kept.get(i).segment(), orders, nodes.get(i))));
        }
        return new Mesh(nodes, states);
    }

    private record Outer(List<SegmentResult> results, boolean converged, double residual) {}

    /** Newton on the states (changed in place); {@code previous} holds segments to warm-start from (entries may be null). */
    private Outer newton(List<Double> nodes, List<double[]> states, List<SegmentResult> previous) {
        int segments = states.size();
        int unknowns = segments * stateSize;
        List<double[]> frames = new ArrayList<>(states);
        List<SegmentResult> results = solveAll(nodes, states, previous, frames);
        double[] scales = componentScales(states);
        double[] residual = residual(nodes, states, results, scales);
        double size = norm(residual);
        for (int iteration = 0; iteration < MAX_NEWTON && !stopped.getAsBoolean(); iteration++) {
            if (iteration > 0) {
                // The states' sizes after a step (a first state far off shrinks to the solution's).
                scales = componentScales(states);
                residual = residual(nodes, states, results, scales);
                size = norm(residual);
            }
            if (!(size > target)) {
                return new Outer(results, size <= enough, size);
            }
            DMatrixRMaj jacobian = jacobian(nodes, states, results, scales, frames);
            DMatrixRMaj b = new DMatrixRMaj(residual.length, 1);
            for (int r = 0; r < residual.length; r++) {
                b.set(r, 0, -residual[r]);
            }
            LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
            if (!qr.setA(jacobian)) {
                break;
            }
            DMatrixRMaj step = new DMatrixRMaj(unknowns, 1);
            qr.solve(b, step);
            // Damped: the full step first, halved while the residual grows (a nonlinear problem far from its solution).
            boolean improved = false;
            for (double lambda = 1; lambda >= 1.0 / 64 && !stopped.getAsBoolean(); lambda /= 2) {
                List<double[]> trial = new ArrayList<>();
                for (int i = 0; i < segments; i++) {
                    double[] s = states.get(i).clone();
                    for (int j = 0; j < stateSize; j++) {
                        s[j] += lambda * step.get(i * stateSize + j) * scales[j];
                    }
                    trial.add(s);
                }
                List<SegmentResult> trialResults = solveAll(nodes, trial, results, frames);
                double[] trialResidual = residual(nodes, trial, trialResults, scales);
                double trialSize = norm(trialResidual);
                if (trialSize < size) {
                    for (int i = 0; i < segments; i++) {
                        states.set(i, trial.get(i));
                    }
                    results = trialResults;
                    residual = trialResidual;
                    size = trialSize;
                    improved = true;
                    break;
                }
            }
            if (!improved) {
                break;
            }
        }
        return new Outer(results, size <= enough, size);
    }

    private List<SegmentResult> solveAll(List<Double> nodes, List<double[]> states, List<SegmentResult> warm, List<double[]> frames) {
        List<SegmentResult> results = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            SegmentResult start = warm == null ? null : warm.get(i);
            results.add(solver.solve(nodes.get(i), nodes.get(i + 1), values(states.get(i)),
                    start == null ? null : start.segment().parameters(), values(frames.get(i))));
        }
        return results;
    }

    /** Continuity rows for segments 0..S−2, then one row per condition; each scaled. */
    private double[] residual(List<Double> nodes, List<double[]> states, List<SegmentResult> results, double[] scales) {
        int segments = states.size();
        double[] residual = new double[(segments - 1) * stateSize + conditions.size()];
        for (int i = 0; i + 1 < segments; i++) {
            double[] end = state(MarchingConditions.endValues(results.get(i).segment(), orders, nodes.get(i + 1)));
            double[] next = states.get(i + 1);
            for (int j = 0; j < stateSize; j++) {
                residual[i * stateSize + j] = (end[j] - next[j]) / scales[j];
            }
        }
        int row = (segments - 1) * stateSize;
        for (LinearCondition condition : conditions) {
            double sum = -condition.value();
            for (ConditionTerm term : condition.terms()) {
                sum += term.coefficient() * value(nodes, states, results, term);
            }
            residual[row++] = sum / conditionScale(condition);
        }
        return residual;
    }

    private DMatrixRMaj jacobian(List<Double> nodes, List<double[]> states, List<SegmentResult> results, double[] scales,
            List<double[]> frames) {
        int segments = states.size();
        int rows = (segments - 1) * stateSize + conditions.size();
        DMatrixRMaj jacobian = new DMatrixRMaj(rows, segments * stateSize);
        for (int i = 0; i + 1 < segments; i++) {
            for (int j = 0; j < stateSize; j++) {
                jacobian.set(i * stateSize + j, (i + 1) * stateSize + j, -1);
            }
        }
        for (int i = 0; i < segments; i++) {
            // The points where this segment's values enter: its right end (continuity), the conditions' points in it.
            List<double[]> base = new ArrayList<>();
            double[] points = pointsOf(i, nodes, segments);
            for (double p : points) {
                base.add(flat(MarchingConditions.endValues(results.get(i).segment(), orders, p)));
            }
            double[] s = states.get(i);
            for (int j = 0; j < stateSize; j++) {
                double delta = DIFFERENCE * Math.max(Math.abs(s[j]), scales[j]);
                double[] moved = s.clone();
                moved[j] += delta;
                SegmentResult perturbed = solver.solve(nodes.get(i), nodes.get(i + 1), values(moved), results.get(i).segment().parameters(),
                        values(frames.get(i)));
                double[] change = new double[points.length * flatSize()];
                for (int p = 0; p < points.length; p++) {
                    double[] v = flat(MarchingConditions.endValues(perturbed.segment(), orders, points[p]));
                    for (int c = 0; c < v.length; c++) {
                        change[p * flatSize() + c] = (v[c] - base.get(p)[c]) / delta;
                    }
                }
                // Continuity: the right end is points[0] for every segment but the last.
                if (i + 1 < segments) {
                    for (int k = 0; k < stateSize; k++) {
                        jacobian.set(i * stateSize + k, i * stateSize + j, change[flatIndex(k)] * scales[j] / scales[k]);
                    }
                }
                int row = (segments - 1) * stateSize;
                for (LinearCondition condition : conditions) {
                    double sum = 0;
                    for (ConditionTerm term : condition.terms()) {
                        if (segmentOf(nodes, term.point()) == i && !atNode(nodes, term)) {
                            int p = indexOf(points, term.point());
                            sum += term.coefficient() * change[p * flatSize() + flatOffset(term.unknown()) + term.order()];
                        }
                    }
                    jacobian.add(row++, i * stateSize + j, sum * scales[j] / conditionScale(condition));
                }
            }
        }
        int row = (segments - 1) * stateSize;
        for (LinearCondition condition : conditions) {
            for (ConditionTerm term : condition.terms()) {
                if (atNode(nodes, term)) {
                    int i = segmentOf(nodes, term.point());
                    int column = i * stateSize + offsets[term.unknown()] + term.order();
                    jacobian.add(row, column, term.coefficient() * scales[column % stateSize] / conditionScale(condition));
                }
            }
            row++;
        }
        return jacobian;
    }

    /** The segment's right end (all but the last segment) and the points of conditions evaluated inside it. */
    private double[] pointsOf(int i, List<Double> nodes, int segments) {
        List<Double> points = new ArrayList<>();
        if (i + 1 < segments) {
            points.add(nodes.get(i + 1));
        }
        for (LinearCondition condition : conditions) {
            for (ConditionTerm term : condition.terms()) {
                if (segmentOf(nodes, term.point()) == i && !atNode(nodes, term) && !points.contains(term.point())) {
                    points.add(term.point());
                }
            }
        }
        return points.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** u^(k)(p) for a condition's term: the state itself at a segment's start, otherwise the segment's value. */
    private double value(List<Double> nodes, List<double[]> states, List<SegmentResult> results, ConditionTerm term) {
        int i = segmentOf(nodes, term.point());
        if (atNode(nodes, term)) {
            return states.get(i)[offsets[term.unknown()] + term.order()];
        }
        return MarchingConditions.endValues(results.get(i).segment(), orders, term.point())[term.unknown()][term.order()];
    }

    /** The segment whose closed interval holds p: the one starting there, the last one at the upper end. */
    private static int segmentOf(List<Double> nodes, double p) {
        int segments = nodes.size() - 1;
        for (int i = 0; i < segments; i++) {
            if (p < nodes.get(i + 1)) {
                return i;
            }
        }
        return segments - 1;
    }

    /** A term that is one of a segment's start values (a value or derivative below the order, at its start). */
    private boolean atNode(List<Double> nodes, ConditionTerm term) {
        int i = segmentOf(nodes, term.point());
        return term.point() == nodes.get(i) && term.order() < orders[term.unknown()];
    }

    private static int indexOf(double[] points, double p) {
        for (int i = 0; i < points.length; i++) {
            if (points[i] == p) {
                return i;
            }
        }
        throw new IllegalStateException("no point " + p);
    }

    /**
     * A condition's residual is measured against max(1, |value|) times its largest coefficient, as the
     * answers' errors are (not against the states' size: a march that followed a growing mode from a
     * poor start would make that huge and the condition look satisfied).
     */
    private static double conditionScale(LinearCondition condition) {
        double coefficient = 0;
        for (ConditionTerm term : condition.terms()) {
            coefficient = Math.max(coefficient, Math.abs(term.coefficient()));
        }
        return Math.max(1, Math.abs(condition.value())) * (coefficient > 0 ? coefficient : 1);
    }

    /** Each state component's size over the nodes (1e−300 at least, so that a zero component divides). */
    private double[] componentScales(List<double[]> states) {
        double[] scales = new double[stateSize];
        for (double[] s : states) {
            for (int j = 0; j < stateSize; j++) {
                scales[j] = Math.max(scales[j], Math.abs(s[j]));
            }
        }
        for (int j = 0; j < stateSize; j++) {
            if (!(scales[j] > 0) || !Double.isFinite(scales[j])) {
                scales[j] = 1;
            }
        }
        return scales;
    }

    private static double norm(double[] v) {
        double worst = 0;
        for (double x : v) {
            if (!(Math.abs(x) <= worst)) {
                worst = Math.abs(x);
            }
        }
        return worst;
    }

    /** The state vector (u^(k), k &lt; m_u, unknown after unknown) of values [u][k]. */
    private double[] state(double[][] values) {
        double[] s = new double[stateSize];
        for (int u = 0; u < orders.length; u++) {
            System.arraycopy(values[u], 0, s, offsets[u], orders[u]);
        }
        return s;
    }

    private double[][] values(double[] state) {
        double[][] values = new double[orders.length][];
        for (int u = 0; u < orders.length; u++) {
            values[u] = Arrays.copyOfRange(state, offsets[u], offsets[u] + orders[u]);
        }
        return values;
    }

    /** All of u^(k), k ≤ m_u, flattened (the conditions may name the highest derivative). */
    private double[] flat(double[][] values) {
        double[] f = new double[flatSize()];
        for (int u = 0; u < orders.length; u++) {
            System.arraycopy(values[u], 0, f, flatOffset(u), orders[u] + 1);
        }
        return f;
    }

    private int flatSize() {
        return stateSize + orders.length;
    }

    private int flatOffset(int u) {
        return offsets[u] + u;
    }

    /** The flat index of state component k. */
    private int flatIndex(int k) {
        int u = 0;
        while (u + 1 < orders.length && offsets[u + 1] <= k) {
            u++;
        }
        return k + u;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
