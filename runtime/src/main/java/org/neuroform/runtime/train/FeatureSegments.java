package org.neuroform.runtime.train;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.PenaltyCondition;
import org.neuroform.compiler.settings.OptimizerChoice;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.runtime.nn.Backend;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.trial.TrialModel;

/**
 * One segment of the least-squares core: its networks with frozen hidden layers (drawn once from
 * the seed, the same for every unknown and segment), collocation at Chebyshev–Gauss nodes, the
 * output layers solved by {@link FeatureLeastSquares}, and the defect checked at the centres of
 * a grid four times finer, against the tolerance plus the round-off floor of the equations' own
 * terms. {@link LeastSquaresTrainer} decides which segments to solve.
 */
final class FeatureSegments {
    /** Hidden units (features) per network unless {@code train hidden} says otherwise. */
    static final int DEFAULT_FEATURES = OptimizerChoice.AUTO.defaultHidden().get(0);
    /**
     * Round-off in a defect, relative to the size of the equation's terms: a few hundred units
     * of double precision, for evaluating the terms and solving for β.
     */
    static final double ROUND_OFF = 1e3 * Math.ulp(1.0);
    private static final boolean DEBUG = System.getenv("NEUROFORM_TRACE") != null;

    private final CompiledProblem problem;
    private final TrainSettings settings;
    private final int[] orders;
    private final TrainingMonitor monitor;

    private final long seed;
    /**
     * The networks of the last try's dense check, whose work arrays the next try's take over: a new
     * network's Taylor-mode workspace (zeroed on allocation) at four times the collocation points
     * was 6 % of a bundle's time. A FeatureSegments serves one march, on one thread.
     */
    private NetworkBank spentDenseBank;

    FeatureSegments(CompiledProblem problem, TrainingMonitor monitor) {
        this(problem, monitor, problem.settings().seed());
    }

    /** With the frozen features of another seed (a second, independent solve of the same segment). */
    FeatureSegments(CompiledProblem problem, TrainingMonitor monitor, long seed) {
        this.problem = problem;
        this.settings = problem.settings();
        this.orders = problem.orders();
        this.monitor = monitor;
        this.seed = seed;
    }

    /** The networks' layout: the user's hidden layers when given, otherwise one layer of {@link #DEFAULT_FEATURES}. */
    NetworkLayout layout(int features) {
        List<Integer> hidden = settings.isExplicit("hidden") ? settings.hidden() : List.of(features);
        // (features starts at settings.effectiveHidden()'s width and grows where the defect asks)
        return new NetworkLayout(hidden, NetworkShape.Activation.valueOf(settings.activation().name()), settings.sharedNetwork(),
                settings.backend().equals("nd4j") ? Backend.ND4J : Backend.JAVA);
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
    double[] frozen(NetworkLayout layout) {
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
    record Spec(double lower, double upper, TrialSystem trial, List<PenaltyCondition> penalties, double[] scales,
            double[] weights, int features) {}

    /**
     * A solved segment, its loss, its defect on the dense grid, that defect over what the tolerance
     * allows (≤ 1: valid), its Gauss–Newton iterations, whether a stop request cut it short, the
     * round-off floor of its defect, and whether that defect was taken as a stiff one ({@code StiffDefect}).
     */
    record SegmentResult(Segment segment, double loss, double defect, double ratio, boolean valid, int iterations, boolean stopped,
            double floor, boolean stiff, FeatureLeastSquares solver) {}

    /** Values u(x_p) to start a segment's Gauss–Newton from, as [u][p]; null when there are none. */
    interface Guide {
        double[][] values(double[] points);
    }

    /** A guide from another solution over a piece that covers the segment. */
    Guide guide(Segment segment) {
        return points -> MarchingConditions.values(segment, orders, points);
    }

    int points(int features) {
        if (settings.points() > 0) {
            return settings.points();
        }
        NetworkLayout layout = layout(features);
        int perUnknown = layout.hidden().get(layout.hidden().size() - 1) + 1;
        return Math.max(16, (int) Math.ceil(1.5 * perUnknown));
    }

    /**
     * Solves a segment to the defect {@code tolerance} (plus round-off) from β = 0, or from
     * {@code warm}'s β when that fits better (or always, when {@code forced}).
     */
    SegmentResult solve(Spec spec, double[] warm, boolean forced, double tolerance) {
        return solve(spec, warm, forced, tolerance, FeatureLeastSquares.MAX_ITERATIONS, null);
    }

    /**
     * As {@link #solve(Spec, double[], boolean, double)}, with at most {@code limit} Gauss–Newton
     * iterations, and also trying as a start the β that
     * fits {@code guide}'s values at the collocation points (another solution over a piece that covers
     * this one — a rejected longer try from the same point — or a predictor), when it fits the
     * equations better than the other starts.
     */
    SegmentResult solve(Spec spec, double[] warm, boolean forced, double tolerance, int limit, Guide guide) {
        return solve(spec, warm, forced, tolerance, limit, guide, false);
    }

    /** The same, its Gauss–Newton {@code patient} (FeatureLeastSquares#solve): a boundary value problem's whole domain. */
    SegmentResult solve(Spec spec, double[] warm, boolean forced, double tolerance, int limit, Guide guide, boolean patient) {
        NetworkLayout layout = layout(spec.features);
        NetworkBank bank = layout.bank(orders.length, spec.lower, spec.upper);
        int n = points(spec.features);
        TrialModel model = new TrialModel(problem.equations(), spec.penalties, spec.trial, orders,
                chebyshevGauss(spec.lower, spec.upper, n), bank, spec.scales, 0);
        model.setEquationWeights(spec.weights);
        int lastHidden = layout.hidden().get(layout.hidden().size() - 1);
        FeatureLeastSquares solver = new FeatureLeastSquares(model, frozen(layout), lastHidden);
        double[] start = new double[solver.featureCount()];
        // A linear segment is one least-squares solve, whose answer in exact arithmetic does not depend on the start;
        // in floating point a start's components along nearly dependent features are kept (a rank-revealing solve
        // leaves them), and a start fitted to a poor rejected try poisoned every shorter try after it: y' = -1000(y - cos t),
        // y(0) = 0 marched down to 2e-13 and stopped. So a linear segment takes no guide; the last segment's β (a solution
        // of the same equations) it still may (from β = 0 instead, the oscillator over 8π: 3.6e-11 -> 1.3e-10).
        boolean guideless = solver.linear() && !forced;
        if (warm != null && warm.length == bank.parameterCount()) {
            double[] candidate = solver.betaOf(warm);
            double[] rho = new double[model.residualCount()];
            if (forced || model.residuals(solver.parameters(candidate), rho) < model.residuals(solver.parameters(start), rho)) {
                start = candidate;
            }
        }
        if (guide != null && !forced && !guideless) {
            double[][] targets = guide.values(model.points());
            double[] fitted = targets == null ? null : solver.fit(targets, spec.scales);
            if (fitted != null) {
                double[] rho = new double[model.residualCount()];
                if (model.residuals(solver.parameters(fitted), rho) < model.residuals(solver.parameters(start), rho)) {
                    start = fitted;
                }
            }
        }
        FeatureLeastSquares.Result result = solver.solve(start, 0.01 * tolerance, monitor, limit, patient);
        double[] parameters = solver.parameters(result.beta());
        NetworkBank denseBank = layout.bank(orders.length, spec.lower, spec.upper);
        if (spentDenseBank != null) {
            denseBank.reuseWorkspacesOf(spentDenseBank); // the last try's, not used again
        }
        TrialModel dense = new TrialModel(problem.equations(), List.of(), spec.trial, orders,
                midpoints(spec.lower, spec.upper, 4 * n), denseBank, spec.scales, 0);
        dense.setEquationWeights(spec.weights);
        double[] residualAndScale = dense.maxResidualAndTermScale(parameters, spec.upper - spec.lower);
        spentDenseBank = denseBank;
        // A stiff segment's defect is the error it causes (StiffDefect), on the dense grid alone.
        double defect = residualAndScale[2] > 0 ? residualAndScale[0] : Math.max(residualAndScale[0], result.maxResidual());
        if (Double.isNaN(result.maxResidual()) || Double.isNaN(residualAndScale[0])) {
            defect = Double.NaN;
        }
        // The tolerance, plus the round-off floor of the equations' own terms.
        double floor = ROUND_OFF * residualAndScale[1];
        double allowed = tolerance + floor;
        double ratio = Double.isNaN(defect) ? Double.POSITIVE_INFINITY : defect / allowed;
        if (DEBUG) {
            System.err.printf(Locale.ROOT, "segment [%.10g, %.10g] h=%.3g L=%d: %d GN iterations, loss %.3g, defect %.3g (%.3g of the tolerance;"
                    + " floor %.3g)%n", spec.lower, spec.upper, spec.upper - spec.lower, spec.features, result.iterations(), result.loss(),
                    defect, ratio, floor);
        }
        Segment segment = new Segment(spec.lower, spec.upper, spec.trial, layout, parameters, spec.scales);
        return new SegmentResult(segment, result.loss(), defect, ratio, ratio <= 1 && Double.isFinite(result.loss()), result.iterations(),
                result.stopped(), floor, residualAndScale[2] > 0, solver);
    }

}
