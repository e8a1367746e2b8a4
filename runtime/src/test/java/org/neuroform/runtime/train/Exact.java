package org.neuroform.runtime.train;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.neuroform.compiler.Domain;
import org.neuroform.runtime.solution.TrainedSolution;

/** Test helper: max |u_net − u_exact| over 1001 equally spaced points, max over unknowns. */
final class Exact {
    private Exact() {}

    static double maxError(TrainedSolution solution, List<DoubleUnaryOperator> exact) {
        Domain domain = solution.problem().domain();
        double[] x = new double[1001];
        for (int i = 0; i < x.length; i++) {
            x[i] = domain.lower() + domain.length() * i / (x.length - 1);
        }
        x[x.length - 1] = domain.upper();
        double worst = 0;
        for (int u = 0; u < exact.size(); u++) {
            double[] values = solution.values(u, 0, x);
            for (int i = 0; i < x.length; i++) {
                double error = Math.abs(values[i] - exact.get(u).applyAsDouble(x[i]));
                worst = error > worst || Double.isNaN(error) ? error : worst;
            }
        }
        return worst;
    }
}
