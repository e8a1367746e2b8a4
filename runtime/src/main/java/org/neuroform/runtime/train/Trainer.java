package org.neuroform.runtime.train;

import org.neuroform.runtime.trial.TrialModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.PenaltyCondition;
import org.neuroform.compiler.settings.OptimizerChoice;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.compiler.trial.TrialSystemBuilder;
import org.neuroform.runtime.nn.Backend;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.optim.LeastSquaresProblem;
import org.neuroform.runtime.optim.OptimizerResult;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;

/**
 * Trains the trial solutions of a compiled problem. Deterministic for a given seed: the same
 * file gives the same answers on the same machine, however the two cores are scheduled.
 *
 * <p><b>Marching.</b> Initial value problems are marched: the domain is cut into segments from
 * the initial point outwards, each segment's conditions being the previous segment's end
 * values and derivatives, so the piecewise solution is continuous to the order of the
 * equations by construction. A segment is accepted when its residual, checked on a grid four
 * times denser than the collocation points, is below {@code train accuracy} (1e−7)
 * relative to the size of each equation's unknown; otherwise a shorter one is tried (step-size control, as in a classical
 * integrator), and when shortening stops helping the best attempt is kept. The number of
 * segments thus follows from the residual the networks reach. Each segment starts from the
 * previous one's weights (with the output scaled to the segment's Taylor terms, the fits are
 * alike), which makes most segments a few LM iterations. Two candidate lengths are trained at
 * once, one per core, and the longer valid one is kept.
 *
 * <p><b>Trust.</b> After marching, an initial value problem's solution is compared with the
 * classical integrator (never fitted to it); when it deviates by more than
 * the deviation target, marching is redone with a tighter residual tolerance.
 *
 * <p>Other problems (boundary values, penalties) are trained on one segment, from two seeds;
 * when the dense residual shows that the network fits the collocation points but not the space
 * between them, the points are doubled and training continues.
 */
public final class Trainer {
    /**
     * Initial value problems: the deviation from the classical integrator, relative to
     * max(1, max |u|), above which marching is redone with a tighter residual tolerance, as a
     * fraction of {@code train accuracy} (whose default, 1e−7, is also the residual tolerance
     * of each segment: its dense-grid residual relative to the size of each equation's unknown).
     */
    static final double DEVIATION_FRACTION = 0.3;
    static final int MAX_REMARCHES = 2;
    /** Seeds tried for a segment trained from scratch. */
    static final int SEEDS = 2;
    static final int MAX_SEGMENTS = 512;
    /** A segment that converged in fewer LM iterations than this is followed by one twice as long. */
    static final int EASY_ITERATIONS = 60;
    /** Marching starts with segments of this fraction of the domain, then adapts. */
    static final int INITIAL_SEGMENTS = 8;
    /** Segments are never shorter than the domain over this. */
    static final double MIN_SEGMENT_FRACTION = 1024;
    /** The shorter of the two candidate lengths trained at once, as a fraction of the longer. */
    static final double SPECULATIVE_FRACTION = 0.5;
    /** Training that ends below this loss (an RMS residual of 1e−3) converged, even when not to the tolerance aimed at. */
    static final double CONVERGED_LOSS = 1e-6;
    /** Values this many times their initial size mean the solution blows up. */
    static final double BLOW_UP = 1e8;
    /** The largest collocation point count refinement goes to. */
    static final int MAX_REFINED_POINTS = 4096;

    private static final boolean DEBUG = System.getenv("NEUROFORM_TRACE") != null;

    private final CompiledProblem problem;
    private final TrainingMonitor monitor;
    private final TrainSettings settings;
    private final NetworkLayout layout;
    private final int[] orders;

    private double tolerance; // residual tolerance of the current march
    private final double deviationTarget;
    private final AtomicInteger iterations = new AtomicInteger();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile boolean stopped;
    private volatile boolean diverged;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private ExecutorService executor;

    public Trainer(CompiledProblem problem, TrainingMonitor monitor) {
        this.problem = problem;
        this.monitor = synchronizedMonitor(monitor);
        this.settings = problem.settings();
        this.layout = new NetworkLayout(
                settings.hidden(), NetworkShape.Activation.valueOf(settings.activation().name()), settings.sharedNetwork(),
                settings.backend().equals("nd4j") ? Backend.ND4J : Backend.JAVA);
        this.orders = problem.orders();
        this.tolerance = settings.accuracy();
        this.deviationTarget = DEVIATION_FRACTION * settings.accuracy();
    }

    /** Two optimizers may report at once (one per core); the caller's monitor sees them one at a time. */
    private static TrainingMonitor synchronizedMonitor(TrainingMonitor monitor) {
        return new TrainingMonitor() {
            @Override
            public synchronized void progress(String stage, int iteration, double loss) {
                monitor.progress(stage, iteration, loss);
            }

            @Override
            public synchronized void progress(String stage, int iteration, double loss, double maxResidual) {
                monitor.progress(stage, iteration, loss, maxResidual);
            }

            @Override
            public synchronized void marched(double segmentLength, double domainLength) {
                monitor.marched(segmentLength, domainLength);
            }

            @Override
            public boolean stopRequested() {
                return monitor.stopRequested();
            }
        };
    }

    public TrainedSolution train() {
        return train(null);
    }

    /**
     * Trains, going on from {@code previous} when it is a stopped solution of the same initial
     * value problem (the least-squares default keeps its segments and marches on from their end);
     * the optimizers that train every weight start afresh.
     */
    public TrainedSolution train(TrainedSolution previous) {
        if (settings.optimizer() == OptimizerChoice.AUTO) {
            return new LeastSquaresTrainer(problem, monitor).resumeFrom(previous).train();
        }
        long start = System.nanoTime();
        try {
            return trainTimed(start);
        } finally {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }

    private TrainedSolution trainTimed(long start) {
        OptionalDouble initial = problem.initialPoint();
        boolean march = settings.segments() > 1 || (settings.segments() == 0 && settings.optimizer() == OptimizerChoice.AUTO);
        List<Segment> segments;
        double worstLoss;
        boolean valid;
        boolean checked = false; // the classical check passed: residual notes would only alarm
        if (initial.isPresent() && march) {
            March marched = marchBothWays(initial.getAsDouble());
            Optional<ClassicalReference> reference = settings.segments() == 0 ? reference() : Optional.empty();
            for (int again = 0; again <= MAX_REMARCHES && reference.isPresent() && !stopped; again++) {
                double deviation = deviation(marched.segments, reference.get());
                if (!(deviation > deviationTarget)) {
                    checked = !Double.isNaN(deviation);
                    break;
                }
                if (again == MAX_REMARCHES) {
                    break;
                }
                double factor = Math.max(0.1, 0.5 * deviationTarget / deviation);
                notes.add("the solution deviated by " + format(deviation) + " (relative) from the classical integrator;"
                        + " marched again with the residual tolerance " + format(tolerance * factor));
                tolerance *= factor;
                March remarched = marchBothWays(initial.getAsDouble());
                if (deviation(remarched.segments, reference.get()) < deviation) {
                    marched = remarched;
                }
            }
            segments = marched.segments;
            worstLoss = marched.worstLoss;
            valid = marched.valid;
        } else {
            SegmentResult result = single();
            segments = List.of(result.segment);
            worstLoss = result.loss;
            valid = result.valid;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean converged = !diverged && Double.isFinite(worstLoss) && (valid || worstLoss < CONVERGED_LOSS);
        if (!valid && !stopped && !checked && settings.optimizer() == OptimizerChoice.AUTO) {
            notes.add("the residual stayed above the target (" + format(tolerance) + " relative to the solution's size) on part of the domain;"
                    + " the comparison with the reference tells the accuracy reached");
        }
        TrainedSolution unreported = new TrainedSolution(problem, segments,
                new TrainingReport(0, worstLoss, seconds, segments.size(), 0, converged, stopped, List.of()));
        for (PenaltyCondition penalty : problem.penalties()) {
            double residual = Math.abs(unreported.evaluate(penalty.residual()));
            notes.add("the condition " + penalty.text() + " holds to " + format(residual) + " (a penalty: " + penalty.reason() + ")");
        }
        TrainingReport report = new TrainingReport(iterations.get(), worstLoss, seconds, segments.size(), restarts.get(),
                converged, stopped, List.copyOf(notes));
        return new TrainedSolution(problem, segments, report);
    }

    // ---------------------------------------------------------------- one segment, whole domain

    private SegmentResult single() {
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        int points = settings.points() > 0 ? settings.points() : defaultPoints();
        double[] scales = scales(problem.trial());
        double[] weights = MarchingConditions.equationWeights(problem, scales);
        SegmentResult best = fresh(new Spec(lower, upper, problem.trial(), problem.penalties(), points, scales, weights), 0);
        // More points only help a network that fits its points but not the space between them.
        while (!best.valid && !stopped && settings.points() == 0 && best.residual > 10 * best.fitResidual
                && points * 2 <= MAX_REFINED_POINTS) {
            points *= 2;
            notes.add("doubled the collocation points to " + points + " (the residual between points was large)");
            SegmentResult refined = attempt(new Spec(lower, upper, problem.trial(), problem.penalties(), points, scales, weights),
                    best.segment.parameters());
            if (!better(refined, best)) {
                break;
            }
            best = refined;
        }
        return best;
    }

    // ---------------------------------------------------------------- marching

    private record March(List<Segment> segments, double worstLoss, boolean valid) {}

    private March marchBothWays(double start) {
        March forward = march(start, problem.domain().upper());
        March backward = march(start, problem.domain().lower());
        List<Segment> segments = new ArrayList<>(backward.segments);
        Collections.reverse(segments);
        segments.addAll(forward.segments);
        return new March(segments, Math.max(forward.worstLoss, backward.worstLoss), forward.valid && backward.valid);
    }

    /** Segments from {@code from} (the initial point) towards {@code to}. */
    private March march(double from, double to) {
        List<Segment> segments = new ArrayList<>();
        if (from == to) {
            return new March(segments, 0, true);
        }
        double direction = Math.signum(to - from);
        double fullLength = problem.domain().length();
        double[][] values = MarchingConditions.initialValues(problem);
        double[] highest = MarchingConditions.initialHighest(problem, from, values);
        double[] largest = new double[orders.length]; // max |u| seen so far
        for (int u = 0; u < orders.length; u++) {
            largest[u] = Math.abs(values[u][0]);
        }
        double[] derivativeSize = new double[orders.length];
        for (int u = 0; u < orders.length; u++) {
            // Before anything is known, assume u varies on the scale of the domain.
            double guess = Math.max(1, Math.abs(values[u][0])) / Math.pow(fullLength, orders[u]);
            derivativeSize[u] = Math.max(Math.abs(highest[u]), guess);
        }
        double initialSize = 1;
        for (double[] v : values) {
            for (double d : v) {
                initialSize = Math.max(initialSize, Math.abs(d));
            }
        }
        boolean fixed = settings.segments() > 1;
        double length = fixed ? fullLength / settings.segments() : Math.min(Math.abs(to - from), fullLength / INITIAL_SEGMENTS);
        int points = settings.points() > 0 ? settings.points() : defaultPoints();
        double position = from;
        double worstLoss = 0;
        boolean valid = true;
        double[] warm = null;
        SegmentResult best = null; // the best rejected attempt at this position
        double previousRatio = Double.NaN; // its residual over the tolerance
        boolean freshTried = false;
        while (Math.abs(to - position) > 1e-12 * fullLength && !stopped) {
            double remaining = Math.abs(to - position);
            double step = Math.min(length, remaining);
            if (remaining - step < 0.05 * step) {
                step = remaining; // no sliver at the end
            }
            SegmentResult result;
            boolean speculate = !fixed && warm != null && step * SPECULATIVE_FRACTION >= fullLength / MIN_SEGMENT_FRACTION;
            if (speculate) {
                // Two candidate lengths at once, one per core; the longer valid one wins.
                double shortStep = step * SPECULATIVE_FRACTION;
                double[] start = warm;
                Spec longer = spec(position, direction, step, to, values, derivativeSize, largest, points);
                Spec shorter = spec(position, direction, shortStep, to, values, derivativeSize, largest, points);
                List<SegmentResult> both = inParallel(List.of(() -> attempt(longer, start), () -> attempt(shorter, start)));
                result = both.get(0).valid || !both.get(1).valid && !better(both.get(1), both.get(0)) ? both.get(0) : both.get(1);
            } else {
                Spec spec = spec(position, direction, step, to, values, derivativeSize, largest, points);
                result = warm == null ? fresh(spec, segments.size()) : attempt(spec, warm);
            }
            double end = direction > 0 ? result.segment.upper() : result.segment.lower();
            step = Math.abs(end - position);
            if (!result.valid && !fixed && !stopped && segments.size() < MAX_SEGMENTS) {
                if (best == null || result.ratio < best.ratio) {
                    best = result;
                }
                boolean improving = Double.isNaN(previousRatio) || result.ratio < 0.7 * previousRatio;
                if (improving && step * 0.7 >= fullLength / MIN_SEGMENT_FRACTION) {
                    previousRatio = result.ratio;
                    // Step-size control: the residual of a smooth fit falls like a power of the length.
                    length = step * Math.max(0.2, Math.min(0.7, 0.9 * Math.pow(result.ratio, -0.25)));
                    continue;
                }
                if (!freshTried && warm != null) {
                    freshTried = true; // the warm start may be stuck: one try from fresh weights
                    previousRatio = Double.NaN;
                    warm = null;
                    continue;
                }
                result = best; // shorter segments stopped helping: keep the best and go on
                end = direction > 0 ? result.segment.upper() : result.segment.lower();
                step = Math.abs(end - position);
                length = step; // at the length that did best, not at the shortest tried
            }
            best = null;
            previousRatio = Double.NaN;
            freshTried = false;
            segments.add(result.segment);
            worstLoss = Math.max(worstLoss, result.loss);
            valid &= result.valid;
            double[][] next = MarchingConditions.endValues(result.segment, orders, end);
            for (int u = 0; u < orders.length; u++) {
                highest[u] = next[u][orders[u]];
                values[u] = Arrays.copyOf(next[u], orders[u]);
                derivativeSize[u] = Math.max(Math.abs(highest[u]), 0.5 * derivativeSize[u]);
                largest[u] = Math.max(largest[u], Math.abs(values[u][0]));
            }
            position = end;
            monitor.marched(step, fullLength);
            warm = result.segment.parameters();
            String blowUp = blowUp(values, largest, initialSize, result.valid, step, fullLength);
            if (!blowUp.isEmpty()) {
                diverged = true;
                notes.add("the solution appears to blow up near " + problem.domain().variable() + " = " + format(position)
                        + " (" + blowUp + "); there is no solution beyond that point");
                return new March(segments, worstLoss, false);
            }
            if (!fixed && result.valid) {
                // LM stops at a loss tied to the tolerance, so the residual says little about how
                // much longer the segment could be; how hard the fit was says more.
                length = step * (result.iterations < EASY_ITERATIONS ? 2 : 1.25);
            }
        }
        return new March(segments, worstLoss, valid);
    }

    /**
     * Why the march cannot go on, or empty: values that are not finite or grew by a factor of
     * {@link #BLOW_UP}, or a solution growing fast that the shortest segments could not follow.
     */
    private String blowUp(double[][] values, double[] largest, double initialSize, boolean valid, double step, double fullLength) {
        for (int u = 0; u < orders.length; u++) {
            for (double v : values[u]) {
                if (!Double.isFinite(v)) {
                    return problem.unknowns().get(u).name() + " is no longer finite";
                }
            }
            double size = Math.abs(values[u][0]);
            if (size > BLOW_UP * initialSize) {
                return "|" + problem.unknowns().get(u).name() + "| reached " + format(size);
            }
            if (!valid && step <= 2 * fullLength / MIN_SEGMENT_FRACTION && size > 10 * initialSize && size >= largest[u]) {
                return "|" + problem.unknowns().get(u).name() + "| reached " + format(size)
                        + " and the shortest segments could not follow it";
            }
        }
        return "";
    }

    /** The segment of length {@code step} from {@code position} towards {@code to}. */
    private Spec spec(double position, double direction, double step, double to, double[][] values, double[] derivativeSize,
            double[] largest, int points) {
        double end = direction > 0 ? Math.min(to, position + step) : Math.max(to, position - step);
        if (Math.abs(to - end) <= 1e-12 * problem.domain().length()) {
            end = to;
        }
        double lower = Math.min(position, end);
        double upper = Math.max(position, end);
        TrialSystem trial = TrialSystemBuilder.build(orders, MarchingConditions.conditions(problem, position, values), CoordinateMap.of(lower, upper),
                settings.trial());
        double[] scales = MarchingConditions.marchingScales(orders, values, derivativeSize, upper - lower);
        double[] magnitudes = new double[orders.length];
        for (int u = 0; u < orders.length; u++) {
            // The size of u on this segment, never below a thousandth of the largest seen: the
            // residual is judged relative to it, so a population of 0.02 is fitted as finely as one of 20.
            magnitudes[u] = Math.max(Math.max(Math.abs(values[u][0]), scales[u]), 1e-3 * largest[u]);
            if (!(magnitudes[u] > 0)) {
                magnitudes[u] = 1;
            }
        }
        return new Spec(lower, upper, trial, List.of(), points, scales, MarchingConditions.equationWeights(problem, magnitudes));
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

    /** max |u_net − u_ref| / max(1, max |u_ref|) over 1001 points. */
    private double deviation(List<Segment> segments, ClassicalReference reference) {
        TrainedSolution solution = new TrainedSolution(problem, segments,
                new TrainingReport(0, 0, 0, segments.size(), 0, true, false, List.of()));
        double[] x = Grid.uniform(problem.domain().lower(), problem.domain().upper(), 1001);
        double worst = 0;
        double size = 1;
        for (int u = 0; u < orders.length; u++) {
            double[] values = solution.values(u, 0, x);
            for (int i = 0; i < x.length; i++) {
                double expected = reference.value(u, 0, x[i]);
                size = Math.max(size, Math.abs(expected));
                double error = Math.abs(values[i] - expected);
                worst = error > worst || Double.isNaN(error) ? error : worst;
            }
        }
        return worst / size;
    }

    // ---------------------------------------------------------------- training one segment

    /** A segment to train: its interval, conditions, penalties, collocation points and output scales. */
    private record Spec(double lower, double upper, TrialSystem trial, List<PenaltyCondition> penalties, int points,
            double[] scales, double[] weights) {}

    /**
     * A trained segment, its dense-grid residual, that residual over what the tolerance allows
     * ({@code ratio ≤ 1}: valid), the residual at the collocation points, and the LM iterations.
     */
    private record SegmentResult(Segment segment, double loss, double residual, double ratio, boolean valid,
            double fitResidual, int iterations) {}

    private static boolean better(SegmentResult a, SegmentResult b) {
        if (a.valid != b.valid) {
            return a.valid;
        }
        return a.ratio < b.ratio || (Double.isNaN(b.ratio) && !Double.isNaN(a.ratio));
    }

    /** A segment trained from scratch: from {@link #SEEDS} seeds at once (with AUTO), the better kept. */
    private SegmentResult fresh(Spec spec, int index) {
        int seeds = settings.optimizer() == OptimizerChoice.AUTO ? SEEDS : 1;
        NetworkBank bank = layout.bank(orders.length, spec.lower(), spec.upper());
        List<Callable<SegmentResult>> attempts = new ArrayList<>();
        for (int attempt = 0; attempt < seeds; attempt++) {
            double[] start = bank.initialParameters(settings.seed() + attempt + 7919L * index);
            attempts.add(() -> attempt(spec, start));
        }
        List<SegmentResult> results = inParallel(attempts);
        SegmentResult best = results.get(0);
        for (SegmentResult result : results) {
            if (better(result, best)) {
                best = result;
            }
        }
        if (seeds > 1 && !results.get(0).valid) {
            restarts.incrementAndGet();
        }
        return best;
    }

    /** Trains a segment from the given weights, then validates it on a grid four times denser. */
    private SegmentResult attempt(Spec spec, double[] start) {
        NetworkBank bank = layout.bank(orders.length, spec.lower(), spec.upper());
        TrialModel model = new TrialModel(problem.equations(), spec.penalties(), spec.trial(), orders,
                uniform(spec.lower(), spec.upper(), spec.points()), bank, spec.scales(), 0);
        model.setEquationWeights(spec.weights());
        ModelObjective objective = new ModelObjective(model);
        OptimizerResult result = optimize(objective, start.clone(), false);
        iterations.addAndGet(result.iterations());
        if (result.reason() == OptimizerResult.StopReason.NOT_FINITE) {
            // Detected at once; the optimizer kept the best weights before it. One retry from the
            // same start with safer settings (a tenth of the learning rate, or strong damping).
            OptimizerResult retry = optimize(objective, start.clone(), true);
            iterations.addAndGet(retry.iterations());
            notes.add("the loss became NaN or infinite on [" + format(spec.lower()) + ", " + format(spec.upper())
                    + "]; retried once with safer settings" + (retry.reason() == OptimizerResult.StopReason.NOT_FINITE
                            ? ", which diverged too: the best weights before it were kept" : ""));
            if (Double.isFinite(retry.loss()) && !(retry.loss() >= result.loss())) {
                result = retry;
            }
            if (retry.reason() == OptimizerResult.StopReason.NOT_FINITE) {
                diverged = true;
            }
        }
        if (result.reason() == OptimizerResult.StopReason.STOPPED) {
            stopped = true;
        }
        TrialModel validation = new TrialModel(problem.equations(), spec.penalties(), spec.trial(), orders,
                uniform(spec.lower(), spec.upper(), 4 * (spec.points() - 1) + 1), layout.bank(orders.length, spec.lower(), spec.upper()),
                spec.scales(), 0);
        validation.setEquationWeights(spec.weights());
        double residual = validation.maxResidual(result.parameters());
        double ratio = residual / tolerance;
        double fitResidual = model.maxResidual(result.parameters());
        if (DEBUG) {
            System.err.printf(Locale.ROOT, "segment [%.6g, %.6g]: loss %.3g after %d iterations, residual %.3g (%.3g of the tolerance)%n",
                    spec.lower(), spec.upper(), result.loss(), result.iterations(), residual, ratio);
        }
        boolean valid = ratio <= 1 && Double.isFinite(result.loss());
        return new SegmentResult(new Segment(spec.lower(), spec.upper(), spec.trial(), layout, result.parameters(), spec.scales()),
                result.loss(), residual, Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : ratio, valid, fitResidual,
                result.iterations());
    }

    /** Runs independent attempts on both cores; results in the order given (so the choice is deterministic). */
    private List<SegmentResult> inParallel(List<Callable<SegmentResult>> tasks) {
        if (tasks.size() == 1) {
            try {
                return List.of(tasks.get(0).call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (executor == null) {
            executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "neuroform-training");
                thread.setDaemon(true);
                return thread;
            });
        }
        List<Future<SegmentResult>> futures = new ArrayList<>();
        for (Callable<SegmentResult> task : tasks) {
            futures.add(executor.submit(task));
        }
        List<SegmentResult> results = new ArrayList<>();
        for (Future<SegmentResult> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException(cause);
            }
        }
        return results;
    }

    /** Runs the chosen optimizer ({@link Optimizers}); {@code safer}: a tenth of the learning rate, LM damping started strong. */
    private OptimizerResult optimize(LeastSquaresProblem objective, double[] theta, boolean safer) {
        return Optimizers.of(settings, safer).minimize(objective, theta, settings.epochs(), settings.tolerance(), monitor);
    }

    /** Collocation points: about twice as many residuals as weights, and at least 32 points. */
    int defaultPoints() {
        int weights = layout.parameterCount(orders.length);
        int equations = Math.max(1, problem.equations().size());
        return Math.max(32, (int) Math.ceil(2.0 * weights / equations));
    }

    /** Each unknown's output scale: the size of the values its conditions prescribe (at least 1). */
    static double[] scales(TrialSystem trial) {
        double[] scales = new double[trial.forms().size()];
        Arrays.fill(scales, 1);
        for (LinearCondition condition : trial.conditions()) {
            if (condition.isPure() && condition.terms().get(0).order() == 0) {
                ConditionTerm term = condition.terms().get(0);
                double size = Math.abs(condition.value() / term.coefficient());
                if (Double.isFinite(size)) {
                    scales[term.unknown()] = Math.max(scales[term.unknown()], size);
                }
            }
        }
        return scales;
    }

    static double[] uniform(double lower, double upper, int count) {
        return Grid.uniform(lower, upper, count);
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
