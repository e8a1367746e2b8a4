package org.neuroform.runtime.train;

import org.neuroform.runtime.reference.Breakpoints;
import org.neuroform.runtime.trial.TrialModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.runtime.train.FeatureSegments.SegmentResult;
import org.neuroform.runtime.train.FeatureSegments.Spec;
import org.neuroform.compiler.PenaltyCondition;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.compiler.trial.TrialSystemBuilder;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.reference.HighestDerivatives;
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
 * domain at once, with more features when the residual asks for them; a boundary value problem
 * that one segment cannot solve (a thin layer, growing modes, a long domain) as many segments
 * solved jointly ({@link JointSegments}: multiple shooting over the march's segments).
 *
 * <p>Why this file is near 500 lines: the march loop is one piece of state (position, step,
 * the best rejected attempt, the growth check, the kept segments of a resumed run) that its step
 * control, blow-up evidence and resume all read and write; one segment's solve
 * ({@link FeatureSegments}) and the march's arithmetic ({@link MarchingConditions}) are already
 * out of it, and cutting the loop itself would only pass that state around.
 */
public final class LeastSquaresTrainer {
    /** Hidden units (features) per network unless {@code train hidden} says otherwise. */
    public static final int DEFAULT_FEATURES = FeatureSegments.DEFAULT_FEATURES;
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
     * The smallest magnitude an equation's residual is measured against, relative to the largest value of any
     * unknown so far (a classical integrator's absolute tolerance): a species that starts at 0 and stays near
     * 1e−17 (the Pollution problem's y16) made its equation's weight 1/(|y'| h), the defect's tolerance shrank with
     * the step, and the march stopped at t = 1.3e−9. Robertson's y2 (3.6e−5 of y1) keeps its own scale.
     */
    static final double SYSTEM_FLOOR = 1e-6;
    /**
     * A relative defect below which a segment that shorter steps no longer improve is at the
     * round-off floor of its arithmetic (a solution of size 1e3 whose equation multiplies it by
     * itself): marching accepts it and goes on, marked as above the tolerance.
     */
    static final double ROUND_OFF_DEFECT = 1e-7;
    /** Steps shorter than this fraction of the domain that still miss the tolerance end the march (a singularity ahead). */
    static final double SHORTEST_FRACTION = 1e-10;
    /** Values beyond this are an overflow of double precision, not evidence of a singularity. */
    static final double OVERFLOW = 1e250;
    /** Gauss–Newton iterations up to which a kept segment's successor may be four times as long. */
    static final int FAST_CONVERGENCE = 5;
    /** Gauss–Newton iterations above which a kept segment's successor is not longer. */
    static final int SLOW_CONVERGENCE = 15;
    /**
     * Gauss–Newton iterations a step longer than the stiff segment just kept may take, as implicit
     * integrators bound their Newton iterations: one that has not converged by then is too long for
     * its start (Robertson: the damped steps crawled through 40 iterations, a shorter segment takes 3).
     * Shorter steps and retries keep the full count.
     */
    static final int STIFF_ITERATIONS = 12;
    /** After this many positions in a row where more features did not help, they are tried only now and then. */
    static final int WIDER_FAILURES = 2;
    /** Then every this-many-th position tries them again. */
    static final int WIDER_RETRY = 8;
    /** Per segment kept, how much closer to a length Gauss–Newton failed on the steps may come again. */
    static final double CEILING_GROWTH = 1.1;
    /** The growth of the step after a segment kept at its round-off floor. */
    static final double FLOOR_GROWTH = 2;
    /** A defect within this factor of the round-off floor of the equations' terms is at that floor. */
    static final double NEAR_FLOOR = 4;
    /**
     * Shortening the step this many times over without halving the defect shows the defect is not
     * truncation (which would fall 1e5-fold, as h⁵) but a floor the estimate of {@code floor}
     * misses: the cancellation inside the trial solution's arithmetic, as in Van der Pol's jump at
     * μ = 1000.
     */
    static final double STAGNANT_RANGE = 10;
    /**
     * The most a floor found where shorter steps stopped helping may exceed the estimated one. The
     * estimate is 1e3 ulp of the equations' terms, but the trial solution's own arithmetic adds
     * the cancellation among its features' contributions (inside Van der Pol's jump at μ = 1000,
     * 1e5 ulp of terms of 3e6); with this factor, a defect of 2e−9 of the terms at most. A defect
     * that shorter steps do not bring down and that is further above is not round-off (a kink of
     * the equations: a jump of the size of the terms themselves).
     */
    static final double LARGEST_FLOOR_FACTOR = 1e4;
    /**
     * Per segment kept within the tolerance, a floor factor found shrinks by this much (back to 1
     * within a few dozen): where segments are kept only at their floor, it stays (its allowance is a
     * multiple of the local terms' floor, which falls with them).
     */
    static final double FLOOR_FACTOR_DECAY = 0.8;
    /** Segments a boundary value problem one segment cannot solve starts with when solved jointly. */
    static final int JOINT_SEGMENTS = 8;
    /** The offset of the seed of the second, independent solve of a boundary value problem. */
    static final long SECOND_SEED = 1_000_003;

    /** The smallest defect tolerance a march is redone with. */
    static final double SMALLEST_TOLERANCE = 1e-14;

    private static final boolean DEBUG = System.getenv("NEUROFORM_TRACE") != null;

    private final CompiledProblem problem;
    private final TrainingMonitor monitor;
    private final TrainSettings settings;
    private final int[] orders;
    private final List<String> notes = new ArrayList<>();
    private final FeatureSegments segmentSolver;
    /** Where the equations jump at points known beforehand (heav(t - 5)): segments end there. */
    private final Breakpoints breakpoints;
    private final long seed;
    private double tolerance;
    private List<Segment> resumed = List.of();
    private List<Segment> plan = List.of();
    /** Per kept segment of a march, the solver that solved it (its last factorization), when asked for; null otherwise. */
    private java.util.Map<Segment, FeatureLeastSquares> solvers;
    /** The spec of the whole-domain solve kept (a boundary value problem's), for the check that it is determined. */
    private Spec wholeSpec;
    /** The start the joint solve kept came from (the one-segment solution's values, or zero), for its check. */
    private java.util.function.DoubleFunction<double[][]> jointStart;
    private int iterations;
    private boolean stopped;
    private boolean diverged;
    private boolean coveredChecked; // a march that ended early agrees with the classical integrator on what it covers

    public LeastSquaresTrainer(CompiledProblem problem, TrainingMonitor monitor) {
        this.problem = problem;
        this.segmentSolver = new FeatureSegments(problem, monitor);
        this.breakpoints = Breakpoints.of(problem);
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

    /**
     * Marches along {@code previous}'s segments where they still serve: a solve of a nearby
     * problem (the same equations at other param values, as a fit or a bundle makes in turn)
     * tries each of its segments' lengths first, warm-started from its output weights. Every
     * segment is still accepted only by its own defect; the plan only saves the step
     * controller's growing and rejecting. Only for an initial value problem with the same
     * settings and initial point; the first march only (a march redone with a tighter
     * tolerance is controlled afresh).
     */
    public LeastSquaresTrainer guidedBy(TrainedSolution previous) {
        if (previous != null && problem.initialPoint().isPresent() && settings.segments() == 0
                && previous.problem().initialPoint().equals(problem.initialPoint())
                && previous.problem().settings().equals(settings) && previous.report().converged()) {
            plan = previous.segments();
        }
        return this;
    }

    /**
     * Keeps, for every segment a march keeps, the solver that solved it, so that its sensitivities
     * ({@link Sensitivities#derivatives}) need not build and factor its Jacobian again
     * ({@link #solverOf}). Costs the solvers' memory for as long as this trainer is kept.
     */
    LeastSquaresTrainer keepingSolvers() {
        solvers = new java.util.IdentityHashMap<>();
        return this;
    }

    /** The solver kept for one of the solution's segments ({@link #keepingSolvers}), or null. */
    FeatureLeastSquares solverOf(Segment segment) {
        return solvers == null ? null : solvers.get(segment);
    }

    /** The planned segment that starts at {@code position} going in {@code direction}, or null. */
    private Segment planned(double position, double direction) {
        double slack = 1e-12 * problem.domain().length();
        // The plan's segments are ordered and adjacent: a binary search for the end at the position.
        int low = 0;
        int high = plan.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Segment segment = plan.get(middle);
            double end = direction > 0 ? segment.lower() : segment.upper();
            if (Math.abs(end - position) <= slack) {
                return segment;
            }
            if (end < position) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return null;
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

    public TrainedSolution train() {
        long start = System.nanoTime();
        OptionalDouble initial = problem.initialPoint();
        List<Segment> segments;
        boolean valid;
        double worstLoss;
        Optional<ClassicalReference> checkedAgainst = Optional.empty();
        Optional<TrainedSolution.Samples> samples = Optional.empty();
        boolean ambiguous = false; // a boundary value problem the conditions do not determine, or a march the classical integrator contradicts
        if (initial.isPresent()) {
            March march = marchBothWays(initial.getAsDouble());
            if (DEBUG) {
                System.err.printf(Locale.ROOT, "marched in %.3f s%n", (System.nanoTime() - start) / 1e9);
            }
            // A march that ended early (a blow-up, growth past double precision, a point where the solution stops
            // existing) is checked on the part it covers, where the classical integrator goes through as well.
            boolean partial = !march.complete && !stopped && settings.segments() == 0 && !march.segments.isEmpty();
            double lowerEnd = partial ? march.segments.stream().mapToDouble(Segment::lower).min().orElseThrow() : problem.domain().lower();
            double upperEnd = partial ? march.segments.stream().mapToDouble(Segment::upper).max().orElseThrow() : problem.domain().upper();
            Optional<ClassicalReference> reference = settings.segments() == 0 && march.complete ? reference()
                    : partial ? coveredReference(lowerEnd, upperEnd) : Optional.empty();
            if (DEBUG) {
                System.err.printf(Locale.ROOT, "reference after %.3f s%n", (System.nanoTime() - start) / 1e9);
            }
            double target = DEVIATION_FRACTION * settings.accuracy();
            MarchingConditions.Check check = null; // of the march kept
            for (int again = 0; again < MAX_REMARCHES && reference.isPresent() && !stopped; again++) {
                if (check == null) {
                    check = MarchingConditions.check(problem, march.segments, reference.get(), lowerEnd, upperEnd);
                }
                double deviation = check.deviation();
                if (!(deviation > target)) {
                    if (partial && !Double.isNaN(deviation)) {
                        march = new March(march.segments, march.worstLoss, true, false);
                        coveredChecked = true;
                        notes.add(agreement(lowerEnd, upperEnd, deviation));
                    } else if (!march.valid && !Double.isNaN(deviation)) {
                        march = new March(march.segments, march.worstLoss, true, march.complete);
                        notes.add("the residual stayed above its target on part of the domain, but the solution agrees with the"
                                + " classical integrator to " + format(deviation));
                    }
                    break;
                }
                if (partial) {
                    // Marching again would end at the same point. The last segments before a singularity are the ones
                    // that miss (y' = y^2 on [0, 1] crawls to 1 - 1e-11): the longest part from the initial point that
                    // agrees is kept, and the segments beyond it are dropped (queries there are refused, not guessed).
                    Trimmed trimmed = agreeingPart(march.segments, reference.get(), initial.getAsDouble(), lowerEnd, target);
                    if (trimmed != null) {
                        notes.add(agreement(lowerEnd, trimmed.upper(), trimmed.check().deviation()) + "; the segments beyond it,"
                                + " up to " + Printer.compact(upperEnd, 6) + ", did not (" + format(deviation) + ") and were dropped");
                        march = new March(trimmed.segments(), march.worstLoss, true, false);
                        check = trimmed.check();
                        coveredChecked = true;
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
                plan = List.of();
                March again2 = marchBothWays(initial.getAsDouble());
                MarchingConditions.Check checkAgain = MarchingConditions.check(problem, again2.segments, reference.get());
                if (!(checkAgain.deviation() >= deviation)) {
                    march = again2;
                    check = checkAgain;
                }
            }
            segments = march.segments;
            checkedAgainst = reference;
            samples = check == null ? Optional.empty() : Optional.of(check.samples());
            valid = march.valid;
            worstLoss = march.worstLoss;
            if (valid && !partial && !stopped && check != null && check.deviation() > target) {
                // Every segment met its tolerance, yet the classical integrator disagrees after marching again: one of the
                // two is wrong (a chaotic flow past its horizon, a jump the integrator stepped over), and nothing here says
                // which. The answers say so rather than take either side.
                valid = false;
                ambiguous = true;
                notes.add("the solution still deviates by " + format(check.deviation()) + " (relative) from the classical"
                        + " integrator after marching again with tighter tolerances: one of the two is wrong here (a chaotic"
                        + " problem over a long horizon, or a feature of the equations one of them does not resolve)");
            }
        } else {
            SegmentResult result = whole();
            List<Segment> found = List.of(result.segment());
            valid = result.valid();
            worstLoss = result.loss();
            boolean joint = false;
            if (!valid && !stopped && JointSegments.applicable(problem)) {
                // A layer thinner than one segment resolves, a long or exponential solution: many segments, solved jointly.
                JointSegments.Result many = joint(result);
                if (many.valid() || many.worstRatio() < result.ratio()) {
                    found = many.segments();
                    valid = many.valid();
                    worstLoss = many.worstLoss();
                    joint = true;
                    wholeSpec = null; // the second solve's check is for one segment
                    notes.add("solved as " + found.size() + " segments jointly (multiple shooting)");
                    if (many.note() != null) {
                        notes.add(many.note());
                    }
                }
            }
            segments = found;
            // Segments solved jointly are checked against shooting whenever it works: their outer system is
            // where a nearly singular problem would hide (the second solve below may pick the same member of a family).
            boolean checkJoint = joint && valid;
            if ((!valid || checkJoint) && !stopped && Double.isFinite(worstLoss)) {
                // As for an initial value problem: a defect above its target (a boundary layer, a
                // solution growing like e^(10x)) with values that agree with the classical solution
                // (shooting, from near the trained state) to the accuracy aimed at is a valid solution.
                Optional<ClassicalReference> shooting = shooting(segments);
                double deviation = shooting.map(r -> MarchingConditions.check(problem, segments, r).deviation()).orElse(Double.NaN);
                if (deviation <= DEVIATION_FRACTION * settings.accuracy()) {
                    checkedAgainst = shooting; // verify and the answers' accuracy need not shoot again
                    if (!valid) {
                        valid = true;
                        notes.add("the residual stayed above its target on part of the domain, but the solution agrees with the"
                                + " classical integrator (shooting) to " + format(deviation));
                    }
                } else if (checkJoint && !Double.isNaN(deviation)) {
                    valid = false;
                    ambiguous = true;
                    notes.add("the segments solved jointly satisfy the equations and conditions but deviate by " + format(deviation)
                            + " from the classical integrator (shooting): more than one solution, or a nearly singular problem");
                }
            }
            if (valid && !stopped && (joint || wholeSpec != null)) {
                // Jointly solved: shooting's agreement is the check; without it, a second solve with other features.
                String ambiguity = !joint ? ambiguity(result, wholeSpec) : checkedAgainst.isEmpty() ? jointAmbiguity(segments) : null;
                if (ambiguity != null) {
                    notes.add(ambiguity);
                    valid = false;
                    ambiguous = true;
                }
            }
        }
        if (!valid && !stopped && !diverged && !ambiguous) {
            notes.add("the residual stayed above the target (" + format(tolerance) + " relative to the solution's size) on part"
                    + " of the domain");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // A stop leaves a solution on part of the domain (the report says it stopped, the
        // solution what it covers): what it covers converged if every kept segment did.
        // A march that ended early converged on the part it covers when the classical integrator agrees there.
        boolean converged = (!diverged || coveredChecked) && valid && Double.isFinite(worstLoss);
        TrainedSolution unreported = new TrainedSolution(problem, segments,
                new TrainingReport(0, worstLoss, seconds, segments.size(), 0, converged, stopped, List.of()));
        for (PenaltyCondition penalty : problem.penalties()) {
            double residual = Math.abs(unreported.evaluate(penalty.residual()));
            notes.add("the condition " + penalty.text() + " holds to " + format(residual) + " (a penalty: " + penalty.reason() + ")");
        }
        return new TrainedSolution(problem, segments,
                new TrainingReport(iterations, worstLoss, seconds, segments.size(), 0, converged, stopped, notes), checkedAgainst,
                samples);
    }

    private SegmentResult solve(Spec spec, double[] warm) {
        return solve(spec, warm, false);
    }

    private SegmentResult solve(Spec spec, double[] warm, boolean forced) {
        return solve(spec, warm, forced, FeatureLeastSquares.MAX_ITERATIONS, null);
    }

    /**
     * With at most {@code limit} Gauss–Newton iterations (fewer for a longer stiff step, {@link #STIFF_ITERATIONS})
     * and {@code guide}'s values as one more start (a rejected stiff try's, or a stiff predictor; may be null).
     */
    private SegmentResult solve(Spec spec, double[] warm, boolean forced, int limit, FeatureSegments.Guide guide) {
        return solve(spec, warm, forced, limit, guide, false);
    }

    /** The same, Gauss–Newton {@code patient} after a poor first step (the whole domain of a boundary value problem). */
    private SegmentResult solve(Spec spec, double[] warm, boolean forced, int limit, FeatureSegments.Guide guide, boolean patient) {
        SegmentResult result = segmentSolver.solve(spec, warm, forced, tolerance, limit, guide, patient);
        iterations += result.iterations();
        stopped |= result.stopped();
        return result;
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
        // More features do not help one segment across a jump of the equations: it goes to segments solved jointly.
        boolean adapt = !settings.isExplicit("hidden") && settings.points() == 0 && breakpoints.isEmpty();
        for (int attempt = 0; attempt < (adapt ? 5 : 1) && !stopped; attempt++, features *= 2) {
            Spec spec = new Spec(lower, upper, problem.trial(), problem.penalties(), scales, weights, features);
            SegmentResult result = solve(spec, null, false, FeatureLeastSquares.MAX_ITERATIONS, null, true);
            if (best == null || result.ratio() < best.ratio()) {
                wholeSpec = spec;
            }
            if (best == null || result.ratio() < best.ratio()) {
                best = result;
            }
            if (result.valid()) {
                break;
            }
            if (!problem.penalties().isEmpty()) {
                // A nonlinear condition can make β = 0 a stationary point (y(0)^2 = 1 at y = 0): try random starts too.
                for (int restart = 1; restart <= 2 && !best.valid(); restart++) {
                    NetworkLayout layout = segmentSolver.layout(features);
                    double[] start = segmentSolver.frozen(layout);
                    SplittableRandom random = new SplittableRandom(seed + restart);
                    for (int i = 0; i < start.length; i++) {
                        start[i] += 0.5 * (2 * random.nextDouble() - 1); // frozen layers are overwritten: β only
                    }
                    SegmentResult again = solve(spec, start, true);
                    if (again.ratio() < best.ratio()) {
                        best = again;
                    }
                }
                if (best.valid()) {
                    break;
                }
            }
        }
        return best;
    }

    /** The boundary value problem as segments solved jointly, from the one-segment solution's values. */
    private JointSegments.Result joint(SegmentResult single) {
        java.util.function.DoubleFunction<double[][]> guess = valuesOf(single);
        int count = settings.segments() > 1 ? settings.segments() : JOINT_SEGMENTS;
        JointSegments solver = jointWith(segmentSolver, guess);
        JointSegments.Result result = solver.solve(count, guess, settings.segments() > 1);
        jointStart = guess;
        if (!result.valid() && !stopped && !solver.linear()) {
            // A nonlinear problem's Newton depends on its start: from zero as well (Troesch at λ = 10, where one
            // seed's one-segment solution is too far off), the better of the two kept.
            java.util.function.DoubleFunction<double[][]> zero = x -> zeros();
            JointSegments.Result again = jointWith(segmentSolver, zero).solve(count, zero, settings.segments() > 1);
            if (again.valid() || again.worstRatio() < result.worstRatio()) {
                result = again;
                jointStart = zero;
            }
        }
        return result;
    }

    private double[][] zeros() {
        double[][] zeros = new double[orders.length][];
        for (int u = 0; u < orders.length; u++) {
            zeros[u] = new double[orders[u] + 1];
        }
        return zeros;
    }

    /** Multiple shooting over {@code features}' segments, each scaled as the march scales its own. */
    private JointSegments jointWith(FeatureSegments features, java.util.function.DoubleFunction<double[][]> guess) {
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        double[] largest = new double[orders.length];
        for (int i = 0; i <= 16; i++) {
            double[][] v = guess.apply(lower + (upper - lower) * i / 16);
            for (int u = 0; u < orders.length; u++) {
                largest[u] = Math.max(largest[u], orders[u] > 0 ? Math.abs(v[u][0]) : 0);
            }
        }
        double fullLength = upper - lower;
        JointSegments.SegmentSolver solver = (from, to, start, warm, frame) -> {
            double[] derivativeSize = MarchingConditions.derivativeSize(orders, frame,
                    MarchingConditions.initialHighest(problem, from, frame), fullLength);
            Spec framed = spec(from, Math.signum(to - from), Math.abs(to - from), to, frame, derivativeSize, largest);
            TrialSystem trial = TrialSystemBuilder.build(orders, MarchingConditions.conditions(problem, from, start),
                    CoordinateMap.of(framed.lower(), framed.upper()), settings.trial());
            SegmentResult result = features.solve(new Spec(framed.lower(), framed.upper(), trial, List.of(), framed.scales(),
                    framed.weights(), framed.features()), warm, warm != null, tolerance);
            iterations += result.iterations();
            stopped |= result.stopped();
            return result;
        };
        return new JointSegments(problem, solver, tolerance, settings.accuracy(), () -> stopped);
    }

    /**
     * Whether the conditions determine a jointly solved solution that shooting could not confirm: the
     * problem solved again, segments and all, with another seed's features from the first solve's start
     * (the one-segment solution's values, or zero) moved by a fifth of their size and a hundredth in a
     * fixed irregular pattern. Each feature set makes a slightly different discrete problem: a determined one has the same
     * solution in both to the accuracy aimed at, a nearly singular one does not — or the second solve does
     * not converge at all (y'' + 4y = sin x, y(0) = 0, y(20π) = 1 has no solution; the first solve found a
     * "solution" of size 7e8). On the first solve's segments the other features are not at home (their
     * mesh was made for the first's), so the second solve makes its own. Returns the note that the
     * solution is not trusted, or null.
     */
    private String jointAmbiguity(List<Segment> found) {
        java.util.function.DoubleFunction<double[][]> values = jointStart;
        java.util.function.DoubleFunction<double[][]> guess = x -> {
            double[][] v = values.apply(x);
            for (int u = 0; u < v.length; u++) {
                for (int k = 0; k < v[u].length; k++) {
                    double w = Math.sin(12.9898 * x + 78.233 * (7 * u + k + 1));
                    v[u][k] = v[u][k] * (1 + 0.2 * w) + 0.01 * w;
                }
            }
            return v;
        };
        FeatureSegments other = new FeatureSegments(problem, monitor, seed + SECOND_SEED);
        JointSegments.Result again = jointWith(other, guess).solve(JOINT_SEGMENTS, guess, false);
        if (stopped) {
            return null;
        }
        if (again.note() != null || again.segments().isEmpty()) {
            return "solved again with other network features, the segments' joint system did not converge, and there is"
                    + " no classical reference to confirm the solution (a problem without a solution, or a nearly singular one)";
        }
        return difference(solutionOf(found), solutionOf(again.segments()), true);
    }

    /** u^(k)(x), k ≤ m_u, of a one-segment solution; zeros where it is not finite. */
    private java.util.function.DoubleFunction<double[][]> valuesOf(SegmentResult single) {
        return x -> {
            double[][] v = MarchingConditions.endValues(single.segment(), orders, x);
            return MarchingConditions.finite(v) ? v : zeros();
        };
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
        HighestDerivatives.Roots roots = MarchingConditions.initialRoots(problem, from, values, true);
        double[] highest = roots.highest();
        for (int u = 0; u < highest.length; u++) {
            if (!Double.isFinite(highest[u])) {
                highest[u] = 0; // a singular point (2/x at x = 0): not known there
            }
        }
        if (!roots.others().isEmpty()) {
            String note = branches(from, roots);
            if (!notes.contains(note)) {
                notes.add(note);
            }
        }
        // Where the equations' partials by the highest derivatives vanish at zero (y'^2 = 1 - y^2 from y = 0), so do
        // Gauss-Newton's at beta = 0: the first segment also tries the Taylor polynomial of the initial values as a start.
        double[][] initialValues = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        double[] initialHighest = highest.clone();
        FeatureSegments.Guide taylor = roots.moved()
                ? points -> MarchingConditions.taylor(orders, from, initialValues, initialHighest, points) : null;
        double[] largest = new double[orders.length];
        double initialSize = 1;
        for (int u = 0; u < orders.length; u++) {
            largest[u] = orders[u] > 0 ? Math.abs(values[u][0]) : 0;
            for (double v : values[u]) {
                initialSize = Math.max(initialSize, Math.abs(v));
            }
        }
        double[] derivativeSize = MarchingConditions.derivativeSize(orders, values, highest, fullLength);
        boolean fixed = settings.segments() > 1;
        double length = fixed ? fullLength / settings.segments()
                : Math.min(fullLength / 8, MarchingConditions.firstStep(orders, values, highest, fullLength));
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
                values[u] = Arrays.copyOf(next[u], orders[u]);
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
        boolean planHere = true; // false after the planned segment was rejected at this position
        boolean growthChecked = false;
        double previousRatio = Double.NaN; // the defect ratio of the last rejected try at this position
        List<SegmentResult> triesHere = new ArrayList<>(); // the rejected tries at this position
        // How far the round-off floor has been found above its estimate where steps ten times shorter did not help
        // (STAGNANT_RANGE): a try within it is kept as at its floor, without shortening the step tenfold again at each
        // position.
        double floorFactor = 1;
        boolean atFloor = false; // the segment kept is the best try after shorter steps stopped helping
        boolean rejectedHere = false; // a stiff try at this position was rejected: the next step does not grow
        double accepted = Double.NaN; // the length of the last segment kept
        boolean stiffMarch = false; // the last segment kept was a stiff one
        SegmentResult stiffRejected = null; // the best rejected stiff try at this position
        int widerFailures = 0; // consecutive positions where more features did not lower the defect
        int widerSkipped = 0;
        // A length on which Gauss–Newton did not converge: later steps stay below it, creeping up on it again
        double ceiling = Double.POSITIVE_INFINITY;
        boolean plainCeiling = false; // the ceiling was set by a non-stiff try: it bounds non-stiff steps too
        while (Math.abs(to - position) > 1e-12 * fullLength && !stopped && segments.size() < MAX_SEGMENTS) {
            double remaining = Math.abs(to - position);
            // The plan's segment from here first; after it was rejected here, the controller's own steps.
            Segment hint = planHere && !fixed ? planned(position, direction) : null;
            double step = hint == null ? Math.min(length, remaining)
                    : Math.min(direction > 0 ? hint.upper() - position : position - hint.lower(), remaining);
            if (remaining - step < 0.05 * step) {
                step = remaining;
            }
            // A segment across a jump of the equations never meets its tolerance: it ends there (spec snaps onto it).
            step = Math.min(step, breakpoints.ahead(position, direction));
            // A stiff march bounds Gauss–Newton on a step longer than the last one kept (STIFF_ITERATIONS).
            // So does any march on a step longer than the last one kept once Gauss-Newton has failed to converge on such a
            // non-stiff step (plainCeiling): the Pollution problem past t = 23 tried steps of 3-6 in vain, 40 iterations each.
            int limit = (stiffMarch || plainCeiling) && step > accepted ? STIFF_ITERATIONS
                    : FeatureLeastSquares.MAX_ITERATIONS;
            // A shorter stiff try starts from the rejected longer one's values there, a longer one from a linearly
            // implicit Euler step over it (when either fits the equations better than the last segment's β):
            // Gauss–Newton from the last segment's β converges only on a segment as long as that one (Robertson
            // at t = 3000: 15.6 in 3 iterations, 10.3 not in 32).
            FeatureSegments.Guide guide = stiffRejected != null && step < length(stiffRejected)
                    ? segmentSolver.guide(stiffRejected.segment())
                    : stiffMarch && step > accepted ? predictor(position, direction * step, values, highest)
                    : segments.isEmpty() ? taylor : null;
            SegmentResult result = solve(spec(position, direction, step, to, values, derivativeSize, largest),
                    hint != null ? hint.parameters() : warm, false, limit, guide);
            double shortest = MarchingConditions.shortestStep(orders, values, derivativeSize, fullLength);
            if (stopped && !result.valid() && !segments.isEmpty()) {
                break; // a segment cut short by a stop request is not kept: the march ends at the last good one
            }
            if (hint != null && !result.valid() && !stopped) {
                // The plan does not serve here: the controller's step, shortened as for its own rejected try.
                if (Double.isFinite(result.ratio())) {
                    length = Math.min(length, step * Math.max(0.1, Math.min(0.7, 0.9 * Math.pow(result.ratio(), -1 / ORDER))));
                }
                planHere = false;
                continue;
            }
            boolean withinLearntFloor = !result.valid() && floorFactor > 1 && Double.isFinite(result.loss())
                    && result.defect() <= floorFactor * result.floor();
            if (withinLearntFloor) {
                atFloor = true;
            } else if (!result.valid() && !fixed && !stopped) {
                if (best == null || result.ratio() < best.ratio()) {
                    best = result;
                }
                // Shorter steps help until the defect reaches its round-off floor: stop shortening when
                // the last one did not halve it.
                // A defect above ROUND_OFF_DEFECT is not round-off, unless it is within a few times the
                // floor of the equations' own terms (a Kepler orbit's pericentre at e = 0.99).
                // Nor is a defect that steps STAGNANT_RANGE times shorter did not halve, when it is within
                // LARGEST_FLOOR_FACTOR of the estimated floor (a floor the estimate misses; the classical check
                // judges the segments kept there).
                boolean stagnant = false;
                for (SegmentResult earlier : triesHere) {
                    stagnant |= length(earlier) >= STAGNANT_RANGE * step && best.defect() >= 0.5 * earlier.defect();
                }
                stagnant &= best.defect() <= LARGEST_FLOOR_FACTOR * best.floor();
                triesHere.add(result);
                boolean improving = !stagnant && (Double.isNaN(previousRatio) || result.ratio() < 0.5 * previousRatio
                        || !(best.defect() <= ROUND_OFF_DEFECT) && !(best.defect() <= NEAR_FLOOR * best.floor()));
                previousRatio = result.ratio();
                rejectedHere |= result.stiff();
                if (result.stiff() && Double.isFinite(result.ratio()) && (stiffRejected == null || result.ratio() < stiffRejected.ratio())) {
                    stiffRejected = result;
                }
                if (step > shortest && (improving || !Double.isFinite(best.ratio()))) {
                    double factor = Double.isFinite(result.ratio()) ? Math.pow(result.ratio(), -1 / ORDER) : 0.1;
                    length = Math.max(shortest, step * Math.max(0.1, Math.min(0.7, 0.9 * factor)));
                    if (result.stiff() && Double.isFinite(result.ratio()) && result.iterations() >= limit
                            && step > accepted) {
                        // A longer stiff step than the last one kept, on which Gauss–Newton did not converge (too long
                        // for its start): its defect says nothing of truncation, so back off by half, not to a tenth,
                        // and never below the length just kept; later steps stay below this one for a while.
                        length = Math.max(length, Math.max(accepted, 0.5 * step));
                        ceiling = Math.min(ceiling, step);
                    } else if (!result.stiff() && result.iterations() >= limit && step > accepted) {
                        ceiling = Math.min(ceiling, step); // not converged on a longer step: later ones stay below it a while
                        plainCeiling = true;
                    }
                    continue;
                }
                // The shortest step cannot reach the tolerance.
                if (!Double.isFinite(best.ratio())) {
                    return endHere(segments, best, worstLoss, position, values, initialSize,
                            "even segments of " + format(step) + " could not satisfy the equations there");
                }
                result = best;
                if (stagnant) {
                    // At a floor no step length changes, the longest try near the best defect goes furthest.
                    for (SegmentResult earlier : triesHere) {
                        if (earlier.defect() <= 2 * best.defect() && Double.isFinite(earlier.loss()) && length(earlier) > length(result)) {
                            result = earlier;
                        }
                    }
                }
                atFloor = true;
                step = length(result);
                if (stagnant) {
                    floorFactor = Math.min(LARGEST_FLOOR_FACTOR, Math.max(floorFactor, 2 * best.defect() / best.floor()));
                }
                // Shorter steps stopped helping: more features may (twice, then four times as many). Where they
                // did not help the last WIDER_FAILURES times, they are tried only every WIDER_RETRY-th time: the
                // widest solve costs as much as a dozen default ones, and on Robertson's long horizon every one of
                // thousands of positions tried both in vain.
                boolean tryWider = widerFailures < WIDER_FAILURES || ++widerSkipped % WIDER_RETRY == 0;
                if (tryWider && !settings.isExplicit("hidden") && !(best.defect() <= ROUND_OFF_DEFECT * 1e-3)) {
                    Spec base = spec(position, direction, step, to, values, derivativeSize, largest);
                    boolean helped = false;
                    for (int features = 2 * DEFAULT_FEATURES; features <= 4 * DEFAULT_FEATURES && !result.valid() && !stopped;
                            features *= 2) {
                        SegmentResult wider = solve(new Spec(base.lower(), base.upper(), base.trial(), base.penalties(), base.scales(),
                                base.weights(), features), null);
                        if (wider.ratio() < result.ratio()) {
                            result = wider;
                            helped = true;
                        }
                    }
                    widerFailures = helped ? 0 : widerFailures + 1;
                }
                if (step < SHORTEST_FRACTION * fullLength) {
                    // Steps this short towards a point the equations cannot be satisfied at (a singularity, the
                    // end of the solution): going on would crawl towards it for ever. (A jump of the right-hand
                    // side is crossed by one bad short segment: that one is kept, and the classical check judges.)
                    return endHere(segments, result, worstLoss, position, values, initialSize,
                            "the steps shrank to " + format(step) + " without satisfying the equations");
                }
            }
            best = null;
            planHere = true;
            previousRatio = Double.NaN;
            triesHere.clear();
            segments.add(result.segment());
            if (solvers != null) {
                solvers.put(result.segment(), result.solver());
            }
            worstLoss = Math.max(worstLoss, result.loss());
            valid &= result.valid();
            double end = direction > 0 ? result.segment().upper() : result.segment().lower();
            double[][] next = MarchingConditions.endValues(result.segment(), orders, end);
            for (int u = 0; u < orders.length; u++) {
                highest[u] = next[u][orders[u]];
                values[u] = Arrays.copyOf(next[u], orders[u]);
                derivativeSize[u] = Math.max(Math.abs(highest[u]), 0.5 * derivativeSize[u]);
                if (orders[u] > 0) {
                    largest[u] = Math.max(largest[u], Math.abs(values[u][0]));
                }
            }
            position = end;
            monitor.marched(step, fullLength);
            warm = result.segment().parameters();
            boolean suspicious = MarchingConditions.grew(orders, values, GROWTH * initialSize)
                    || !result.valid() && MarchingConditions.grew(orders, values, SUSPECT_GROWTH * initialSize);
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
            if (MarchingConditions.grew(orders, values, OVERFLOW)) {
                // Values this large overflow the equations' terms next: the march cannot go on in double precision.
                return endHere(segments, result, worstLoss, position, values, initialSize,
                        "the values reached the range where double precision overflows");
            }
            if (!MarchingConditions.finite(values)) {
                String why = blowUp(position, values, initialSize);
                notes.add(why != null ? why : "the solution is no longer finite at " + problem.domain().variable() + " = "
                        + format(position));
                diverged = true;
                return new March(segments, worstLoss, false, false);
            }
            if (!fixed) {
                // A stiff segment's defect below the round-off floor of its terms is that round-off, not truncation: it
                // says nothing against a longer step, and its share of the defect falls as the step grows (StiffDefect).
                // (Robertson's kinetics crawled at 0.03 with ratios of 0.5-0.9 from round-off alone.)
                boolean noise = result.stiff() && result.defect() <= result.floor();
                double factor = result.ratio() > 0 && !noise ? Math.pow(result.ratio(), -1 / ORDER) : 4;
                // A segment kept because shorter ones stopped helping is at its round-off floor, where a
                // longer step does no worse: grow again instead of crawling on at the short length.
                // Stiff steps, as implicit integrators take them: no growth at once after a rejection here (Hairer, Nørsett &
                // Wanner I, II.4), and little after a segment Gauss–Newton needed many iterations for: a longer one may not
                // converge at all (Robertson: segments of 0.8 in 3 iterations, of 1.6 not in 40).
                double most = !result.stiff() ? 4 : rejectedHere ? 1
                        : result.iterations() <= FAST_CONVERGENCE ? 4 : result.iterations() <= SLOW_CONVERGENCE ? 1.5 : 1;
                length = step * (atFloor ? FLOOR_GROWTH : Math.max(1, Math.min(most, 0.9 * factor)));
                if ((result.stiff() || plainCeiling) && length > step && length > 0.8 * ceiling) {
                    length = Math.max(step, 0.8 * ceiling);
                }
                ceiling *= CEILING_GROWTH;
                if (result.valid()) {
                    floorFactor = Math.max(1, floorFactor * FLOOR_FACTOR_DECAY);
                }
            }
            atFloor = false;
            rejectedHere = false;
            stiffRejected = null;
            accepted = step;
            stiffMarch = result.stiff();
        }
        return new March(segments, worstLoss, valid, Math.abs(to - position) <= 1e-12 * fullLength);
    }

    /**
     * A blow-up, said only with evidence: the values grew by {@link #SUSPECT_GROWTH} or more (or
     * stopped being finite) and the classical integrator fails near the same point — near relative
     * to how far it got, and not by overflowing (growth past the largest double, such as {@code y' = y}
     * on [0, 800], is not a singularity: that is said as such). Null otherwise.
     */
    private String blowUp(double position, double[][] values, double initialSize) {
        String variable = problem.domain().variable();
        double size = 0;
        for (int u = 0; u < orders.length; u++) {
            if (orders[u] > 0) {
                size = Double.isNaN(values[u][0]) ? Double.NaN : Math.max(size, Math.abs(values[u][0]));
            }
        }
        if (size > OVERFLOW) {
            return "the solution grows beyond the range of double precision near " + variable + " = " + format(position)
                    + " (|u| reached " + format(size) + "; the equations' terms overflow soon after): there are no values beyond"
                    + " that point in double precision";
        }
        try {
            ClassicalReference.of(problem);
            return null; // the integrator goes through: whatever stopped us, it was not a singularity
        } catch (ClassicalReference.ReferenceException e) {
            double reached = e.reached();
            double start = problem.initialPoint().orElse(problem.domain().lower());
            if (Double.isNaN(reached) || Math.abs(reached - position) > 0.05 * Math.abs(reached - start)) {
                return null; // it fails somewhere else: not the singularity we are near
            }
            if (e.size() > OVERFLOW) { // (our own values above it were said before asking)
                return "the solution grows beyond the range of double precision near " + variable + " = " + format(position)
                        + " (|u| reached " + format(Math.max(size, e.size()))
                        + "; the classical integrator overflows at " + variable + " = " + format(reached)
                        + " too): there are no values beyond that point in double precision";
            }
            if (Double.isFinite(size) && size <= SUSPECT_GROWTH * initialSize) {
                return null;
            }
            return "the solution blows up near " + variable + " = " + format(position) + " (|u| reached " + format(size)
                    + ", and the classical integrator fails at " + variable + " = " + format(reached)
                    + " too); there is no solution beyond that point";
        }
    }

    /**
     * The march ends at {@code position}: a blow-up or an overflow when the classical integrator
     * gives evidence of one, otherwise "the solution beyond is not known" with {@code why}.
     */
    private March endHere(List<Segment> segments, SegmentResult best, double worstLoss, double position, double[][] values,
            double initialSize, String why) {
        String blowUp = blowUp(position, values, initialSize);
        if (blowUp != null) {
            diverged = true;
            notes.add(blowUp);
        } else {
            notes.add("marching stopped at " + problem.domain().variable() + " = " + format(position) + ": " + why
                    + "; the solution beyond is not known");
        }
        if (segments.isEmpty()) {
            segments.add(best.segment()); // the best try, so that there is something to show (marked unreliable)
        }
        return new March(segments, worstLoss, false, false);
    }

    /**
     * A stiff predictor over a step h from x0: one linearly implicit Euler step of the equations,
     * {@code (A + hB) Δ = h A u'(x0)} with A, B their partials by u' and u at x0, and the values
     * u(x0) + (x − x0)/h · Δ in between (first-order systems with one derivative per equation only;
     * null otherwise or when the step cannot be solved).
     */
    /**
     * The note for equations that allow more than one value of the highest derivatives at the initial point:
     * which was followed, and how to choose another.
     */
    private String branches(double x0, HighestDerivatives.Roots roots) {
        StringBuilder taken = new StringBuilder();
        StringBuilder other = new StringBuilder();
        for (int u = 0; u < orders.length; u++) {
            final int unknown = u;
            if (roots.others().stream().noneMatch(o -> o[unknown] != roots.highest()[unknown])) {
                continue;
            }
            String name = problem.unknowns().get(u).name() + "'".repeat(orders[u]) + "(" + Printer.compact(x0, 6) + ")";
            taken.append(taken.length() == 0 ? "" : ", ").append(name).append(" = ").append(Printer.compact(roots.highest()[u], 6));
            for (double[] o : roots.others()) {
                other.append(other.length() == 0 ? "" : ", ").append(name).append(" = ").append(Printer.compact(o[u], 6));
            }
        }
        return "the equations allow more than one value at the initial point: " + taken + " (followed) or " + other
                + "; to follow another, write the equation solved for the derivative (y' = -sqrt(...))";
    }

    FeatureSegments.Guide predictor(double x0, double h, double[][] values, double[] highest) {
        int n = orders.length;
        List<org.neuroform.compiler.Equation> equations = problem.equations();
        if (equations.size() != n) {
            return null;
        }
        org.ejml.data.DMatrixRMaj k = new org.ejml.data.DMatrixRMaj(n, n);
        org.ejml.data.DMatrixRMaj right = new org.ejml.data.DMatrixRMaj(n, 1);
        for (int e = 0; e < n; e++) {
            org.neuroform.compiler.Equation equation = equations.get(e);
            int main = -1;
            for (int t = 0; t < equation.terms().size(); t++) {
                org.neuroform.compiler.sym.Derivative d = equation.terms().get(t);
                if (orders[d.unknown()] != 1 || d.order() > 1) {
                    return null;
                }
                double partial = org.neuroform.compiler.sym.Evaluator.evaluate(equation.partials().get(t), leaf -> {
                    if (leaf instanceof org.neuroform.compiler.sym.Variable) {
                        return x0;
                    }
                    org.neuroform.compiler.sym.Derivative v = (org.neuroform.compiler.sym.Derivative) leaf;
                    return v.order() == 0 ? values[v.unknown()][0] : highest[v.unknown()];
                });
                if (!Double.isFinite(partial)) {
                    return null;
                }
                if (d.order() == 1) {
                    if (main >= 0) {
                        return null;
                    }
                    main = d.unknown();
                    k.add(e, d.unknown(), partial);
                    right.set(e, 0, h * partial * highest[d.unknown()]);
                } else {
                    k.add(e, d.unknown(), h * partial);
                }
            }
            if (main < 0) {
                return null;
            }
        }
        org.ejml.data.DMatrixRMaj delta = new org.ejml.data.DMatrixRMaj(n, 1);
        if (!org.ejml.dense.row.CommonOps_DDRM.solve(k, right, delta)) {
            return null;
        }
        for (double v : delta.data) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        double[] start = new double[n];
        for (int u = 0; u < n; u++) {
            start[u] = values[u][0];
        }
        return points -> {
            double[][] targets = new double[n][points.length];
            for (int u = 0; u < n; u++) {
                for (int p = 0; p < points.length; p++) {
                    targets[u][p] = start[u] + (points[p] - x0) / h * delta.get(u, 0);
                }
            }
            return targets;
        };
    }

    private static double length(SegmentResult result) {
        return Math.abs(result.segment().upper() - result.segment().lower());
    }

    /** The segment of length {@code step} from {@code position} towards {@code to}. */
    private Spec spec(double position, double direction, double step, double to, double[][] values, double[] derivativeSize,
            double[] largest) {
        double end = breakpoints.snap(direction > 0 ? Math.min(to, position + step) : Math.max(to, position - step));
        if (Math.abs(to - end) <= 1e-12 * problem.domain().length()) {
            end = to;
        }
        double lower = Math.min(position, end);
        double upper = Math.max(position, end);
        TrialSystem trial = TrialSystemBuilder.build(orders, MarchingConditions.conditions(problem, position, values),
                CoordinateMap.of(lower, upper), settings.trial());
        double[] scales = MarchingConditions.marchingScales(orders, values, derivativeSize, upper - lower);
        double[] magnitudes = new double[orders.length];
        double system = 0;
        for (int u = 0; u < orders.length; u++) {
            system = Math.max(system, Math.max(largest[u], orders[u] > 0 ? Math.abs(values[u][0]) : 0));
        }
        for (int u = 0; u < orders.length; u++) {
            double value = orders[u] > 0 ? Math.abs(values[u][0]) : 0;
            magnitudes[u] = Math.max(Math.max(Math.max(value, scales[u]), 1e-3 * largest[u]), SYSTEM_FLOOR * system);
            if (!(magnitudes[u] > 0)) {
                magnitudes[u] = 1;
            }
        }
        return new Spec(lower, upper, trial, List.of(), scales, MarchingConditions.equationWeights(problem, magnitudes),
                DEFAULT_FEATURES);
    }

    /** The shooting reference from a solution's state at the left end, as {@code verify} makes it; empty when there is none. */
    private Optional<ClassicalReference> shooting(List<Segment> segments) {
        try {
            return org.neuroform.runtime.reference.ShootingReference.of(problem, solutionOf(segments).state(problem.domain().lower()));
        } catch (ClassicalReference.ReferenceException | ArithmeticException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the conditions determine the solution: the same segment solved again with the frozen
     * features of another seed. Both satisfy the equations and conditions; when they still differ by
     * more than the accuracy aimed at, the problem has more than one solution (a resonant boundary
     * value problem, {@code y'' + 4y = sin x}, y(0) = y(π) = 0: every y + C sin 2x) or is nearly
     * singular, and no value can be trusted to that accuracy. Returns the note saying so, or null.
     */
    private String ambiguity(SegmentResult result, Spec spec) {
        // Gauss–Newton as patient as the first solve's (a nonlinear boundary value problem from β = 0), or the
        // second solve fails where the first succeeded and the check says nothing.
        SegmentResult other = new FeatureSegments(problem, monitor, seed + SECOND_SEED).solve(spec, null, false, tolerance,
                FeatureLeastSquares.MAX_ITERATIONS, null, true);
        iterations += other.iterations();
        // A nonlinear second solve that failed says nothing (it may have gone anywhere). A linear one is one least-squares
        // solve, whose minimiser is the solution whenever there is one: if it differs from the first, the first is not
        // determined either. y'' + y = 0, y(0) = 0, y(pi) = 1 (no solution) was accepted as 4.6e13*sin(x), whose own
        // size lifted its round-off floor above its defect; the second solve found a small one, residual 1, and was ignored.
        boolean linear = other.solver() != null && other.solver().linear();
        if (other.stopped() || !other.valid() && !(linear && Double.isFinite(other.loss()))) {
            return null;
        }
        return difference(solutionOf(List.of(result.segment())), solutionOf(List.of(other.segment())), other.valid());
    }

    /** The note that two solutions both satisfying the equations and conditions differ by more than the accuracy, or null. */
    private String difference(TrainedSolution first, TrainedSolution second, boolean bothSatisfy) {
        double[] x = Grid.uniform(problem.domain().lower(), problem.domain().upper(), 101);
        double worst = 0;
        int unknown = 0;
        double at = x[0];
        for (int u = 0; u < orders.length; u++) {
            double[] a = first.values(u, 0, x);
            double[] b = second.values(u, 0, x);
            for (int i = 0; i < x.length; i++) {
                double difference = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i]));
                if (!(difference <= worst)) {
                    worst = difference;
                    unknown = u;
                    at = x[i];
                }
            }
        }
        if (!(worst > settings.accuracy())) {
            return null;
        }
        String where = " (" + problem.unknowns().get(unknown).name() + " at " + problem.domain().variable() + " = " + format(at) + ")";
        if (!bothSatisfy) {
            return "a second least-squares solve with other network features gives another solution, different by " + format(worst)
                    + where + ": the conditions do not determine the solution (no solution, more than one, or a nearly singular"
                    + " problem)";
        }
        return "two solutions from different network features both satisfy the equations and conditions but differ by "
                + format(worst) + where + ": the conditions do not determine the solution (more than one solution, or a nearly"
                + " singular problem)";
    }

    /** Segments as a solution, to evaluate them (no report of their own). */
    private TrainedSolution solutionOf(List<Segment> segments) {
        return new TrainedSolution(problem, segments, new TrainingReport(0, 0, 0, segments.size(), 0, true, false, List.of()));
    }

    // ---------------------------------------------------------------- the classical check

    /** The note that the part [lower, upper] a march that ended early covers agrees with the classical integrator. */
    private static String agreement(double lower, double upper, double deviation) {
        return "the part trained, [" + Printer.compact(lower, 6) + ", " + Printer.compact(upper, 6) + "], agrees with the classical"
                + " integrator to " + format(deviation);
    }

    /** Segments cut short where they agree with the classical integrator, with that check. */
    private record Trimmed(List<Segment> segments, double upper, MarchingConditions.Check check) {}

    /**
     * The longest run of {@code segments} (in order, the march's forward side cut after some segment) from
     * {@code lower} whose check against {@code reference} passes {@code target}, by bisection on where to cut
     * (the check of a run grows with it, nearly always); null when even the first forward segment does not pass,
     * or when the march did not end early on its forward side.
     */
    private Trimmed agreeingPart(List<Segment> segments, ClassicalReference reference, double x0, double lower, double target) {
        int first = 0;
        while (first < segments.size() && segments.get(first).upper() <= x0) {
            first++;
        }
        int last = segments.size() - 1;
        if (first >= last || segments.get(last).upper() >= problem.domain().upper()) {
            return null;
        }
        java.util.function.IntFunction<MarchingConditions.Check> cut = k -> MarchingConditions.check(problem,
                segments.subList(0, k + 1), reference, lower, segments.get(k).upper());
        MarchingConditions.Check passing = cut.apply(first);
        if (!(passing.deviation() <= target)) {
            return null;
        }
        int low = first; // passes
        int high = last; // fails
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            MarchingConditions.Check check = cut.apply(middle);
            if (check.deviation() <= target) {
                low = middle;
                passing = check;
            } else {
                high = middle;
            }
        }
        return new Trimmed(List.copyOf(segments.subList(0, low + 1)), segments.get(low).upper(), passing);
    }

    /** The classical solution on the part a march that ended early covers; empty (with a note) when it fails there too. */
    private Optional<ClassicalReference> coveredReference(double lower, double upper) {
        try {
            return ClassicalReference.of(problem, lower, upper);
        } catch (ClassicalReference.ReferenceException | ArithmeticException e) {
            notes.add("no classical reference on the part trained: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<ClassicalReference> reference() {
        try {
            return ClassicalReference.of(problem);
        } catch (ClassicalReference.ReferenceException e) {
            notes.add("no classical reference: " + e.getMessage());
            return Optional.empty();
        }
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
