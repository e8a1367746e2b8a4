package org.neuroform.runtime.suite;

import org.neuroform.compiler.Domain;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.verify.LargestDeviation;

/**
 * The suite's error metric: {@code max |u_net(x) − u_exact(x)|} over 1001 equally spaced points
 * of the domain, max over unknowns; against the exact solution, or the classical integrator
 * where there is none. NaN at any point (a blow-up, a part training did not reach) makes it NaN.
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
        return LargestDeviation.worse(worst, error);
    }

    public static double[] grid(Domain domain, int count) {
        return Grid.uniform(domain.lower(), domain.upper(), count);
    }

    public static Deviation maxError(TrainedSolution solution, SuiteProblem problem) {
        Domain domain = solution.problem().domain();
        double[] x = grid(domain, POINTS);
        Deviation worst = new Deviation(0, 0, domain.lower());
        ClassicalReference reference = problem.hasExactSolution()
                ? null
                : ClassicalReference.of(solution.problem()).orElseThrow(() -> new IllegalArgumentException(
                        problem.name() + " has no exact solution and is not an initial value problem"));
        for (int u = 0; u < solution.problem().unknowns().size(); u++) {
            double[] values = solution.values(u, 0, x);
            double[] expected = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = reference == null ? problem.exact().get(u).applyAsDouble(x[i]) : reference.value(u, 0, x[i]);
            }
            LargestDeviation largest = LargestDeviation.of(values, expected);
            if (Double.isNaN(largest.value())) {
                return new Deviation(Double.NaN, u, x[largest.index()]); // NaN anywhere: the error is NaN
            }
            if (largest.value() > worst.maxError()) {
                worst = new Deviation(largest.value(), u, x[largest.index()]);
            }
        }
        return worst;
    }
}
