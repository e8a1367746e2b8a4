package org.neuroform.runtime.train;

import org.neuroform.runtime.trial.TrialModel;
import org.neuroform.runtime.optim.LeastSquaresProblem;

/** A {@link TrialModel} seen by the optimizers. */
final class ModelObjective implements LeastSquaresProblem {
    private final TrialModel model;
    private final double[] scratch;

    ModelObjective(TrialModel model) {
        this.model = model;
        this.scratch = new double[model.residualCount()];
    }

    @Override
    public int parameterCount() {
        return model.parameterCount();
    }

    @Override
    public int residualCount() {
        return model.residualCount();
    }

    @Override
    public double lossAndGradient(double[] parameters, double[] gradient) {
        return model.lossAndGradient(parameters, scratch, gradient);
    }

    @Override
    public double residuals(double[] parameters, double[] residuals) {
        return model.residuals(parameters, residuals);
    }

    @Override
    public double residualsAndJacobian(double[] parameters, double[] residuals, double[] jacobian) {
        return model.residualsAndJacobian(parameters, residuals, jacobian);
    }
}
