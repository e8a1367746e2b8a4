package org.neuroform.runtime.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.PenaltyCondition;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;

/**
 * The classical reference of a boundary value problem, by shooting: the unknown state
 * {@code s} at the left end is found by Newton's method so that the solution of the initial
 * value problem through s (the same {@link ClassicalReference} integrator, tolerances 1e−12)
 * meets every condition. The Jacobian is by finite differences of whole integrations; the
 * starting guess is the trained solution's own state at the left end moved by 1e−3 of it, so
 * Newton starts close (a linear problem converges in one step) but the reference is its own.
 * Shooting amplifies rounding like the problem's own growth modes: a failure is reported, not
 * hidden.
 */
public final class ShootingReference {
    private static final int MAX_ITERATIONS = 20;

    private ShootingReference() {}

    /**
     * @param guess the state (u, u', …, u^(m_u − 1) per unknown) at the left end to start from
     * @throws ClassicalReference.ReferenceException when shooting does not converge
     */
    public static Optional<ClassicalReference> of(CompiledProblem problem, double[] guess) {
        if (!ClassicalReference.integrable(problem)) {
            return Optional.empty();
        }
        List<LinearCondition> linear = problem.trial().conditions();
        List<PenaltyCondition> penalties = problem.penalties();
        int dimension = ClassicalReference.dimension(problem);
        if (linear.size() + penalties.size() != dimension || guess.length != dimension) {
            return Optional.empty();
        }
        double start = problem.domain().lower();
        // Newton starts near the trained state, not on it: started on it, a solution that already meets
        // the conditions to 1e-11 was returned as it was, and the reference's left end was the trained
        // one's (a deviation of exactly 0 there, measuring nothing). 1e-3 away keeps a nonlinear
        // problem on the same branch (Bratu's lower and upper solutions are O(1) apart).
        double[] state = guess.clone();
        for (int j = 0; j < state.length; j++) {
            state[j] += 1e-3 * Math.max(1, Math.abs(state[j])) * (j % 2 == 0 ? 1 : -1);
        }
        ClassicalReference current = new ClassicalReference(problem, start, state);
        double[] residual = residuals(current, linear, penalties);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double size = 0;
            for (double r : residual) {
                size = Math.max(size, Math.abs(r));
            }
            double scale = 1;
            for (double v : state) {
                scale = Math.max(scale, Math.abs(v));
            }
            if (size <= 1e-11 * scale) {
                return Optional.of(current);
            }
            double[][] jacobian = new double[dimension][dimension];
            for (int j = 0; j < dimension; j++) {
                double h = 1e-6 * Math.max(1, Math.abs(state[j]));
                double[] shifted = state.clone();
                shifted[j] += h;
                double[] r = residuals(new ClassicalReference(problem, start, shifted), linear, penalties);
                for (int i = 0; i < dimension; i++) {
                    jacobian[i][j] = (r[i] - residual[i]) / h;
                }
            }
            double[] step = LinearSystems.solve(jacobian, residual);
            if (step == null) {
                throw new ClassicalReference.ReferenceException("shooting: the conditions do not determine the initial state");
            }
            for (int j = 0; j < dimension; j++) {
                state[j] -= step[j];
            }
            current = new ClassicalReference(problem, start, state);
            residual = residuals(current, linear, penalties);
        }
        throw new ClassicalReference.ReferenceException("shooting did not converge in " + MAX_ITERATIONS + " Newton steps");
    }

    private static double[] residuals(ClassicalReference reference, List<LinearCondition> linear, List<PenaltyCondition> penalties) {
        List<Double> out = new ArrayList<>();
        for (LinearCondition condition : linear) {
            double sum = -condition.value();
            for (ConditionTerm term : condition.terms()) {
                sum += term.coefficient() * reference.value(term.unknown(), term.order(), term.point());
            }
            out.add(sum);
        }
        for (PenaltyCondition penalty : penalties) {
            out.add(Evaluator.evaluate(penalty.residual(), leaf -> {
                PointValue p = (PointValue) leaf;
                return reference.value(p.unknown(), p.order(), p.point());
            }));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
