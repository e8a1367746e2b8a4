package org.neuroform.runtime.train;

import java.util.ArrayList;
import java.util.List;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.settings.OptimizerChoice;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;
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

/** Trains the trial solutions of a compiled problem. Deterministic for a given seed. */
public final class Trainer {
    /** Restarts from another seed when LM stalls above this loss. */
    static final double RESTART_LOSS = 1e-10;
    static final int MAX_RESTARTS = 3;

    private final CompiledProblem problem;
    private final TrainingMonitor monitor;

    public Trainer(CompiledProblem problem, TrainingMonitor monitor) {
        this.problem = problem;
        this.monitor = monitor;
    }

    public TrainedSolution train() {
        long start = System.nanoTime();
        TrainSettings settings = problem.settings();
        NetworkLayout layout = new NetworkLayout(
                settings.hidden(),
                NetworkShape.Activation.valueOf(settings.activation().name()),
                settings.sharedNetwork());
        int unknowns = problem.unknowns().size();
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        double[] scales = scales();
        int points = settings.points() > 0 ? settings.points() : defaultPoints(layout);
        double[] x = uniform(lower, upper, points);
        NetworkBank bank = layout.bank(unknowns, lower, upper);
        TrialModel model = new TrialModel(problem.equations(), problem.penalties(), problem.trial(), problem.orders(), x,
                bank, scales, 0);
        LeastSquaresProblem objective = new ModelObjective(model);

        List<String> notes = new ArrayList<>();
        int iterations = 0;
        int restarts = 0;
        OptimizerResult best = null;
        boolean stopped = false;
        boolean finite = true;
        for (int attempt = 0; attempt <= maxRestarts(settings); attempt++) {
            double[] theta = bank.initialParameters(settings.seed() + attempt);
            OptimizerResult result = optimize(objective, theta, settings);
            iterations += result.iterations();
            if (result.reason() == OptimizerResult.StopReason.NOT_FINITE) {
                notes.add("attempt " + (attempt + 1) + ": " + result.reason().description());
                finite = false;
            }
            if (best == null || (Double.isFinite(result.loss()) && result.loss() < best.loss())) {
                best = result;
            }
            if (result.reason() == OptimizerResult.StopReason.STOPPED) {
                stopped = true;
                break;
            }
            if (best.loss() < Math.max(RESTART_LOSS, settings.tolerance())) {
                break;
            }
            if (attempt < maxRestarts(settings)) {
                restarts++;
                notes.add("restart " + restarts + ": loss " + String.format("%.3g", result.loss()) + " after "
                        + result.iterations() + " iterations; trying seed " + (settings.seed() + attempt + 1));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Segment segment = new Segment(lower, upper, problem.trial(), layout, best.parameters(), scales);
        boolean converged = Double.isFinite(best.loss()) && (finite || best.loss() < 1);
        TrainingReport report = new TrainingReport(iterations, best.loss(), seconds, 1, restarts, converged, stopped, notes);
        return new TrainedSolution(problem, List.of(segment), report);
    }

    private static int maxRestarts(TrainSettings settings) {
        return settings.optimizer() == OptimizerChoice.AUTO ? MAX_RESTARTS : 0;
    }

    private OptimizerResult optimize(LeastSquaresProblem objective, double[] theta, TrainSettings settings) {
        double tolerance = settings.tolerance();
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
            default:
                return new LevenbergMarquardt(LevenbergMarquardt.Config.defaults())
                        .minimize(objective, theta, settings.epochs(), tolerance, monitor);
        }
    }

    /** Collocation points: about twice as many residuals as weights, and at least 32 points. */
    int defaultPoints(NetworkLayout layout) {
        int weights = layout.parameterCount(problem.unknowns().size());
        int equations = Math.max(1, problem.equations().size());
        return Math.max(32, (int) Math.ceil(2.0 * weights / equations));
    }

    /** Each unknown's output scale: the size of the values its conditions prescribe (1 when they are all 0). */
    double[] scales() {
        double[] scales = new double[problem.unknowns().size()];
        java.util.Arrays.fill(scales, 0);
        for (LinearCondition condition : problem.trial().conditions()) {
            for (ConditionTerm term : condition.terms()) {
                if (condition.isPure() && term.order() == 0) {
                    scales[term.unknown()] = Math.max(scales[term.unknown()], Math.abs(condition.value() / term.coefficient()));
                }
            }
        }
        for (int u = 0; u < scales.length; u++) {
            if (!(scales[u] > 0) || !Double.isFinite(scales[u])) {
                scales[u] = 1;
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
}
