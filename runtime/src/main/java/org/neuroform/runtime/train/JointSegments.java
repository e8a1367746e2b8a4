package org.neuroform.runtime.train;

import org.neuroform.runtime.reference.Breakpoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleFunction;
import org.ejml.data.DMatrixRMaj;
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
 * conditions {@code u^(k) = s} (k &lt; m_u) hold exactly for any weights at one of its ends — the one
 * its fastest mode decays away from ({@link #directions}); its output weights are solved for the
 * state given there as when marching. The states at every node are the unknowns of a small outer
 * system: each segment's values at its other end equal that node's state (continuity), and the
 * problem's own linear conditions hold wherever their points lie. Newton's method solves it, with
 * the segments' sensitivities by differences of segment solves (exact for a linear equation, whose
 * segment solution is affine in its start). Segments whose defect is above the tolerance are halved
 * and the outer system solved again, so that a boundary layer of width 1e−4 gets segments of that
 * size and the rest of the domain keeps long ones.
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
    /** The shortest segment halved, relative to the domain's length (a thousand times double precision's resolution). */
    static final double SHORTEST_SPLIT = 1e-12;
    /**
     * Rounds in a row without Newton converging after which a nonlinear problem's solve gives up, once it has
     * four times its first count of segments (Troesch at λ = 10 from one seed's one-segment solution halved its
     * way to 1000 segments; from zero it takes 19; from other seeds' it converges after 4 to 8 such rounds).
     */
    static final int MAX_FAILED_ROUNDS = 4;
    /** Newton iterations per round. */
    static final int MAX_NEWTON = 16;
    /** The outer system's unknowns (segments × total order) above which no more segments are made. */
    static final int MAX_UNKNOWNS = 2400;
    /** A segment amplifying its start state more than this is halved when Newton stops short. */
    static final double GROWTH_SPLIT = 1e4;
    /** Segments whose defect ratio is within this share of the worst one are halved in a round. */
    static final double SPLIT_SHARE = 1e-2;
    /**
     * Relative difference step of the sensitivities of a nonlinear equation's segments. A linear one's are
     * exact for any step (its segment solution is affine in its start), and a step of {@link #LINEAR_DIFFERENCE}
     * keeps the round-off of the segments' values out of them: with 1e−6, Newton stalled at 2e−8 on a
     * turning point ({@code 1e-3*y'' + x*y' - y/2 = 0}).
     */
    static final double DIFFERENCE = 1e-6;
    static final double LINEAR_DIFFERENCE = 1e-2;
    /** The outer system's scaled residual at which Newton has converged, at the least. */
    static final double CONVERGED = 1e-14;
    /** States whose values grow this much over the guess's and the conditions' follow a growing mode, or diverge. */
    static final double PASS_GROWTH = 1e6;

    private static final boolean DEBUG = System.getenv("NEUROFORM_TRACE") != null;

    private final CompiledProblem problem;
    private final int[] orders;
    private final int[] offsets; // of unknown u's values in a state vector
    private final int stateSize;
    private final List<LinearCondition> conditions;
    private final SegmentSolver solver;
    /** Where the equations jump (heav(x - 0.3)): the first mesh has nodes there. */
    private final Breakpoints breakpoints;
    private final BooleanSupplier stopped;
    private final double target;
    private final double enough;
    /**
     * Whether the equations are linear: then every segment is solved from β = 0, never warm. Its least-squares
     * solution is then one fixed linear map of its start; from a warm β the part of β the collocation points
     * do not see (a nearly rank-deficient feature matrix) would carry over, and the values at the segment's
     * end — outside its points — would depend on the history (Newton stalled at 4e−8 on a turning point).
     */
    private final boolean linear;

    /** Whether the equations are linear (then the start does not matter). */
    boolean linear() {
        return linear;
    }
    /** Per segment, the largest scaled entry of its continuity block in the last Jacobian: how much it amplifies its start. */
    private final List<Double> growth = new ArrayList<>();
    private final double difference;
    /**
     * The largest value a state may take: 1e6 times the guess's and the conditions' values. A march for the first
     * mesh beyond it is following a growing mode; a Newton step beyond it is diverging.
     */
    private double bound = Double.POSITIVE_INFINITY;

    /**
     * {@code tolerance}: the segments' defect tolerance; Newton aims at continuity and conditions within a tenth of
     * it and is content, where round-off stops it, with {@code 1e-3 accuracy} (a jump between segments a
     * thousandth of the accuracy aimed at).
     */
    JointSegments(CompiledProblem problem, SegmentSolver solver, double tolerance, double accuracy,
            BooleanSupplier stopped) {
        this.problem = problem;
        this.breakpoints = Breakpoints.of(problem);
        this.target = Math.max(CONVERGED, 0.1 * tolerance);
        this.enough = Math.max(target, 1e-3 * accuracy);
        this.linear = FeatureLeastSquares.isLinear(problem.equations(), List.of());
        this.difference = linear ? LINEAR_DIFFERENCE : DIFFERENCE;
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
        bound = 1;
        for (int i = 0; i <= 16; i++) {
            double[][] v = guess.apply(lower + (upper - lower) * i / 16);
            for (int u = 0; u < orders.length; u++) {
                bound = Math.max(bound, orders[u] > 0 ? Math.abs(v[u][0]) : 0);
            }
        }
        for (LinearCondition condition : conditions) {
            bound = Math.max(bound, Math.abs(condition.value()));
        }
        bound *= PASS_GROWTH;
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
            for (double x : nodes) {
                states.add(state(guess.apply(x)));
            }
        }
        return run(nodes, states, fixed);
    }

    private Result run(List<Double> nodes, List<double[]> states, boolean fixed) {
        double upper = problem.domain().upper();
        List<SegmentResult> results = null;
        String note = null;
        double previous = Double.POSITIVE_INFINITY; // the outer residual of the round before
        int failures = 0; // rounds in a row whose Newton did not converge
        int initialCount = nodes.size() - 1;
        for (int round = 0; round < MAX_ROUNDS && !stopped.getAsBoolean(); round++) {
            Outer outer = newton(nodes, states, results);
            results = outer.results;
            if (!outer.converged) {
                note = "the segments' joint system did not converge (scaled residual " + format(outer.residual) + ")";
                failures++;
            } else {
                note = null;
                failures = 0;
            }
            if (!linear && failures >= MAX_FAILED_ROUNDS && results.size() > 4 * initialCount) {
                break; // a nonlinear problem's Newton lost from this start, halving wholesale: the caller may try another
            }
            // When Newton stopped short, the segments that amplify their start most (a mode growing e^200-fold across
            // one: a turning point's) are halved first, as multiple shooting bounds the growth over a shooting interval:
            // their sensitivities are what Newton could not use, and the defects of the others follow from the states.
            List<Integer> split = new ArrayList<>();
            if (!outer.converged && growth.size() == results.size()) {
                double most = growth.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                for (int i = 0; i < results.size() && most > GROWTH_SPLIT; i++) {
                    if (!(growth.get(i) < SPLIT_SHARE * most) && growth.get(i) > GROWTH_SPLIT) {
                        split.add(i);
                    }
                }
            }
            if (split.isEmpty()) {
                // Only the worst segments are halved: a layer resolved badly spoils the start states downstream (their
                // segments begin with a derivative off the smooth solution's) and they recover once it is resolved.
                double worst = 0;
                for (SegmentResult result : results) {
                    worst = Math.max(worst, result.valid() ? 0 : ratio(result));
                }
                for (int i = 0; i < results.size(); i++) {
                    SegmentResult result = results.get(i);
                    if (!result.valid() && !(ratio(result) < SPLIT_SHARE * worst)) {
                        split.add(i);
                    }
                }
            }
            if (DEBUG) {
                System.err.printf(Locale.ROOT, "joint round %d: %d segments, %d to halve, outer residual %.3g%n",
                        round, results.size(), split.size(), outer.residual);
            }
            // A segment shorter than SHORTEST_SPLIT of the domain is not halved again: at a jump of the equations (heav)
            // the defect of the segment across it never falls, and halving went on to segments of one ulp and then none.
            double domainLength = upper - problem.domain().lower();
            final List<Double> at = nodes;
            split.removeIf(i -> at.get(i + 1) - at.get(i) < SHORTEST_SPLIT * domainLength);
            if ((split.isEmpty() || fixed) && !outer.converged && outer.residual < 0.5 * previous && !stopped.getAsBoolean()) {
                // Nothing to halve (or halving not asked for) but Newton stopped short while still gaining: again from
                // here, the segments' scales from these states (the round's first states were further off).
                previous = outer.residual;
                continue;
            }
            previous = outer.residual;
            if (split.isEmpty() || fixed || round + 1 == MAX_ROUNDS || (results.size() + split.size()) * stateSize > MAX_UNKNOWNS
                    || stopped.getAsBoolean()) {
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
            newStates.add(states.get(states.size() - 1));
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
            worstRatio = Math.max(worstRatio, ratio(result));
            worstLoss = Double.isNaN(worstLoss) || Double.isNaN(result.loss()) ? Double.NaN : Math.max(worstLoss, result.loss());
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
    private Mesh passMesh(DoubleFunction<double[][]> guess) {
        Mesh best = null;
        for (int direction : new int[] {1, -1}) {
            Mesh mesh = pass(guess, direction, best == null ? MAX_PASS : best.states.size() - 1);
            if (DEBUG) {
                System.err.println("joint mesh marching " + (direction > 0 ? "forwards" : "backwards") + ": "
                        + (mesh == null ? "none" : mesh.states.size() - 1 + " segments"));
            }
            if (mesh != null && (best == null || mesh.states.size() < best.states.size())) {
                best = mesh;
            }
        }
        return best;
    }

    /** Nodes and the states at them. */
    private record Mesh(List<Double> nodes, List<double[]> states) {}

    /** The march for the first mesh in one direction, at most {@code most} segments; null when it does not get through. */
    private Mesh pass(DoubleFunction<double[][]> guess, int direction, int most) {
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        double length = upper - lower;
        double position = direction > 0 ? lower : upper;
        double end = direction > 0 ? upper : lower;
        double[][] start = guess.apply(position);
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
            double toBreak = breakpoints.ahead(position, direction);
            double next;
            if (toBreak <= h) {
                h = toBreak; // a segment across a jump of the equations never meets its tolerance: it ends there
                next = breakpoints.snap(position + direction * h);
            } else {
                next = Math.abs(end - position) == h ? end : position + direction * h;
            }
            double[][] given = values(state(start)); // u^(k), k < m_u: the highest derivative is not a condition
            SegmentResult result = solver.solve(position, next, given, null, given);
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
        if (direction < 0) {
            Collections.reverse(nodes);
            Collections.reverse(kept);
        }
        // The march's values at every node: each segment's at its left end, the last one's at the upper end.
        List<double[]> states = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Segment segment = kept.get(Math.min(i, kept.size() - 1)).segment();
            states.add(state(MarchingConditions.endValues(segment, orders, nodes.get(i))));
        }
        return new Mesh(nodes, states);
    }

    private record Outer(List<SegmentResult> results, boolean converged, double residual) {}

    /**
     * Newton on the node states (changed in place); {@code previous} holds segments to warm-start from
     * (entries may be null). Each segment's direction comes from its modes at the round's first states.
     */
    private Outer newton(List<Double> nodes, List<double[]> states, List<SegmentResult> previous) {
        int unknowns = states.size() * stateSize;
        List<double[]> frames = new ArrayList<>(states);
        int[] directions = directions(nodes, states);
        List<SegmentResult> results = solveAll(nodes, states, previous, frames, directions);
        double[] scales = componentScales(states);
        double[] residual = residual(nodes, states, results, scales, directions);
        double size = norm(residual);
        for (int iteration = 0; iteration < MAX_NEWTON && !stopped.getAsBoolean(); iteration++) {
            if (iteration > 0) {
                // The states' sizes after a step (a first state far off shrinks to the solution's).
                scales = componentScales(states);
                residual = residual(nodes, states, results, scales, directions);
                size = norm(residual);
            }
            if (!(size > target)) {
                return new Outer(results, size <= enough, size);
            }
            DMatrixRMaj jacobian = jacobian(nodes, states, results, scales, frames, directions);
            DMatrixRMaj b = new DMatrixRMaj(residual.length, 1);
            for (int r = 0; r < residual.length; r++) {
                b.set(r, 0, -residual[r]);
            }
            LinearSolverDense<DMatrixRMaj> qr = new PivotingQrSolver();
            if (!qr.setA(jacobian)) {
                break;
            }
            DMatrixRMaj step = new DMatrixRMaj(unknowns, 1);
            qr.solve(b, step);
            // Damped: the full step first, halved while the residual grows (a nonlinear problem far from its solution).
            boolean improved = false;
            for (double lambda = 1; lambda >= 1.0 / 64 && !stopped.getAsBoolean(); lambda /= 2) {
                List<double[]> trial = new ArrayList<>();
                for (int i = 0; i < states.size(); i++) {
                    double[] s = states.get(i).clone();
                    for (int j = 0; j < stateSize; j++) {
                        s[j] += lambda * step.get(i * stateSize + j) * scales[j];
                    }
                    trial.add(s);
                }
                List<SegmentResult> trialResults = solveAll(nodes, trial, results, frames, directions);
                double[] trialResidual = residual(nodes, trial, trialResults, scales, directions);
                double trialSize = norm(trialResidual);
                if (trialSize < size && within(trial)) {
                    for (int i = 0; i < states.size(); i++) {
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

    /**
     * Each segment's direction: +1 when its trial form starts at its left node, −1 at its right one. A
     * segment starts where its equations' fastest mode decays away from the start (the linearised first-order
     * system's eigenvalues at the left node's state: backwards when its growth rate is more than twice its decay
     * rate), as a shooting interval must not carry a mode growing e^200-fold (the turning point of
     * {@code 1e-4*y'' + x*y' - y = ...} on x &lt; 0 grows forwards, on x &gt; 0 decays).
     */
    private int[] directions(List<Double> nodes, List<double[]> states) {
        int[] directions = new int[nodes.size() - 1];
        for (int i = 0; i < directions.length; i++) {
            directions[i] = 1;
            double[] rates = rates(nodes.get(i), states.get(i));
            if (rates != null && rates[0] > 2 * rates[1]) {
                directions[i] = -1;
            }
        }
        return directions;
    }

    /** {growth, decay}: the largest positive and negative real parts of the linearised system's eigenvalues; null when unknown. */
    private double[] rates(double x, double[] s) {
        double[] base = MarchingConditions.initialHighest(problem, x, values(s));
        if (!MarchingConditions.finite(new double[][] {base})) {
            return null;
        }
        DMatrixRMaj a = new DMatrixRMaj(stateSize, stateSize);
        for (int u = 0; u < orders.length; u++) {
            for (int k = 0; k + 1 < orders[u]; k++) {
                a.set(offsets[u] + k, offsets[u] + k + 1, 1);
            }
        }
        for (int j = 0; j < stateSize; j++) {
            double delta = 1e-7 * Math.max(1, Math.abs(s[j]));
            double[] moved = s.clone();
            moved[j] += delta;
            double[] highest = MarchingConditions.initialHighest(problem, x, values(moved));
            if (!MarchingConditions.finite(new double[][] {highest})) {
                return null;
            }
            for (int u = 0; u < orders.length; u++) {
                if (orders[u] > 0) {
                    a.set(offsets[u] + orders[u] - 1, j, (highest[u] - base[u]) / delta);
                }
            }
        }
        org.ejml.interfaces.decomposition.EigenDecomposition_F64<DMatrixRMaj> eig =
                org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(stateSize, false);
        if (!eig.decompose(a)) {
            return null;
        }
        double growth = 0;
        double decay = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            double real = eig.getEigenvalue(i).real;
            growth = Math.max(growth, real);
            decay = Math.max(decay, -real);
        }
        return new double[] {growth, decay};
    }

    /** The node a segment's trial form starts at, and the one it ends at. */
    private static int start(int i, int[] directions) {
        return directions[i] > 0 ? i : i + 1;
    }

    private static int end(int i, int[] directions) {
        return directions[i] > 0 ? i + 1 : i;
    }

    private List<SegmentResult> solveAll(List<Double> nodes, List<double[]> states, List<SegmentResult> warm, List<double[]> frames,
            int[] directions) {
        List<SegmentResult> results = new ArrayList<>();
        for (int i = 0; i + 1 < nodes.size(); i++) {
            SegmentResult previous = warm == null ? null : warm.get(i);
            int a = start(i, directions);
            // A warm start only from a segment that started at the same node
            boolean same = previous != null && previous.segment().trial().conditions().get(0).terms().get(0).point() == nodes.get(a);
            results.add(solver.solve(nodes.get(a), nodes.get(end(i, directions)), values(states.get(a)),
                    !same || linear ? null : previous.segment().parameters(), values(frames.get(a))));
        }
        return results;
    }

    /** Continuity rows per segment (its values at its end node minus that node's state), then one row per condition; scaled. */
    private double[] residual(List<Double> nodes, List<double[]> states, List<SegmentResult> results, double[] scales, int[] directions) {
        int segments = nodes.size() - 1;
        double[] residual = new double[segments * stateSize + conditions.size()];
        for (int i = 0; i < segments; i++) {
            int b = end(i, directions);
            double[] value = state(MarchingConditions.endValues(results.get(i).segment(), orders, nodes.get(b)));
            double[] node = states.get(b);
            for (int j = 0; j < stateSize; j++) {
                residual[i * stateSize + j] = (value[j] - node[j]) / scales[j];
            }
        }
        int row = segments * stateSize;
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
            List<double[]> frames, int[] directions) {
        int segments = nodes.size() - 1;
        int rows = segments * stateSize + conditions.size();
        DMatrixRMaj jacobian = new DMatrixRMaj(rows, states.size() * stateSize);
        growth.clear();
        for (int i = 0; i < segments; i++) {
            growth.add(0.0);
            int b = end(i, directions);
            for (int j = 0; j < stateSize; j++) {
                jacobian.set(i * stateSize + j, b * stateSize + j, -1);
            }
        }
        for (int i = 0; i < segments; i++) {
            int a = start(i, directions);
            // The points where this segment's values enter: its end node (continuity), the conditions' points in it.
            double[] points = pointsOf(i, nodes, directions);
            List<double[]> base = new ArrayList<>();
            for (double p : points) {
                base.add(flat(MarchingConditions.endValues(results.get(i).segment(), orders, p)));
            }
            double[] s = states.get(a);
            for (int j = 0; j < stateSize; j++) {
                double delta = difference * Math.max(Math.abs(s[j]), scales[j]);
                double[] moved = s.clone();
                moved[j] += delta;
                SegmentResult perturbed = solver.solve(nodes.get(a), nodes.get(end(i, directions)), values(moved),
                        linear ? null : results.get(i).segment().parameters(), values(frames.get(a)));
                double[] change = new double[points.length * flatSize()];
                for (int p = 0; p < points.length; p++) {
                    double[] v = flat(MarchingConditions.endValues(perturbed.segment(), orders, points[p]));
                    for (int c = 0; c < v.length; c++) {
                        change[p * flatSize() + c] = (v[c] - base.get(p)[c]) / delta;
                    }
                }
                for (int k = 0; k < stateSize; k++) { // continuity: the end node is points[0]
                    double entry = change[flatIndex(k)] * scales[j] / scales[k];
                    jacobian.add(i * stateSize + k, a * stateSize + j, entry);
                    growth.set(i, Math.max(growth.get(i), Math.abs(entry)));
                }
                int row = segments * stateSize;
                for (LinearCondition condition : conditions) {
                    double sum = 0;
                    for (ConditionTerm term : condition.terms()) {
                        if (nodeOf(nodes, term) < 0 && segmentOf(nodes, term.point()) == i) {
                            int p = indexOf(points, term.point());
                            sum += term.coefficient() * change[p * flatSize() + flatOffset(term.unknown()) + term.order()];
                        }
                    }
                    jacobian.add(row++, a * stateSize + j, sum * scales[j] / conditionScale(condition));
                }
            }
        }
        int row = segments * stateSize;
        for (LinearCondition condition : conditions) {
            for (ConditionTerm term : condition.terms()) {
                int node = nodeOf(nodes, term);
                if (node >= 0) {
                    int j = offsets[term.unknown()] + term.order();
                    jacobian.add(row, node * stateSize + j, term.coefficient() * scales[j] / conditionScale(condition));
                }
            }
            row++;
        }
        return jacobian;
    }

    /** The segment's end node (continuity) and the points of conditions evaluated inside it. */
    private double[] pointsOf(int i, List<Double> nodes, int[] directions) {
        List<Double> points = new ArrayList<>();
        points.add(nodes.get(end(i, directions)));
        for (LinearCondition condition : conditions) {
            for (ConditionTerm term : condition.terms()) {
                if (nodeOf(nodes, term) < 0 && segmentOf(nodes, term.point()) == i && !points.contains(term.point())) {
                    points.add(term.point());
                }
            }
        }
        return points.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** u^(k)(p) for a condition's term: a node's state where it is one of its values, otherwise its segment's value. */
    private double value(List<Double> nodes, List<double[]> states, List<SegmentResult> results, ConditionTerm term) {
        int node = nodeOf(nodes, term);
        if (node >= 0) {
            return states.get(node)[offsets[term.unknown()] + term.order()];
        }
        return MarchingConditions.endValues(results.get(segmentOf(nodes, term.point())).segment(), orders, term.point())
                [term.unknown()][term.order()];
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

    /** The node whose state holds a term (a value or derivative below the order, at a node), or −1. */
    private int nodeOf(List<Double> nodes, ConditionTerm term) {
        if (term.order() >= orders[term.unknown()]) {
            return -1;
        }
        return nodes.indexOf(term.point());
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

    /**
     * Whether every state's values stay within {@link #bound}. The outer residual is scaled by the states' own
     * sizes, so a Newton step that inflates them makes it look smaller: a Troesch solve "converged" on states of
     * 1e7 (y is at most 1) whose segments had overflowed.
     */
    private boolean within(List<double[]> states) {
        for (double[] s : states) {
            for (int u = 0; u < orders.length; u++) {
                if (orders[u] > 0 && !(Math.abs(s[offsets[u]]) <= bound)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** max |v_i|; NaN anywhere gives NaN (a running worst would let a later finite entry overwrite it). */
    static double norm(double[] v) {
        double worst = 0;
        for (double x : v) {
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            worst = Math.max(worst, Math.abs(x));
        }
        return worst;
    }

    /** A segment's defect ratio, NaN (a defect or floor that overflowed) counted as infinite. */
    private static double ratio(SegmentResult result) {
        return Double.isNaN(result.ratio()) ? Double.POSITIVE_INFINITY : result.ratio();
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
