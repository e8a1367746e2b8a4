package org.neuroform.runtime.optim;

/**
 * Adam (Kingma & Ba, 2015): {@code m ← β1 m + (1−β1) g}, {@code v ← β2 v + (1−β2) g²},
 * {@code θ ← θ − η m̂ / (√v̂ + ε)} with bias-corrected m̂, v̂. The learning rate decays
 * geometrically to {@code finalRateFactor · η} over the budget. Keeps the best parameters seen.
 */
public final class Adam implements Optimizer {
    /** Configuration, separate from the state of a run. */
    public record Config(double learningRate, double beta1, double beta2, double epsilon, double finalRateFactor) {
        public static Config of(double learningRate) {
            return new Config(learningRate, 0.9, 0.999, 1e-8, 0.1);
        }
    }

    private final Config config;

    public Adam(Config config) {
        this.config = config;
    }

    @Override
    public OptimizerResult minimize(LeastSquaresProblem problem, double[] start, int budget, double tolerance, TrainingMonitor monitor) {
        int n = problem.parameterCount();
        double[] theta = start.clone();
        double[] best = start.clone();
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] gradient = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        double decay = Math.pow(config.finalRateFactor(), 1.0 / Math.max(1, budget));
        double rate = config.learningRate();
        double beta1Power = 1;
        double beta2Power = 1;
        for (int iteration = 1; iteration <= budget; iteration++) {
            double loss = problem.lossAndGradient(theta, gradient);
            if (!Double.isFinite(loss) || !allFinite(gradient)) {
                return new OptimizerResult(best, bestLoss, iteration, OptimizerResult.StopReason.NOT_FINITE);
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                System.arraycopy(theta, 0, best, 0, n);
            }
            monitor.progress("adam", iteration, bestLoss);
            if (loss < tolerance) {
                return new OptimizerResult(best, bestLoss, iteration, OptimizerResult.StopReason.TOLERANCE);
            }
            if (monitor.stopRequested()) {
                return new OptimizerResult(best, bestLoss, iteration, OptimizerResult.StopReason.STOPPED);
            }
            beta1Power *= config.beta1();
            beta2Power *= config.beta2();
            double correction1 = 1 - beta1Power;
            double correction2 = 1 - beta2Power;
            for (int j = 0; j < n; j++) {
                double g = gradient[j];
                m[j] = config.beta1() * m[j] + (1 - config.beta1()) * g;
                v[j] = config.beta2() * v[j] + (1 - config.beta2()) * g * g;
                theta[j] -= rate * (m[j] / correction1) / (Math.sqrt(v[j] / correction2) + config.epsilon());
            }
            rate *= decay;
        }
        double loss = problem.lossAndGradient(theta, gradient);
        if (Double.isFinite(loss) && loss < bestLoss) {
            bestLoss = loss;
            best = theta;
        }
        return new OptimizerResult(best, bestLoss, budget, OptimizerResult.StopReason.BUDGET);
    }

    static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
