package org.neuroform.runtime.optim;

/**
 * Minimise {@code loss(θ) = ‖ρ(θ)‖²} over parameters θ. Gradient methods use
 * {@link #lossAndGradient}; Gauss–Newton methods use the residual vector and its Jacobian.
 */
public interface LeastSquaresProblem {
    int parameterCount();

    int residualCount();

    /** Returns the loss and writes its gradient. */
    double lossAndGradient(double[] parameters, double[] gradient);

    /** Returns the loss and writes ρ. */
    double residuals(double[] parameters, double[] residuals);

    /** Returns the loss and writes ρ and {@code J[row * P + j] = ∂ρ_row/∂θ_j}. */
    double residualsAndJacobian(double[] parameters, double[] residuals, double[] jacobian);
}
