package org.neuroform.runtime.train;

import org.neuroform.runtime.trial.TrialModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.PenaltyCondition;
import org.neuroform.compiler.settings.OptimizerChoice;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.compiler.trial.TrialSystemBuilder;
import org.neuroform.runtime.nn.Backend;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;

/**
 * The default solver ({@code optimizer = auto}): trial solutions over frozen network features,
 * their output layers solved by least squares ({@link FeatureLeastSquares}), marched over
 * segments with step-size control on initial value problems.
 *
 * <p><b>Features.</b> Every network has one hidden layer of {@link #DEFAULT_FEATURES} tanh
 * units (or what {@code train hidden} says), drawn once from the seed with weights and biases
 * uniform in [−1, 1] on the segment's input mapped to [−1, 1] and the same for every unknown and
 * segment, so a segment starts from the previous one's output weights.
 *
 * <p><b>Collocation</b> at the n Chebyshev–Gauss nodes of each segment: interior points only,
 * so a singular end (the {@code 2/x} of Lane–Emden at x = 0) never enters the residual, and
 * clustered towards the ends as spectral methods want.
 *
 * <p><b>Step-size control by the defect.</b> A segment is accepted when its equation residual
 * (the defect, as in MATLAB's bvp4c), checked at the centres of a grid four times denser than the
 * collocation points, is below the tolerance relative to the size of each equation's unknown.
 * The next length follows a controller {@code h·min(4, max(0.1, 0.9 (tol/defect)^(1/q)))}, as
 * a classical integrator's does with its error estimate. A rejected segment is retried
 * shorter; the shortest step is relative to the solution's own time scale
 * ({@code |u| / |u'|}), not to the domain.
 *
 * <p><b>Trust.</b> An initial value problem's solution is then compared with a classical
 * integrator; where it deviates by more than the accuracy aimed at, the march is redone with a
 * tighter tolerance. A march that cannot go on is called a blow-up only when the values grew
 * without bound and the classical integrator fails at the same place.
 *
 * <p>Other problems (boundary values, penalties, interior conditions) are solved on the whole
 * domain at once, with more features when the residual asks for them.
 */
public final class LeastSquaresTrainer {
    /** Hidden units (features) per network unless {@code train hidden} says otherwise. */
    public static final int DEFAULT_FEATURES = OptimizerChoice.AUTO.defaultHidden().get(0);
    /** The defect tolerance, relative to each unknown's size, is {@code accuracy} times this. */
    static final double DEFECT_FRACTION = 1e-4;
    /** Controller exponent: the defect of a smooth fit falls at least like this power of the length. */
    static final double ORDER = 5;
    static final int MAX_SEGMENTS = 20_000;
    static final int MAX_REMARCHES = 2;
    static final double DEVIATION_FRACTION = 0.3;
    /** Growth of |u| over its initial size beyond which a march that cannot go on is a candidate blow-up. */
    static final double GROWTH = 1e6;
    /** Growth that, with a defect the shortest steps cannot bring down, is worth asking the classical integrator about. */
    static final double SUSPECT_GROWTH = 100;
    /**
     * A relative defect below which a segment that shorter steps no longer improve is at the
     * round-off floor of its arithmetic (a solution of size 1e3 whose equation multiplies it by
     * itself): marching accepts it and goes on, marked as above the tolerance.
     */
    static final double ROUND_OFF_DEFECT = 1e-7;
    /**
     * Round-off in a defect, relative to the size of the equation's terms: a few hundred units
     * of double precision, for evaluating the terms and solving for β.
     */
    static final double ROUND_OFF = 1e3 * Math.ulp(1.0);
    /** The smallest defect tolerance a march is redone with. */
    static final double SMALLEST_TOLERANCE = 1e-14;

    private static final boolean DEBUG = System.getenv("NEUROFORM_TRACE") != null;

    private final CompiledProblem problem;
    private final TrainingMonitor monitor;
    private final TrainSettings settings;
    private final int[] orders;
    private final List<String> notes = new ArrayList<>();
    private final long seed;
    private double tolerance;
    private List<Segment> resumed = List.of();
    private int iterations;
    private boolean stopped;
    private boolean diverged;

    public LeastSquaresTrainer(CompiledProblem problem, TrainingMonitor monitor) {
        this.problem = problem;
        this.monitor = monitor;
        this.settings = problem.settings();
        this.orders = problem.orders();
        this.seed = settings.seed();
        this.tolerance = DEFECT_FRACTION * settings.accuracy();
    }

    /**
     * Continue a march that was stopped (Ctrl-C): {@code previous}'s segments are kept and marching
     * goes on from the end of the part they cover. Only for an initial value problem and the same
     * settings; otherwise training starts afresh.
     */
    public LeastSquaresTrainer resumeFrom(TrainedSolution previous) {
        if (previous != null && previous.report().stopped() && problem.initialPoint().isPresent()
                && previous.problem().settings().equals(settings)) {
            resumed = previous.segments();
        }
        return this;
    }

    /** The kept segments on one side of the initial point, in marching order. */
    private List<Segment> resumedSide(double from, double direction) {
        List<Segment> side = new ArrayList<>();
        for (Segment segment : resumed) {
            if (direction > 0 ? segment.lower() >= from : segment.upper() <= from) {
                side.add(segment);
            }
        }
        if (direction < 0) {
            Collections.reverse(side);
        }
        return side;
    }

    /** The networks' layout: the user's hidden layers when given, otherwise one layer of {@link #DEFAULT_FEATURES}. */
    NetworkLayout layout(int features) {
        List<Integer> hidden = settings.isExplicit("hidden") ? settings.hidden() : List.of(features);
        // (features starts at settings.effectiveHidden()'s width and grows where the defect asks)
        return new NetworkLayout(hidden, NetworkShape.Activation.valueOf(settings.activation().name()), settings.sharedNetwork(),
                settings.backend().equals("nd4j") ? Backend.ND4J : Backend.JAVA);
    }

    public TrainedSolution train() {
        long start = System.nanoTime();
        OptionalDouble initial = problem.initialPoint();
        List<Segment> segments;
        boolean valid;
        double worstLoss;
        if (initial.isPresent()) {
            March march = marchBothWays(initial.getAsDouble());
            if (DEBUG) {
                System.err.printf(Locale.ROOT, "marched in %.3f s%n", (System.nanoTime() - start) / 1e9);
            }
            Optional<ClassicalReference> reference = settings.segments() == 0 && march.complete ? reference() : Optional.empty();
            if (DEBUG) {
                System.err.printf(Locale.ROOT, "reference after %.3f s%n", (System.nanoTime() - start) / 1e9);
            }
            double target = DEVIATION_FRACTION * settings.accuracy();
            for (int again = 0; again < MAX_REMARCHES && reference.isPresent() && !stopped; again++) {
                double deviation = deviation(march.segments, reference.get());
                if (!(deviation > target)) {
                    if (!march.valid && !Double.isNaN(deviation)) {
                        march = new March(march.segments, march.worstLoss, true, march.complete);
                        notes.add("the residual stayed above its target on part of the domain, but the solution agrees with the"
                                + " classical integrator to " + format(deviation));
                    }
                    break;
                }
                double factor = Math.max(Math.max(0.01, SMALLEST_TOLERANCE / tolerance), 0.5 * target / deviation);
                if (!(factor < 1)) {
                    break;
                }
                notes.add("the solution deviated by " + format(deviation) + " (relative) from the classical integrator;"
                        + " marched again with the defect tolerance " + format(tolerance * factor));
                tolerance *= factor;
                March again2 = marchBothWays(initial.getAsDouble());
                if (!(deviation(again2.segments, reference.get()) >= deviation)) {
                    march = again2;
                }
            }
            segments = march.segments;
            valid = march.valid;
            worstLoss = march.worstLoss;
        } else {
            SegmentResult result = whole();
            segments = List.of(result.segment);
            valid = result.valid;
            worstLoss = result.loss;
        }
        if (!valid && !stopped && !diverged) {
            notes.add("the residual stayed above the target (" + format(tolerance) + " relative to the solution's size) on part"
                    + " of the domain");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // A stop leaves a solution on part of the domain (the report says it stopped, the
        // solution what it covers): what it covers converged if every kept segment did.
        boolean converged = !diverged && valid && Double.isFinite(worstLoss);
        TrainedSolution unreported = new TrainedSolution(problem, segments,
                new TrainingReport(0, worstLoss, seconds, segments.size(), 0, converged, stopped, List.of()));
        for (PenaltyCondition penalty : problem.penalties()) {
            double residual = Math.abs(unreported.evaluate(penalty.residual()));
            notes.add("the condition " + penalty.text() + " holds to " + format(residual) + " (a penalty: " + penalty.reason() + ")");
        }
        return new TrainedSolution(problem, segments,
                new TrainingReport(iterations, worstLoss, seconds, segments.size(), 0, converged, stopped, notes));
    }

    // ---------------------------------------------------------------- frozen features

    /** One network's frozen hidden layers for {@code shape}, its output layer zero; the same for a given seed. */
    static double[] frozenNetwork(NetworkShape shape, long seed) {
        double[] parameters = new double[shape.parameterCount()];
        SplittableRandom random = new SplittableRandom(seed);
        int[] widths = shape.widths();
        int[] weights = shape.weightOffsets();
        int[] biases = shape.biasOffsets();
        for (int l = 0; l + 2 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            // The first layer sees s in [−1, 1]: weights and biases in [−1, 1] give features that
            // vary on the segment's scale; more features reach finer scales (a boundary layer),
            // so the range grows with their number. Deeper layers: Glorot's limit.
            double limit = l == 0 ? Math.max(1, out / (double) DEFAULT_FEATURES) : Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < in * out; i++) {
                parameters[weights[l] + i] = (2 * random.nextDouble() - 1) * limit;
            }
            for (int i = 0; i < out; i++) {
                parameters[biases[l] + i] = (2 * random.nextDouble() - 1) * limit;
            }
        }
        return parameters;
    }

    /** The frozen parameters of a whole bank: every network gets the same features. */
    private double[] frozen(NetworkLayout layout) {
        int unknowns = orders.length;
        NetworkShape shape = NetworkShape.of(layout.hidden(), layout.shared() ? unknowns : 1, layout.activation(), 0, 1);
        double[] one = frozenNetwork(shape, seed);
        double[] all = new double[layout.parameterCount(unknowns)];
        for (int offset = 0; offset < all.length; offset += one.length) {
            System.arraycopy(one, 0, all, offset, one.length);
        }
        return all;
    }

    /** The n Chebyshev–Gauss nodes of [lower, upper] (interior, clustered towards the ends), increasing. */
    static double[] chebyshevGauss(double lower, double upper, int n) {
        double[] x = new double[n];
        double middle = 0.5 * (lower + upper);
        double half = 0.5 * (upper - lower);
        for (int i = 0; i < n; i++) {
            x[i] = middle - half * Math.cos((2 * i + 1) * Math.PI / (2 * n));
        }
        return x;
    }

    /**
     * The centres of {@code count} equal cells of [lower, upper]: the dense grid the defect is
     * checked on, between the collocation nodes and, like them, never at a (possibly singular) end.
     */
    static double[] midpoints(double lower, double upper, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = lower + (upper - lower) * (i + 0.5) / count;
        }
        return x;
    }

    // ---------------------------------------------------------------- one segment

    /** A segment to solve: interval, conditions, penalties, output scales, equation weights, features. */
    private record Spec(double lower, double upper, TrialSystem trial, List<PenaltyCondition> penalties, double[] scales,
            double[] weights, int features) {}

    /** A solved segment, its loss, its defect on the dense grid and that defect over the tolerance (≤ 1: valid). */
    private record SegmentResult(Segment segment, double loss, double defect, double ratio, boolean valid) {}

    private int points(int features) {
        if (settings.points() > 0) {
            return settings.points();
        }
        NetworkLayout layout = layout(features);
        int perUnknown = layout.hidden().get(layout.hidden().size() - 1) + 1;
        return Math.max(16, (int) Math.ceil(1.5 * perUnknown));
    }

    private SegmentResult solve(Spec spec, double[] warm) {
        return solve(spec, warm, false);
    }

    /** Solves a segment from β = 0, or from {@code warm}'s β when that fits better (or always, when {@code forced}). */
    private SegmentResult solve(Spec spec, double[] warm, boolean forced) {
        NetworkLayout layout = layout(spec.features);
        NetworkBank bank = layout.bank(orders.length, spec.lower, spec.upper);
        int n = points(spec.features);
        TrialModel model = new TrialModel(problem.equations(), spec.penalties, spec.trial, orders,
                chebyshevGauss(spec.lower, spec.upper, n), bank, spec.scales, 0);
        model.setEquationWeights(spec.weights);
        int lastHidden = layout.hidden().get(layout.hidden().size() - 1);
        FeatureLeastSquares solver = new FeatureLeastSquares(model, frozen(layout), lastHidden);
        double[] start = new double[solver.featureCount()];
        if (warm != null && warm.length == bank.parameterCount()) {
            double[] candidate = solver.betaOf(warm);
            double[] rho = new double[model.residualCount()];
            if (forced || model.residuals(solver.parameters(candidate), rho) < model.residuals(solver.parameters(start), rho)) {
                start = candidate;
            }
        }
        FeatureLeastSquares.Result result = solver.solve(start, 0.01 * tolerance, monitor);
        iterations += result.iterations();
        stopped |= result.stopped();
        double[] parameters = solver.parameters(result.beta());
        TrialModel dense = new TrialModel(problem.equations(), List.of(), spec.trial, orders,
                midpoints(spec.lower, spec.upper, 4 * n), layout.bank(orders.length, spec.lower, spec.upper), spec.scales, 0);
        dense.setEquationWeights(spec.weights);
        double[] residualAndScale = dense.maxResidualAndTermScale(parameters);
        double defect = Math.max(residualAndScale[0], result.maxResidual());
        if (Double.isNaN(result.maxResidual()) || Double.isNaN(residualAndScale[0])) {
            defect = Double.NaN;
        }
        // The tolerance, plus the round-off floor of the equations' own terms.
        double allowed = tolerance + ROUND_OFF * residualAndScale[1];
        double ratio = Double.isNaN(defect) ? Double.POSITIVE_INFINITY : defect / allowed;
        if (DEBUG) {
            System.err.printf(Locale.ROOT, "segment [%.6g, %.6g] L=%d: %d GN iterations, loss %.3g, defect %.3g (%.3g of the tolerance)%n",
                    spec.lower, spec.upper, spec.features, result.iterations(), result.loss(), defect, ratio);
        }
        Segment segment = new Segment(spec.lower, spec.upper, spec.trial, layout, parameters, spec.scales);
        return new SegmentResult(segment, result.loss(), defect, ratio, ratio <= 1 && Double.isFinite(result.loss()));
    }

    // ---------------------------------------------------------------- the whole domain at once

    /** Boundary values, penalties, interior conditions: the whole domain, with more features while the defect asks. */
    private SegmentResult whole() {
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        double[] scales = Trainer.scales(problem.trial());
        double[] weights = MarchingConditions.equationWeights(problem, scales);
        SegmentResult best = null;
        int features = DEFAULT_FEATURES;
        boolean adapt = !settings.isExplicit("hidden") && settings.points() == 0;
        for (int attempt = 0; attempt < (adapt ? 5 : 1) && !stopped; attempt++, features *= 2) {
            Spec spec = new Spec(lower, upper, problem.trial(), problem.penalties(), scales, weights, features);
            SegmentResult result = solve(spec, null);
            if (best == null || result.ratio < best.ratio) {
                best = result;
            }
            if (result.valid) {
                break;
            }
            if (!problem.penalties().isEmpty()) {
                // A nonlinear condition can make β = 0 a stationary point (y(0)^2 = 1 at y = 0): try random starts too.
                for (int restart = 1; restart <= 2 && !best.valid; restart++) {
                    NetworkLayout layout = layout(features);
                    double[] start = frozen(layout);
                    SplittableRandom random = new SplittableRandom(seed + restart);
                    for (int i = 0; i < start.length; i++) {
                        start[i] += 0.5 * (2 * random.nextDouble() - 1); // frozen layers are overwritten: β only
                    }
                    SegmentResult again = solve(spec, start, true);
                    if (again.ratio < best.ratio) {
                        best = again;
                    }
                }
                if (best.valid) {
                    break;
                }
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- marching

    private record March(List<Segment> segments, double worstLoss, boolean valid, boolean complete) {}

    private March marchBothWays(double start) {
        March forward = march(start, problem.domain().upper());
        March backward = stopped || !forward.complete && diverged ? new March(List.of(), 0, true, false)
                : march(start, problem.domain().lower());
        List<Segment> segments = new ArrayList<>(backward.segments);
        Collections.reverse(segments);
        segments.addAll(forward.segments);
        return new March(segments, Math.max(forward.worstLoss, backward.worstLoss), forward.valid && backward.valid,
                forward.complete && (backward.complete || start == problem.domain().lower()));
    }

    /** Segments from {@code from} (the initial point) towards {@code to}. */
    private March march(double from, double to) {
        List<Segment> segments = new ArrayList<>();
        if (from == to) {
            return new March(segments, 0, true, true);
        }
        double direction = Math.signum(to - from);
        double fullLength = problem.domain().length();
        double[][] values = MarchingConditions.initialValues(problem);
        double[] highest = MarchingConditions.initialHighest(problem, from, values);
        for (int u = 0; u < highest.length; u++) {
            if (!Double.isFinite(highest[u])) {
                highest[u] = 0; // a singular point (2/x at x = 0): not known there
            }
        }
        double[] largest = new double[orders.length];
        double initialSize = 1;
        for (int u = 0; u < orders.length; u++) {
            largest[u] = orders[u] > 0 ? Math.abs(values[u][0]) : 0;
            for (double v : values[u]) {
                initialSize = Math.max(initialSize, Math.abs(v));
            }
        }
        double[] derivativeSize = new double[orders.length];
        for (int u = 0; u < orders.length; u++) {
            double guess = Math.max(1, orders[u] > 0 ? Math.abs(values[u][0]) : 1) / Math.pow(fullLength, orders[u]);
            derivativeSize[u] = Math.max(Math.abs(highest[u]), guess);
        }
        boolean fixed = settings.segments() > 1;
        double length = fixed ? fullLength / settings.segments() : Math.min(fullLength / 8, firstStep(values, highest, fullLength));
        double position = from;
        double worstLoss = 0;
        boolean valid = true;
        double[] warm = null;
        List<Segment> kept = resumedSide(from, direction);
        if (!kept.isEmpty()) {
            // Go on from where a stopped training ended: its segments are kept as they are.
            Segment last = kept.get(kept.size() - 1);
            position = direction > 0 ? last.upper() : last.lower();
            double[][] next = MarchingConditions.endValues(last, orders, position);
            for (int u = 0; u < orders.length; u++) {
                highest[u] = next[u][orders[u]];
                values[u] = java.util.Arrays.copyOf(next[u], orders[u]);
                derivativeSize[u] = Math.max(Math.abs(highest[u]), derivativeSize[u]);
                if (orders[u] > 0) {
                    largest[u] = Math.max(largest[u], Math.abs(values[u][0]));
                }
            }
            segments.addAll(kept);
            warm = last.parameters();
            length = fixed ? length : last.upper() - last.lower();
            notes.add("continued from " + problem.domain().variable() + " = " + format(position)
                    + ", where training had stopped (the " + kept.size() + " segments before it are kept)");
        }
        SegmentResult best = null;
        boolean growthChecked = false;
        double previousRatio = Double.NaN; // the defect ratio of the last rejected try at this position
        while (Math.abs(to - position) > 1e-12 * fullLength && !stopped && segments.size() < MAX_SEGMENTS) {
            double remaining = Math.abs(to - position);
            double step = Math.min(length, remaining);
            if (remaining - step < 0.05 * step) {
                step = remaining;
            }
            SegmentResult result = solve(spec(position, direction, step, to, values, derivativeSize, largest), warm);
            double shortest = shortestStep(values, derivativeSize, fullLength);
            if (stopped && !result.valid && !segments.isEmpty()) {
                break; // a segment cut short by a stop request is not kept: the march ends at the last good one
            }
            if (!result.valid && !fixed && !stopped) {
                if (best == null || result.ratio < best.ratio) {
                    best = result;
                }
                // Shorter steps help until the defect reaches its round-off floor: stop shortening when
                // the last one did not halve it.
                boolean improving = Double.isNaN(previousRatio) || result.ratio < 0.5 * previousRatio
                        || !(best.defect <= ROUND_OFF_DEFECT);
                previousRatio = result.ratio;
                if (step > shortest && (improving || !Double.isFinite(best.ratio))) {
                    double factor = Double.isFinite(result.ratio) ? Math.pow(result.ratio, -1 / ORDER) : 0.1;
                    length = Math.max(shortest, step * Math.max(0.1, Math.min(0.7, 0.9 * factor)));
                    continue;
                }
                // The shortest step cannot reach the tolerance.
                if (!Double.isFinite(best.ratio)) {
                    String why = blowUp(position, values, initialSize);
                    if (why != null) {
                        diverged = true;
                        notes.add(why);
                    } else {
                        notes.add("marching stopped at " + problem.domain().variable() + " = " + format(position)
                                + ": even segments of " + format(step) + " could not satisfy the equations there;"
                                + " the solution beyond is not known");
                    }
                    if (segments.isEmpty()) {
                        segments.add(best.segment); // the best try, so that there is something to show (marked unreliable)
                    }
                    return new March(segments, worstLoss, false, false);
                }
                result = best;
                step = Math.abs(result.segment.upper() - result.segment.lower());
                // Shorter steps stopped helping: more features may (twice, then four times as many).
                if (!settings.isExplicit("hidden") && !(best.defect <= ROUND_OFF_DEFECT * 1e-3)) {
                    Spec base = spec(position, direction, step, to, values, derivativeSize, largest);
                    for (int features = 2 * DEFAULT_FEATURES; features <= 4 * DEFAULT_FEATURES && !result.valid && !stopped;
                            features *= 2) {
                        SegmentResult wider = solve(new Spec(base.lower, base.upper, base.trial, base.penalties, base.scales,
                                base.weights, features), null);
                        if (wider.ratio < result.ratio) {
                            result = wider;
                        }
                    }
                }
            }
            best = null;
            previousRatio = Double.NaN;
            segments.add(result.segment);
            worstLoss = Math.max(worstLoss, result.loss);
            valid &= result.valid;
            double end = direction > 0 ? result.segment.upper() : result.segment.lower();
            double[][] next = MarchingConditions.endValues(result.segment, orders, end);
            for (int u = 0; u < orders.length; u++) {
                highest[u] = next[u][orders[u]];
                values[u] = java.util.Arrays.copyOf(next[u], orders[u]);
                derivativeSize[u] = Math.max(Math.abs(highest[u]), 0.5 * derivativeSize[u]);
                if (orders[u] > 0) {
                    largest[u] = Math.max(largest[u], Math.abs(values[u][0]));
                }
            }
            position = end;
            monitor.marched(step, fullLength);
            warm = result.segment.parameters();
            boolean suspicious = grew(values, GROWTH * initialSize) || !result.valid && grew(values, SUSPECT_GROWTH * initialSize);
            if (suspicious && !growthChecked) {
                growthChecked = true; // one look at the classical integrator: does it fail here too?
                String why = blowUp(position, values, initialSize);
                if (why != null) {
                    notes.add(why);
                    diverged = true;
                    return new March(segments, worstLoss, false, false);
                }
            }
            if (monitor.stopRequested()) {
                stopped = true;
            }
            if (!finite(values)) {
                String why = blowUp(position, values, initialSize);
                notes.add(why != null ? why : "the solution is no longer finite at " + problem.domain().variable() + " = "
                        + format(position));
                diverged = true;
                return new March(segments, worstLoss, false, false);
            }
            if (!fixed) {
                double factor = result.ratio > 0 ? Math.pow(result.ratio, -1 / ORDER) : 4;
                length = step * Math.max(1, Math.min(4, 0.9 * factor));
            }
        }
        return new March(segments, worstLoss, valid, Math.abs(to - position) <= 1e-12 * fullLength);
    }

    /**
     * A first step from the solution's own time scale {@code |u| / |u'|} (Hairer, Nørsett & Wanner's starting rule
     * without its factor 0.01, which is for low-order methods; the controller shortens it if need be).
     */
    private double firstStep(double[][] values, double[] highest, double fullLength) {
        double d0 = 0;
        double d1 = 0;
        for (int u = 0; u < orders.length; u++) {
            for (int k = 0; k < orders[u]; k++) {
                double scale = 1 + Math.abs(values[u][k]);
                double derivative = k + 1 < orders[u] ? values[u][k + 1] : highest[u];
                d0 = Math.max(d0, Math.abs(values[u][k]) / scale);
                d1 = Math.max(d1, Math.abs(derivative) / scale);
            }
        }
        if (!(d1 > 1e-12) || !(d0 > 1e-5)) {
            return fullLength;
        }
        return Math.max(1e-9 * fullLength, d0 / d1);
    }

    /** The shortest step worth trying here: a tiny fraction of the solution's own time scale {@code |u| / |u^(m)|}. */
    private double shortestStep(double[][] values, double[] derivativeSize, double fullLength) {
        double scale = fullLength;
        for (int u = 0; u < orders.length; u++) {
            if (orders[u] > 0 && derivativeSize[u] > 0) {
                double size = Math.max(Math.abs(values[u][0]), 1e-300);
                scale = Math.min(scale, Math.pow(Math.max(size, 1e-8) / derivativeSize[u], 1.0 / orders[u]));
            }
        }
        return Math.max(1e-6 * scale, 1e-13 * fullLength);
    }

    /** Whether some |u| is above {@code size} (or not finite). */
    private boolean grew(double[][] values, double size) {
        for (int u = 0; u < orders.length; u++) {
            if (orders[u] > 0 && !(Math.abs(values[u][0]) <= size)) {
                return true;
            }
        }
        return false;
    }

    private static boolean finite(double[][] values) {
        for (double[] v : values) {
            for (double d : v) {
                if (!Double.isFinite(d)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A blow-up, said only with evidence: the values grew by {@link #SUSPECT_GROWTH} or more (or
     * stopped being finite) and the classical integrator fails near the same point. Null otherwise.
     */
    private String blowUp(double position, double[][] values, double initialSize) {
        String variable = problem.domain().variable();
        try {
            ClassicalReference.of(problem);
            return null; // the integrator goes through: whatever stopped us, it was not a singularity
        } catch (ClassicalReference.ReferenceException e) {
            double reached = e.reached();
            double length = problem.domain().length();
            if (Double.isNaN(reached) || Math.abs(reached - position) > 0.05 * length) {
                return null; // it fails somewhere else: not the singularity we are near
            }
            double size = 0;
            for (int u = 0; u < orders.length; u++) {
                if (orders[u] > 0) {
                    size = Math.max(size, Math.abs(values[u][0]));
                }
            }
            if (Double.isFinite(size) && size <= SUSPECT_GROWTH * initialSize) {
                return null;
            }
            return "the solution blows up near " + variable + " = " + format(position) + " (|u| reached " + format(size)
                    + ", and the classical integrator fails at " + variable + " = " + format(reached)
                    + " too); there is no solution beyond that point";
        }
    }

    /** The segment of length {@code step} from {@code position} towards {@code to}. */
    private Spec spec(double position, double direction, double step, double to, double[][] values, double[] derivativeSize,
            double[] largest) {
        double end = direction > 0 ? Math.min(to, position + step) : Math.max(to, position - step);
        if (Math.abs(to - end) <= 1e-12 * problem.domain().length()) {
            end = to;
        }
        double lower = Math.min(position, end);
        double upper = Math.max(position, end);
        TrialSystem trial = TrialSystemBuilder.build(orders, MarchingConditions.conditions(problem, position, values),
                CoordinateMap.of(lower, upper), settings.trial());
        double[] scales = MarchingConditions.marchingScales(orders, values, derivativeSize, upper - lower);
        double[] magnitudes = new double[orders.length];
        for (int u = 0; u < orders.length; u++) {
            double value = orders[u] > 0 ? Math.abs(values[u][0]) : 0;
            magnitudes[u] = Math.max(Math.max(value, scales[u]), 1e-3 * largest[u]);
            if (!(magnitudes[u] > 0)) {
                magnitudes[u] = 1;
            }
        }
        return new Spec(lower, upper, trial, List.of(), scales, MarchingConditions.equationWeights(problem, magnitudes),
                DEFAULT_FEATURES);
    }

    // ---------------------------------------------------------------- the classical check

    private Optional<ClassicalReference> reference() {
        try {
            return ClassicalReference.of(problem);
        } catch (ClassicalReference.ReferenceException e) {
            notes.add("no classical reference: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * max |u_net − u_ref| / max(1, max |u_ref|) over 1001 points; NaN when either is not finite.
     * Each segment's networks run once for all unknowns at its points.
     */
    private double deviation(List<Segment> segments, ClassicalReference reference) {
        double[] x = Grid.uniform(problem.domain().lower(), problem.domain().upper(), 1001);
        double worst = 0;
        double size = 1;
        int next = 0;
        for (int s = 0; s < segments.size() && next < x.length; s++) {
            Segment segment = segments.get(s);
            int first = next;
            while (next < x.length && (x[next] <= segment.upper() || s == segments.size() - 1)) {
                next++;
            }
            if (next == first) {
                continue;
            }
            double[] points = java.util.Arrays.copyOfRange(x, first, next);
            for (int i = 0; i < points.length; i++) {
                points[i] = Math.max(segment.lower(), Math.min(segment.upper(), points[i]));
            }
            TrialModel model = new TrialModel(List.of(), List.of(), segment.trial(), orders, points,
                    segment.layout().bank(orders.length, segment.lower(), segment.upper()), segment.scales(), 0);
            model.evaluate(segment.parameters());
            for (int u = 0; u < orders.length; u++) {
                for (int i = 0; i < points.length; i++) {
                    double expected = reference.value(u, 0, x[first + i]);
                    size = Math.max(size, Math.abs(expected));
                    double error = Math.abs(model.value(u, 0, i) - expected);
                    if (!(error <= worst)) {
                        worst = error;
                    }
                }
            }
        }
        return worst / size;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
