package org.neuroform.runtime.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.settings.OptimizerChoice;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.compiler.trial.TrialSystemBuilder;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.optim.Adam;
import org.neuroform.runtime.optim.LeastSquaresProblem;
import org.neuroform.runtime.optim.Lbfgs;
import org.neuroform.runtime.optim.LevenbergMarquardt;
import org.neuroform.runtime.optim.OptimizerResult;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;

/**
 * Trains the trial solutions of a compiled problem. Deterministic for a given seed.
 *
 * <p>Initial value problems are marched: the domain is cut into segments from the initial
 * point outwards, each segment's conditions being the previous segment's end values and
 * derivatives (so the piecewise solution is continuous to the order of the equations by
 * construction). A segment is accepted when its residual, checked on a grid four times denser
 * than the collocation points, is small; otherwise it is retrained from another seed, then
 * halved. After an accepted segment the next one may be twice as long. So the number of
 * segments follows from the residual the networks achieve: one for short smooth problems,
 * more for long horizons. {@code train segments = N} fixes N equal segments instead.
 *
 * <p>Other problems (boundary values, penalties) are trained on one segment; when the dense
 * residual shows that the network fits the collocation points but not the space between
 * them, the points are doubled and training continues.
 */
public final class Trainer {
    /** A segment is valid when its dense-grid residual is below this times max(1, max |u|). */
    static final double VALIDATION_TOLERANCE = Double.parseDouble(System.getenv().getOrDefault("NF_VTOL", "1e-9"));
    /** Attempts (seeds) per segment before it is split. */
    static final int ATTEMPTS = 2;
    /** LM iterations per attempt. */
    static final int SEGMENT_BUDGET = Integer.parseInt(System.getenv().getOrDefault("NF_BUDGET", "400"));
    static final int MAX_SEGMENTS = 512;
    static final int MAX_HALVINGS = 12;

    private final CompiledProblem problem;
    private final TrainingMonitor monitor;
    private final TrainSettings settings;
    private final NetworkLayout layout;
    private final int[] orders;

    private int iterations;
    private int restarts;
    private boolean stopped;
    private boolean diverged;
    private final List<String> notes = new ArrayList<>();

    public Trainer(CompiledProblem problem, TrainingMonitor monitor) {
        this.problem = problem;
        this.monitor = monitor;
        this.settings = problem.settings();
        this.layout = new NetworkLayout(
                settings.hidden(), NetworkShape.Activation.valueOf(settings.activation().name()), settings.sharedNetwork());
        this.orders = problem.orders();
    }

    public TrainedSolution train() {
        long start = System.nanoTime();
        OptionalDouble initial = problem.initialPoint();
        List<Segment> segments;
        double worstLoss;
        boolean valid;
        if (initial.isPresent() && settings.segments() != 1) {
            March forward = march(initial.getAsDouble(), problem.domain().upper());
            March backward = march(initial.getAsDouble(), problem.domain().lower());
            segments = new ArrayList<>(backward.segments);
            Collections.reverse(segments);
            segments.addAll(forward.segments);
            worstLoss = Math.max(forward.worstLoss, backward.worstLoss);
            valid = forward.valid && backward.valid;
        } else {
            SegmentResult result = single();
            segments = List.of(result.segment);
            worstLoss = result.loss;
            valid = result.valid;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean converged = !diverged && Double.isFinite(worstLoss) && (valid || worstLoss < 1e-8);
        if (!valid && !stopped) {
            notes.add("the residual between collocation points stayed above the validation tolerance");
        }
        TrainingReport report = new TrainingReport(iterations, worstLoss, seconds, segments.size(), restarts, converged, stopped, notes);
        return new TrainedSolution(problem, segments, report);
    }

    // ---------------------------------------------------------------- one segment, whole domain

    private SegmentResult single() {
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        int points = settings.points() > 0 ? settings.points() : defaultPoints();
        SegmentResult best = null;
        double[] warm = null;
        for (int refinement = 0; refinement <= (settings.points() > 0 ? 0 : 2); refinement++) {
            SegmentResult result = trainSegment(lower, upper, problem.trial(), problem.penalties(), points, warm, maxAttempts());
            if (best == null || better(result, best)) {
                best = result;
            }
            if (result.valid || stopped || result.loss > 1e-6) {
                break; // refining the points only helps a network that fits them
            }
            points *= 2;
            warm = result.segment.parameters();
            notes.add("doubled the collocation points to " + points + " (the residual between points was large)");
        }
        return best;
    }

    // ---------------------------------------------------------------- marching

    private record March(List<Segment> segments, double worstLoss, boolean valid) {}

    /** Segments from {@code from} (the initial point) towards {@code to}. */
    private March march(double from, double to) {
        List<Segment> segments = new ArrayList<>();
        if (from == to) {
            return new March(segments, 0, true);
        }
        double direction = Math.signum(to - from);
        double total = Math.abs(to - from);
        double[][] values = initialValues();
        double position = from;
        boolean fixed = settings.segments() > 1;
        double fullLength = problem.domain().length();
        double length = fixed ? fullLength / settings.segments() : total;
        double worstLoss = 0;
        boolean valid = true;
        double[] warm = null;
        int points = settings.points() > 0 ? settings.points() : defaultPoints();
        int halvings = 0;
        while (Math.abs(to - position) > 1e-12 * fullLength && !stopped) {
            double remaining = Math.abs(to - position);
            double step = Math.min(length, remaining);
            if (remaining - step < 0.05 * step) {
                step = remaining; // no sliver at the end
            }
            double end = direction > 0 ? Math.min(to, position + step) : Math.max(to, position - step);
            if (Math.abs(to - end) <= 1e-12 * fullLength) {
                end = to;
            }
            double lower = Math.min(position, end);
            double upper = Math.max(position, end);
            TrialSystem trial = TrialSystemBuilder.build(orders, conditions(position, values), CoordinateMap.of(lower, upper),
                    settings.trial());
            boolean lastChance = fixed || halvings >= MAX_HALVINGS || segments.size() >= MAX_SEGMENTS
                    || step <= fullLength / 4096;
            SegmentResult result = trainSegment(lower, upper, trial, List.of(), points, warm, maxAttempts());
            if (!result.valid && !lastChance && !stopped && settings.segments() == 0) {
                length = step / 2;
                halvings++;
                continue;
            }
            segments.add(result.segment);
            worstLoss = Math.max(worstLoss, result.loss);
            valid &= result.valid;
            values = endValues(result.segment, end);
            position = end;
            warm = result.segment.parameters();
            halvings = 0;
            if (!fixed && result.valid) {
                length = step * 2;
            }
        }
        return new March(segments, worstLoss, valid);
    }

    /** The initial conditions as values[u][k] = u^(k)(x0). */
    private double[][] initialValues() {
        double[][] values = new double[orders.length][];
        for (int u = 0; u < orders.length; u++) {
            values[u] = new double[orders[u]];
        }
        for (LinearCondition condition : problem.trial().conditions()) {
            ConditionTerm term = condition.terms().get(0);
            values[term.unknown()][term.order()] = condition.value() / term.coefficient();
        }
        return values;
    }

    private List<LinearCondition> conditions(double point, double[][] values) {
        List<LinearCondition> conditions = new ArrayList<>();
        for (int u = 0; u < orders.length; u++) {
            for (int k = 0; k < orders[u]; k++) {
                String label = problem.unknowns().get(u).name() + "'".repeat(k) + "(" + point + ") = " + values[u][k];
                conditions.add(new LinearCondition(List.of(new ConditionTerm(u, k, point, 1)), values[u][k], label));
            }
        }
        return conditions;
    }

    private double[][] endValues(Segment segment, double x) {
        NetworkBank bank = segment.layout().bank(orders.length, segment.lower(), segment.upper());
        int maxOrder = Arrays.stream(orders).max().orElse(0);
        TrialModel model = new TrialModel(List.of(), List.of(), segment.trial(), orders, new double[] {x}, bank, segment.scales(), maxOrder);
        model.evaluate(segment.parameters());
        double[][] values = new double[orders.length][];
        for (int u = 0; u < orders.length; u++) {
            values[u] = new double[orders[u]];
            for (int k = 0; k < orders[u]; k++) {
                values[u][k] = model.value(u, k, 0);
            }
        }
        return values;
    }

    // ---------------------------------------------------------------- training a segment

    private record SegmentResult(Segment segment, double loss, double residual, boolean valid) {}

    private static boolean better(SegmentResult a, SegmentResult b) {
        if (a.valid != b.valid) {
            return a.valid;
        }
        return a.residual < b.residual || (Double.isNaN(b.residual) && !Double.isNaN(a.residual));
    }

    private int maxAttempts() {
        return settings.optimizer() == OptimizerChoice.AUTO ? ATTEMPTS : 1;
    }

    private SegmentResult trainSegment(double lower, double upper, TrialSystem trial,
            List<org.neuroform.compiler.PenaltyCondition> penalties, int points, double[] warm, int attempts) {
        double[] scales = scales(trial);
        NetworkBank bank = layout.bank(orders.length, lower, upper);
        TrialModel model = new TrialModel(problem.equations(), penalties, trial, orders, uniform(lower, upper, points), bank, scales, 0);
        TrialModel validation = new TrialModel(problem.equations(), penalties, trial, orders,
                uniform(lower, upper, 4 * (points - 1) + 1), layout.bank(orders.length, lower, upper), scales, 0);
        LeastSquaresProblem objective = new ModelObjective(model);
        SegmentResult best = null;
        for (int attempt = 0; attempt < attempts && !stopped; attempt++) {
            double[] theta = attempt == 0 && warm != null && warm.length == bank.parameterCount()
                    ? warm.clone()
                    : bank.initialParameters(settings.seed() + attempt + (warm == null ? 0 : 1000L * (long) (lower * 1e3)));
            OptimizerResult result = optimize(objective, theta, targetLoss(scales));
            iterations += result.iterations();
            if (result.reason() == OptimizerResult.StopReason.STOPPED) {
                stopped = true;
            }
            if (result.reason() == OptimizerResult.StopReason.NOT_FINITE) {
                diverged = !Double.isFinite(result.loss());
                notes.add("the loss became NaN or infinite; the best weights before it were kept");
            }
            double[] check = validation.maxResidualAndValue(result.parameters());
            double residual = check[0];
            if (System.getenv("NF_DEBUG") != null) System.err.printf("seg [%.4g, %.4g] attempt %d: loss %.3g its %d residual %.3g value %.3g%n", lower, upper, attempt, result.loss(), result.iterations(), residual, check[1]);
            boolean valid = residual <= VALIDATION_TOLERANCE * Math.max(1, check[1]);
            SegmentResult candidate = new SegmentResult(new Segment(lower, upper, trial, layout, result.parameters(), scales),
                    result.loss(), residual, valid && Double.isFinite(result.loss()));
            if (best == null || better(candidate, best)) {
                best = candidate;
            }
            if (best.valid) {
                break;
            }
            if (attempt + 1 < attempts && !stopped) {
                restarts++;
            }
        }
        if (best.valid || !stopped) {
            diverged = diverged && !best.valid;
        }
        return best;
    }

    /**
     * The loss at which LM can stop: well below what validation asks (the dense-grid maximum
     * runs a few times above the collocation RMS), unless the user set a tolerance.
     */
    private double targetLoss(double[] scales) {
        if (settings.isExplicit("tolerance")) {
            return settings.tolerance();
        }
        double scale = 1;
        for (double s : scales) {
            scale = Math.max(scale, s);
        }
        double rms = 0.05 * VALIDATION_TOLERANCE * scale;
        return rms * rms;
    }

    private OptimizerResult optimize(LeastSquaresProblem objective, double[] theta, double tolerance) {
        switch (settings.optimizer()) {
            case ADAM:
                return new Adam(Adam.Config.of(settings.learningRate())).minimize(objective, theta, settings.epochs(), tolerance, monitor);
            case LBFGS:
                return new Lbfgs(Lbfgs.Config.defaults()).minimize(objective, theta, settings.epochs(), tolerance, monitor);
            case ADAM_LBFGS: {
                OptimizerResult adam = new Adam(Adam.Config.of(settings.learningRate()))
                        .minimize(objective, theta, settings.epochs(), tolerance, monitor);
                if (adam.reason() != OptimizerResult.StopReason.BUDGET) {
                    return adam;
                }
                OptimizerResult lbfgs = new Lbfgs(Lbfgs.Config.defaults())
                        .minimize(objective, adam.parameters(), settings.epochs(), tolerance, monitor);
                return new OptimizerResult(lbfgs.parameters(), lbfgs.loss(), adam.iterations() + lbfgs.iterations(), lbfgs.reason());
            }
            case LM:
                return new LevenbergMarquardt(LevenbergMarquardt.Config.defaults())
                        .minimize(objective, theta, settings.epochs(), tolerance, monitor);
            default:
                return new LevenbergMarquardt(LevenbergMarquardt.Config.defaults())
                        .minimize(objective, theta, settings.isExplicit("epochs") ? settings.epochs() : SEGMENT_BUDGET, tolerance, monitor);
        }
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
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = lower + (upper - lower) * i / (count - 1);
        }
        x[count - 1] = upper;
        return x;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
