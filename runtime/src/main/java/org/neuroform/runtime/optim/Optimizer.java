package org.neuroform.runtime.optim;

/**
 * Minimises a least-squares problem's loss {@code ‖ρ(θ)‖²} from a start, within an iteration
 * budget, down to a loss tolerance; reports progress to a monitor and stops when it asks.
 * Configuration lives in each implementation's {@code Config}; state only inside a call.
 */
@FunctionalInterface
public interface Optimizer {
    OptimizerResult minimize(LeastSquaresProblem problem, double[] start, int budget, double tolerance, TrainingMonitor monitor);

    /**
     * This optimizer, then {@code next} from where it ended if it ran out of budget (Adam to get
     * close, L-BFGS to polish); the iterations of both are counted.
     */
    default Optimizer then(Optimizer next) {
        return (problem, start, budget, tolerance, monitor) -> {
            OptimizerResult first = minimize(problem, start, budget, tolerance, monitor);
            if (first.reason() != OptimizerResult.StopReason.BUDGET) {
                return first;
            }
            OptimizerResult second = next.minimize(problem, first.parameters(), budget, tolerance, monitor);
            return new OptimizerResult(second.parameters(), second.loss(), first.iterations() + second.iterations(), second.reason());
        };
    }
}
