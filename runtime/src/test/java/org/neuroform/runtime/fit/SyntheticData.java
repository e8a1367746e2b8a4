package org.neuroform.runtime.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Test utility: noisy observations of the fit examples' models, made in Java so that tests (a
 * coverage test draws hundreds of data sets) never call Python. The models and their fixed
 * initial values are those of {@code examples/fit-lotka-volterra.ode} and {@code examples/fit-sir.ode},
 * and with {@code sigma = 0} the values equal the noise-free CSV files that
 * {@code examples/fit-data/generate.py} wrote ({@code src/test/resources/fit/*-exact.csv}).
 *
 * <p>The solution is integrated by DormandPrince853 at tolerances 1e−12 from one observation time
 * to the next (no interpolation); the noise is {@code sigma · z} with z from
 * {@code new Random(seed).nextGaussian()}, one draw per observation in the order of the result
 * (by time, then by unknown). The same seed gives the same data on every JVM (Random's algorithm
 * is specified). Unknown indices are those of the example files: x = 0, y = 1; S = 0, I = 1, R = 2.
 * Each observation's sigma is {@code sigma}, or NaN (not said) when {@code sigma} is 0.
 */
public final class SyntheticData {
    /** x(0), y(0) of fit-lotka-volterra.ode. */
    public static final double[] LOTKA_VOLTERRA_INITIAL = {10, 5};

    /** The true a, b, c, d of fit-lotka-volterra.csv. */
    public static final double[] LOTKA_VOLTERRA_TRUE = {1, 0.1, 0.075, 1.5};

    /** N of fit-sir.ode, and S(0), I(0), R(0). */
    public static final double SIR_POPULATION = 1000;

    public static final double[] SIR_INITIAL = {990, 10, 0};

    /** The true beta, gamma of fit-sir.csv. */
    public static final double[] SIR_TRUE = {0.5, 0.2};

    public static final double TOLERANCE = 1e-12;

    private SyntheticData() {}

    /**
     * Both species of x' = a x − b x y, y' = c x y − d y from x(0) = 10, y(0) = 5, at each time.
     *
     * @param parameters a, b, c, d
     */
    public static Observations lotkaVolterra(double[] parameters, double[] times, double sigma, long seed) {
        double a = parameters[0];
        double b = parameters[1];
        double c = parameters[2];
        double d = parameters[3];
        OrdinaryDifferentialEquation system = system(2, (t, u) -> new double[] {a * u[0] - b * u[0] * u[1], c * u[0] * u[1] - d * u[1]});
        return observe(system, LOTKA_VOLTERRA_INITIAL, times, new int[] {0, 1}, sigma, seed, "lotka-volterra");
    }

    /**
     * The infected of S' = −β S I/N, I' = β S I/N − γ I, R' = γ I (N = 1000) from S(0) = 990,
     * I(0) = 10, R(0) = 0, at each time.
     *
     * @param parameters beta, gamma
     */
    public static Observations sirInfected(double[] parameters, double[] times, double sigma, long seed) {
        double beta = parameters[0];
        double gamma = parameters[1];
        double n = SIR_POPULATION;
        OrdinaryDifferentialEquation system = system(3, (t, u) -> new double[] {
            -beta * u[0] * u[1] / n, beta * u[0] * u[1] / n - gamma * u[1], gamma * u[1]
        });
        return observe(system, SIR_INITIAL, times, new int[] {1}, sigma, seed, "sir");
    }

    /** step, 2·step, …, up to end: the observation times of the examples (0.5 … 15 for Lotka–Volterra, 1 … 40 for SIR). */
    public static double[] grid(double step, double end) {
        int count = (int) Math.round(end / step);
        double[] times = new double[count];
        for (int k = 1; k <= count; k++) {
            times[k - 1] = step * k;
        }
        return times;
    }

    /** A right-hand side u' = f(t, u). */
    public interface RightHandSide {
        double[] derivatives(double t, double[] u);
    }

    private static OrdinaryDifferentialEquation system(int dimension, RightHandSide rhs) {
        return new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dimension;
            }

            @Override
            public double[] computeDerivatives(double t, double[] u) {
                return rhs.derivatives(t, u);
            }
        };
    }

    /**
     * Observations of the given components of a system started at t = 0, at increasing times
     * (after 0), with Gaussian noise of {@code sigma}.
     */
    public static Observations observe(
            OrdinaryDifferentialEquation system, double[] initial, double[] times, int[] observed, double sigma, long seed, String name) {
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] > (i == 0 ? 0 : times[i - 1]))) {
                throw new IllegalArgumentException("times must increase from after 0: " + Arrays.toString(times));
            }
        }
        Random random = new Random(seed);
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-14, times[times.length - 1], TOLERANCE, TOLERANCE);
        ODEState state = new ODEState(0, initial.clone());
        int n = times.length * observed.length;
        double[] time = new double[n];
        int[] unknown = new int[n];
        double[] value = new double[n];
        double[] sigmas = new double[n];
        List<String> where = new ArrayList<>(n);
        int k = 0;
        for (double t : times) {
            state = integrator.integrate(system, state, t);
            for (int component : observed) {
                time[k] = t;
                unknown[k] = component;
                value[k] = state.getPrimaryState()[component] + (sigma == 0 ? 0 : sigma * random.nextGaussian());
                sigmas[k] = sigma == 0 ? Double.NaN : sigma;
                where.add(name + ":" + (k + 1));
                k++;
            }
        }
        return new Observations(time, unknown, value, sigmas, where);
    }
}
