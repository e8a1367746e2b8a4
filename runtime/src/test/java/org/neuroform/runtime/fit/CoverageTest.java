package org.neuroform.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neuroform.runtime.optim.TrainingMonitor;

/**
 * Honest intervals: over 50 seeded noisy data sets (Gaussian noise of known sigma, data from
 * Hipparchus's DOP853 on a hand-written right-hand side), the true params lie in the reported 95 %
 * intervals in 90–99 % of cases. The fits start at the truth: this tests the intervals, not the
 * search for the best fit (which FitTest and the examples test).
 */
@Tag("slow")
class CoverageTest {
    static final int DATA_SETS = Integer.getInteger("coverage.sets", 50);

    interface Generator {
        Observations data(long seed);
    }

    static double coverage(ParamProblem problem, double[] truth, Generator generator) throws FitException {
        int inside = 0;
        int total = 0;
        for (long seed = 1; seed <= DATA_SETS; seed++) {
            FitResult fit = Fit.run(problem, generator.data(seed), new Fit.Settings(1, seed, truth), TrainingMonitor.SILENT);
            List<FitResult.ParamEstimate> estimates = fit.parameters();
            for (int j = 0; j < truth.length; j++) {
                total++;
                if (estimates.get(j).low() <= truth[j] && truth[j] <= estimates.get(j).high()) {
                    inside++;
                }
            }
        }
        return inside / (double) total;
    }

    @Test
    void lotkaVolterra() throws FitException {
        ParamProblem problem = SensitivitiesTest.problem("domain t in [0, 8]\nparam a = ? in [0.1, 5], b = ? in [0.01, 1], c = ? in [0.01, 1], "
                + "d = ? in [0.1, 5]\nx' = a*x - b*x*y\ny' = c*x*y - d*y\nx(0) = 10\ny(0) = 5\n");
        double[] truth = SyntheticData.LOTKA_VOLTERRA_TRUE;
        double share = coverage(problem, truth, seed -> SyntheticData.lotkaVolterra(truth, SyntheticData.grid(0.5, 8), 1, seed));
        System.out.printf("Lotka–Volterra: the truth inside the 95 %% intervals in %.1f %% of cases%n", 100 * share);
        assertTrue(share >= 0.90 && share <= 0.99, "coverage " + share);
    }

    @Test
    void sirFromInfected() throws FitException {
        ParamProblem problem = SensitivitiesTest.problem("domain t in [0, 40]\nparam N = 1000\nparam beta = ? in [0.01, 5], gamma = ? in [0.01, 5]\n"
                + "S' = -beta*S*I/N\nI' = beta*S*I/N - gamma*I\nR' = gamma*I\nS(0) = 990\nI(0) = 10\nR(0) = 0\n");
        double[] truth = SyntheticData.SIR_TRUE;
        double share = coverage(problem, truth, seed -> SyntheticData.sirInfected(truth, SyntheticData.grid(1, 40), 3, seed));
        System.out.printf("SIR: the truth inside the 95 %% intervals in %.1f %% of cases%n", 100 * share);
        assertTrue(share >= 0.90 && share <= 0.99, "coverage " + share);
    }
}
