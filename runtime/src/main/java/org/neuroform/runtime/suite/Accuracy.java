package org.neuroform.runtime.suite;

import org.neuroform.compiler.Domain;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * The suite's error metric: {@code max |u_net(x) − u_exact(x)|} over 1001 equally spaced points
 * of the domain, max over unknowns; against the exact solution, or the classical integrator
 * where there is none. A NaN anywhere makes the error NaN (the first NaN's place is reported).
 */
public final class Accuracy {
    public static final int POINTS = 1001;

    /** The worst deviation and where it occurs. */
    public record Deviation(double maxError, int unknown, double at) {}

    private Accuracy() {}

    /**
     * The running worst after one more error: the larger of the two, and NaN once either is
     * NaN (a later finite error never replaces a NaN, which {@code !(error <= worst)} alone lets happen).
     */
    public static double worse(double worst, double error) {
        return Math.max(worst, error); // Math.max returns NaN when either argument is NaN
    }

    public static double[] grid(Domain domain, int count) {
        return Grid.uniform(domain.lower(), domain.upper(), count);
    }

    public static Deviation maxError(TrainedSolution solution, SuiteProblem problem) {
        Domain domain = solution.problem().domain();
        double[] x = grid(domain, POINTS);
        Deviation worst = new Deviation(0, 0, domain.lower());
        boolean nan = false;
        ClassicalReference reference = problem.hasExactSolution()
                ? null
                : ClassicalReference.of(solution.problem()).orElseThrow(() -> new IllegalArgumentException(
                        problem.name() + " has no exact solution and is not an initial value problem"));
        for (int u = 0; u < solution.problem().unknowns().size(); u++) {
            double[] values = solution.values(u, 0, x);
            for (int i = 0; i < x.length; i++) {
                double expected = reference == null ? problem.exact().get(u).applyAsDouble(x[i]) : reference.value(u, 0, x[i]);
                double error = Math.abs(values[i] - expected);
                if (nan) {
                    continue; // a NaN stays the answer: a later finite value must not overwrite it
                }
                double updated = worse(worst.maxError(), error);
                if (updated != worst.maxError() || Double.isNaN(updated)) {
                    worst = new Deviation(updated, u, x[i]);
                    nan = Double.isNaN(updated);
                }
            }
        }
        return worst;
    }
}
