package org.neuroform.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleBinaryOperator;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Grid;

/**
 * The four bundles, each with three seeds: the largest error over a grid of 1001 points of
 * the domain × 21 values of the ranged param, against the exact solution (decay, lagaris3, the
 * oscillator) or Hipparchus's DormandPrince853 on a hand-written right-hand side at 1e−14
 * (Lotka–Volterra), must be at most 1e−6.
 */
@Tag("slow")
class BundleAccuracyTest {
    static final double BAR = 1e-6;

    static ParametricSolution train(String text, long seed) {
        CompiledProblem problem = Compiler.compile(new SourceFile("test.ode", text + "train seed = " + seed + "\n")).problem().orElseThrow();
        return new BundleTrainer(problem, TrainingMonitor.SILENT).train();
    }

    /** The largest |u − exact| over 1001 × 21 points (unknown 0). */
    static double error(ParametricSolution bundle, double lower, double upper, double kLower, double kUpper, DoubleBinaryOperator exact) {
        double[] xs = Grid.uniform(lower, upper, 1001);
        double worst = 0;
        for (double k : Grid.uniform(kLower, kUpper, 21)) {
            double[] y = bundle.values(0, 0, xs, new double[] {k});
            for (int i = 0; i < xs.length; i++) {
                worst = Math.max(worst, Math.abs(y[i] - exact.applyAsDouble(xs[i], k)));
            }
        }
        return worst;
    }

    static void report(String name, long seed, ParametricSolution bundle, double error) {
        System.out.printf("%s seed %d: %d nodes, estimate %.1e, %.2f s, max error %.2e%n", name, seed, bundle.report().nodes(),
                bundle.report().interpolationError(), bundle.report().training().seconds(), error);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void decay(long seed) {
        ParametricSolution bundle = train("domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n", seed);
        double error = error(bundle, 0, 2, 0.5, 2, (x, k) -> Math.exp(-k * x));
        report("decay", seed, bundle, error);
        assertTrue(bundle.report().training().converged());
        assertTrue(error <= BAR, "max error " + error);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void lagaris3(long seed) {
        ParametricSolution bundle = train("domain x in [0, 2]\nparam k in [0.1, 0.5]\ny'' + k*y' + y = -k*exp(-k*x)*cos(x)\n"
                + "y(0) = 0\ny'(0) = 1\n", seed);
        double error = error(bundle, 0, 2, 0.1, 0.5, (x, k) -> Math.exp(-k * x) * Math.sin(x));
        report("lagaris3", seed, bundle, error);
        assertTrue(bundle.report().training().converged());
        assertTrue(error <= BAR, "max error " + error);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void oscillator(long seed) {
        ParametricSolution bundle = train("domain x in [0, 2*pi]\nparam v0 in [0.5, 2]\ny'' + y = 0\ny(0) = 0\ny'(0) = v0\n", seed);
        double error = error(bundle, 0, 2 * Math.PI, 0.5, 2, (x, v0) -> v0 * Math.sin(x));
        report("oscillator", seed, bundle, error);
        assertTrue(bundle.report().training().converged());
        assertTrue(error <= BAR, "max error " + error);
    }

    /** Lotka–Volterra with its prey growth rate a = 1.1 ± 20 %: both unknowns against DormandPrince853 at 1e−14. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void lotkaVolterra(long seed) {
        ParametricSolution bundle = train("domain t in [0, 20]\nparam a in [0.88, 1.32], b = 0.4, c = 0.1, d = 0.4\n"
                + "u' = a*u - b*u*v\nv' = c*u*v - d*v\nu(0) = 10\nv(0) = 10\n", seed);
        double[] ts = Grid.uniform(0, 20, 1001);
        double worst = 0;
        for (double a : Grid.uniform(0.88, 1.32, 21)) {
            double[][] reference = lotkaVolterra(a, ts);
            for (int u = 0; u < 2; u++) {
                double[] values = bundle.values(u, 0, ts, new double[] {a});
                for (int i = 0; i < ts.length; i++) {
                    worst = Math.max(worst, Math.abs(values[i] - reference[i][u]));
                }
            }
        }
        report("lotka-volterra", seed, bundle, worst);
        assertTrue(bundle.report().training().converged());
        assertTrue(worst <= BAR, "max error " + worst);
    }

    static double[][] lotkaVolterra(double a, double[] ts) {
        OrdinaryDifferentialEquation rhs = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return new double[] {a * y[0] - 0.4 * y[0] * y[1], 0.1 * y[0] * y[1] - 0.4 * y[1]};
            }
        };
        ODEIntegrator integrator = new DormandPrince853Integrator(1e-12, 1, 1e-14, 1e-14);
        double[][] out = new double[ts.length][];
        ODEState state = new ODEState(0, new double[] {10, 10});
        out[0] = state.getPrimaryState();
        for (int i = 1; i < ts.length; i++) {
            ODEStateAndDerivative next = integrator.integrate(rhs, state, ts[i]);
            out[i] = next.getPrimaryState();
            state = new ODEState(next.getTime(), next.getPrimaryState());
        }
        return out;
    }
}
