package org.neuroform.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.neuroform.runtime.optim.TrainingMonitor;

/** Estimation on data made by a classical integrator from a hand-written right-hand side. */
class FitTest {

    /** Observations of the given unknowns at the times, from DOP853 at 1e−13 on {@code rhs}, with Gaussian noise sigma (0: exact). */
    static Observations observe(OrdinaryDifferentialEquation rhs, double[] y0, double[] times, int[] unknowns, double sigma, long seed) {
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-10, 10, 1e-13, 1e-13);
        Random random = new Random(seed);
        int n = times.length * unknowns.length;
        double[] t = new double[n];
        int[] u = new int[n];
        double[] v = new double[n];
        double[] s = new double[n];
        List<String> where = new ArrayList<>();
        int i = 0;
        double[] state = y0.clone();
        double now = 0;
        for (double time : times) {
            if (time > now) {
                ODEStateAndDerivative end = integrator.integrate(rhs, new ODEState(now, state), time);
                state = end.getPrimaryState();
                now = time;
            }
            for (int unknown : unknowns) {
                t[i] = time;
                u[i] = unknown;
                v[i] = state[unknown] + sigma * random.nextGaussian();
                s[i] = sigma > 0 ? sigma : Double.NaN;
                where.add("synthetic:" + (i + 1));
                i++;
            }
        }
        return new Observations(t, u, v, s, where);
    }

    static OrdinaryDifferentialEquation lotkaVolterra(double a, double b, double c, double d) {
        return new OrdinaryDifferentialEquation() {
            public int getDimension() {
                return 2;
            }

            public double[] computeDerivatives(double t, double[] y) {
                return new double[] {a * y[0] - b * y[0] * y[1], c * y[0] * y[1] - d * y[1]};
            }
        };
    }

    static double[] grid(double from, double to, int count) {
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = from + (to - from) * (i + 1) / count;
        }
        return t;
    }

    static final String LV = "domain t in [0, 15]\nparam a = ? in [0.2, 3], b = ? in [0.05, 2], c = ? in [0.05, 2], d = ? in [0.2, 3]\n"
            + "x' = a*x - b*x*y\ny' = c*x*y - d*y\nx(0) = 10\ny(0) = 5\n";

    @Test
    void lotkaVolterraFromExactDataRecoversEveryParam() throws FitException {
        double[] truth = {1.1, 0.4, 0.1, 0.4};
        Observations data = observe(lotkaVolterra(truth[0], truth[1], truth[2], truth[3]), new double[] {10, 5}, grid(0, 15, 30),
                new int[] {0, 1}, 0, 1);
        ParamProblem problem = SensitivitiesTest.problem(LV);
        long start = System.nanoTime();
        FitResult fit = Fit.run(problem, data, Fit.Settings.defaults(4, 7), TrainingMonitor.SILENT);
        System.out.printf("LV exact: %.2f s, %d evaluations, %s%n", (System.nanoTime() - start) / 1e9, fit.evaluations(), fit.parameters());
        for (int j = 0; j < truth.length; j++) {
            assertEquals(truth[j], fit.parameters().get(j).value(), 1e-6 * truth[j], fit.parameters().get(j).name());
        }
        assertTrue(fit.goodness().explains());
    }

    @Test
    void lotkaVolterraWithNoiseHasHonestIntervals() throws FitException {
        double[] truth = {1.1, 0.4, 0.1, 0.4};
        Observations data = observe(lotkaVolterra(truth[0], truth[1], truth[2], truth[3]), new double[] {10, 5}, grid(0, 15, 30),
                new int[] {0, 1}, 0.3, 5);
        ParamProblem problem = SensitivitiesTest.problem(LV);
        long start = System.nanoTime();
        FitResult fit = Fit.run(problem, data, Fit.Settings.defaults(4, 7), TrainingMonitor.SILENT);
        System.out.printf("LV noisy: %.2f s, %d evaluations, %s %s %s %s%n", (System.nanoTime() - start) / 1e9, fit.evaluations(),
                fit.parameters(), fit.goodness(), fit.warnings(), fit.notes());
        assertTrue(fit.goodness().explains());
    }
}
