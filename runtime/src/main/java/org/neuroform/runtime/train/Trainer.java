package org.neuroform.runtime.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
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
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.trial.TrialModel;

/**
 * Trains the trial solutions of a compiled problem. The default ({@code optimizer = auto}) is the
 * least-squares core, {@link LeastSquaresTrainer}; this class trains every weight of the networks
 * with the optimizer named by {@code train optimizer} ({@code lm}, {@code adam}, {@code lbfgs},
 * {@code adam+lbfgs}, chosen by {@link Optimizers}). Deterministic for a given seed.
 *
 * <p>The problem is trained on the whole domain at once, or, with {@code train segments = N} on
 * an initial value problem, marched over N equal segments from the initial point outwards, each
 * segment's conditions being the previous one's end values and derivatives
 * ({@link MarchingConditions}) and its weights the previous one's. A segment's residual is
 * checked on a grid four times denser than its collocation points; when it shows that the network
 * fits its points but not the space between them, the points are doubled and training goes on.
 */
public final class Trainer {
    /** Training that ends below this loss (an RMS residual of 1e−3) converged, even when not to the accuracy aimed at. */
    static final double CONVERGED_LOSS = 1e-6;
    /** Values this many times their initial size mean the solution blows up. */
    static final double BLOW_UP = 1e8;
    /** The largest collocation point count refinement goes to. */
    static final int MAX_REFINED_POINTS = 4096;
    /** Segments are never shorter than the domain over this. */
    static final double MIN_SEGMENT_FRACTION = 1024;

    private static final boolean DEBUG = System.getenv("NEUROFORM_TRACE") != null;

    private final CompiledProblem problem;
    private final TrainingMonitor monitor;
    private final TrainSettings settings;
    private final NetworkLayout layout;
    private final int[] orders;
    private final double tolerance; // residual tolerance of a segment
    private int iterations;
    private boolean stopped;
    private boolean diverged;
    private final List<String> notes = new ArrayList<>();
    private TrainedSolution plan;

    public Trainer(CompiledProblem problem, TrainingMonitor monitor) {
        this.problem = problem;
        this.monitor = monitor;
        this.settings = problem.settings();
        this.layout = new NetworkLayout(
                settings.effectiveHidden(), NetworkShape.Activation.valueOf(settings.activation().name()), settings.sharedNetwork(),
                settings.backend().equals("nd4j") ? Backend.ND4J : Backend.JAVA);
        this.orders = problem.orders();
        this.tolerance = settings.accuracy();
    }

    public TrainedSolution train() {
        return train(null);
    }

    /**
     * Lets the least-squares core march along {@code nearby}'s segments, the solution of the
     * same problem at nearby param values (see {@link LeastSquaresTrainer#guidedBy}); null for none.
     */
    public Trainer guidedBy(TrainedSolution nearby) {
        this.plan = nearby;
        return this;
    }

    /** A solution and, per param, its sensitivity ∂u/∂p_j as a solution; empty when they cannot be had. */
    public record WithSlopes(TrainedSolution solution, java.util.Optional<List<TrainedSolution>> slopes) {}

    /**
     * Trains and computes the solution's sensitivities to the params ({@link Sensitivities#derivatives});
     * with the least-squares core, from the factorizations its march ended with. The slopes are
     * empty when a segment's cannot be solved for (or the problem has penalty conditions).
     */
    public WithSlopes trainWithSlopes(Sensitivities.ParamEffects effects) {
        if (settings.optimizer() == OptimizerChoice.AUTO) {
            LeastSquaresTrainer trainer = new LeastSquaresTrainer(problem, monitor).guidedBy(plan).keepingSolvers();
            TrainedSolution solution = trainer.train();
            return new WithSlopes(solution, slopes(() -> Sensitivities.derivatives(solution, effects, trainer::solverOf)));
        }
        TrainedSolution solution = train();
        return new WithSlopes(solution, slopes(() -> Sensitivities.derivatives(solution, effects)));
    }

    private static java.util.Optional<List<TrainedSolution>> slopes(java.util.function.Supplier<List<TrainedSolution>> derivatives) {
        try {
            return java.util.Optional.of(derivatives.get());
        } catch (IllegalStateException e) {
            return java.util.Optional.empty(); // a singular segment, or penalty conditions
        }
    }

    /**
     * Trains, going on from {@code previous} when it is a stopped solution of the same initial
     * value problem (the least-squares default keeps its segments and marches on from their end);
     * the optimizers that train every weight start afresh.
     */
    public TrainedSolution train(TrainedSolution previous) {
        if (settings.optimizer() == OptimizerChoice.AUTO) {
            return new LeastSquaresTrainer(problem, monitor).resumeFrom(previous).guidedBy(plan).train();
        }
        long start = System.nanoTime();
        OptionalDouble initial = problem.initialPoint();
        List<Segment> segments;
        double worstLoss;
        boolean valid;
        if (initial.isPresent() && settings.segments() > 1) {
            March marched = marchBothWays(initial.getAsDouble());
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
        TrainedSolution unreported = new TrainedSolution(problem, segments,
                new TrainingReport(0, worstLoss, seconds, segments.size(), 0, converged, stopped, List.of()));
        for (PenaltyCondition penalty : problem.penalties()) {
            double residual = Math.abs(unreported.evaluate(penalty.residual()));
            notes.add("the condition " + penalty.text() + " holds to " + format(residual) + " (a penalty: " + penalty.reason() + ")");
        }
        TrainingReport report = new TrainingReport(iterations, worstLoss, seconds, segments.size(), 0, converged, stopped,
                List.copyOf(notes));
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

    // ---------------------------------------------------------------- marching over fixed segments

    private record March(List<Segment> segments, double worstLoss, boolean valid) {}

    private March marchBothWays(double start) {
        March forward = march(start, problem.domain().upper());
        March backward = march(start, problem.domain().lower());
        List<Segment> segments = new ArrayList<>(backward.segments);
        Collections.reverse(segments);
        segments.addAll(forward.segments);
        return new March(segments, Math.max(forward.worstLoss, backward.worstLoss), forward.valid && backward.valid);
    }

    /** Segments of length domain/N from {@code from} (the initial point) towards {@code to}, each from the previous one's weights. */
    private March march(double from, double to) {
        List<Segment> segments = new ArrayList<>();
        if (from == to) {
            return new March(segments, 0, true);
        }
        double direction = Math.signum(to - from);
        double fullLength = problem.domain().length();
        double[][] values = MarchingConditions.initialValues(problem);
        double[] highest = MarchingConditions.initialHighest(problem, from, values);
        double[] largest = new double[orders.length];
        double[] derivativeSize = new double[orders.length];
        double initialSize = 1;
        for (int u = 0; u < orders.length; u++) {
            largest[u] = Math.abs(values[u][0]);
            double guess = Math.max(1, Math.abs(values[u][0])) / Math.pow(fullLength, orders[u]);
            derivativeSize[u] = Math.max(Math.abs(highest[u]), guess);
            for (double d : values[u]) {
                initialSize = Math.max(initialSize, Math.abs(d));
            }
        }
        double length = fullLength / settings.segments();
        int points = settings.points() > 0 ? settings.points() : defaultPoints();
        double position = from;
        double worstLoss = 0;
        boolean valid = true;
        double[] warm = null;
        while (Math.abs(to - position) > 1e-12 * fullLength && !stopped) {
            double remaining = Math.abs(to - position);
            double step = remaining - length < 0.05 * length ? remaining : length; // no sliver at the end
            Spec spec = spec(position, direction, step, to, values, derivativeSize, largest, points);
            SegmentResult result = warm == null ? fresh(spec, segments.size()) : attempt(spec, warm);
            double end = direction > 0 ? result.segment.upper() : result.segment.lower();
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
            monitor.marched(Math.abs(end - position), fullLength);
            position = end;
            warm = result.segment.parameters();
            String blowUp = blowUp(values, largest, initialSize, result.valid, step, fullLength);
            if (!blowUp.isEmpty()) {
                diverged = true;
                notes.add("the solution appears to blow up near " + problem.domain().variable() + " = " + format(position)
                        + " (" + blowUp + "); marching stopped there");
                return new March(segments, worstLoss, false);
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

    // ---------------------------------------------------------------- training one segment

    /** A segment to train: its interval, conditions, penalties, collocation points and output scales. */
    private record Spec(double lower, double upper, TrialSystem trial, List<PenaltyCondition> penalties, int points,
            double[] scales, double[] weights) {}

    /**
     * A trained segment, its dense-grid residual, that residual over what the tolerance allows
     * ({@code ratio ≤ 1}: valid), the residual at the collocation points, and the iterations.
     */
    private record SegmentResult(Segment segment, double loss, double residual, double ratio, boolean valid,
            double fitResidual, int iterations) {}

    private static boolean better(SegmentResult a, SegmentResult b) {
        if (a.valid != b.valid) {
            return a.valid;
        }
        return a.ratio < b.ratio || (Double.isNaN(b.ratio) && !Double.isNaN(a.ratio));
    }

    /** A segment trained from freshly initialised weights (the seed, shifted per segment). */
    private SegmentResult fresh(Spec spec, int index) {
        NetworkBank bank = layout.bank(orders.length, spec.lower(), spec.upper());
        return attempt(spec, bank.initialParameters(settings.seed() + 7919L * index));
    }

    /** Trains a segment from the given weights, then validates it on a grid four times denser. */
    private SegmentResult attempt(Spec spec, double[] start) {
        NetworkBank bank = layout.bank(orders.length, spec.lower(), spec.upper());
        TrialModel model = new TrialModel(problem.equations(), spec.penalties(), spec.trial(), orders,
                uniform(spec.lower(), spec.upper(), spec.points()), bank, spec.scales(), 0);
        model.setEquationWeights(spec.weights());
        ModelObjective objective = new ModelObjective(model);
        OptimizerResult result = optimize(objective, start.clone(), false);
        iterations += result.iterations();
        if (result.reason() == OptimizerResult.StopReason.NOT_FINITE) {
            // Detected at once; the optimizer kept the best weights before it. One retry from the
            // same start with safer settings (a tenth of the learning rate, or strong damping).
            OptimizerResult retry = optimize(objective, start.clone(), true);
            iterations += retry.iterations();
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
