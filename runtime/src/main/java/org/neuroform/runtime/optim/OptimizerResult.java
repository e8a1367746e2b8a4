package org.neuroform.runtime.optim;

/**
 * What an optimizer reached: the best parameters seen (never worse than the start), their loss,
 * the iterations used, and why it stopped.
 */
public record OptimizerResult(double[] parameters, double loss, int iterations, StopReason reason) {

    public enum StopReason {
        TOLERANCE("loss below tolerance"),
        BUDGET("iteration budget spent"),
        CONVERGED("no further progress"),
        STOPPED("stopped"),
        NOT_FINITE("loss or gradient became NaN or infinite");

        private final String description;

        StopReason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public OptimizerResult {
        parameters = parameters.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }
}
