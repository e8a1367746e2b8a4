package org.neuroform.runtime.reference;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The three-stage Radau IIA method (order 5, L-stable) with step-size control and dense output,
 * for stiff systems {@code y' = f(t, y)} that an explicit integrator cannot cross: the reference
 * the classical check falls back on when DormandPrince853 runs out of evaluations.
 *
 * <p>As in Hairer &amp; Wanner, <i>Solving Ordinary Differential Equations II</i>, Sec. IV.8
 * (RADAU5), and SciPy's {@code Radau}: the stage equations are solved by simplified Newton
 * iterations with the Jacobian by forward differences, decoupled by the eigenvectors of the
 * method's matrix into one real system {@code (γ/h − J)} and one complex one
 * {@code ((α + iβ)/h − J)} (here a real system of twice the size, LU by EJML); the error is the
 * embedded third-order estimate filtered through {@code (γ/h − J)⁻¹} (stable for stiff
 * components), with its second filtering after a rejection; the step follows Gustafsson's
 * predictive controller. Between step ends the solution is one more step from the last end
 * before it ({@link Trajectory#state}): the collocation polynomial (cubic) there is accurate only
 * to the stages' order.
 */
public final class RadauIIA {
    /** The right-hand side {@code f(t, y)}, a new array of y's length. */
    @FunctionalInterface
    public interface Equations {
        double[] derivative(double t, double[] y);
    }

    private static final double EPS = Math.ulp(1.0);
    private static final double S6 = Math.sqrt(6);
    /** The nodes c_i. */
    static final double[] C = {(4 - S6) / 10, (4 + S6) / 10, 1};
    /** The embedded error estimate's weights on the stage increments (divided by h). */
    private static final double[] E = {(-13 - 7 * S6) / 3, (-13 + 7 * S6) / 3, -1.0 / 3};
    /** The eigenvalues of A⁻¹: one real, γ, and a complex pair α ± iβ. */
    static final double GAMMA = 3 + Math.cbrt(9) - Math.cbrt(3);
    static final double ALPHA = 3 + 0.5 * (Math.cbrt(3) - Math.cbrt(9));
    static final double BETA = -0.5 * (Math.pow(3, 5.0 / 6) + Math.pow(3, 7.0 / 6));
    /** A = T Λ T⁻¹ with Λ⁻¹ = diag(γ, [[α, −β], [β, α]]): the transformation and its inverse. */
    static final double[][] T = {
        {0.09443876248897524, -0.14125529502095421, 0.03002919410514742},
        {0.25021312296533332, 0.20412935229379994, -0.38294211275726192},
        {1, 1, 0}};
    static final double[][] TI = {
        {4.17871859155190428, 0.32768282076106237, 0.52337644549944951},
        {-4.17871859155190428, -0.32768282076106237, 0.47662355450055044},
        {0.50287263494578682, -2.57192694985560522, 0.59603920482822492}};
    /** The collocation polynomial's coefficients in (t − t_old)/h, from the stage increments. */
    private static final double[][] P = {
        {13.0 / 3 + 7 * S6 / 3, -23.0 / 3 - 22 * S6 / 3, 10.0 / 3 + 5 * S6},
        {13.0 / 3 - 7 * S6 / 3, -23.0 / 3 + 22 * S6 / 3, 10.0 / 3 - 5 * S6},
        {1.0 / 3, -8.0 / 3, 10.0 / 3}};

    private static final int NEWTON_MAXITER = 6;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 10;

    private final Equations system;
    private final int n;
    private final double rtol;
    private final double atol;
    private final int maxEvaluations;
    private final double newtonTolerance;
    private int evaluations;

    private RadauIIA(Equations system, int n, double rtol, double atol, int maxEvaluations) {
        this.system = system;
        this.n = n;
        this.rtol = rtol;
        this.atol = atol;
        this.maxEvaluations = maxEvaluations;
        newtonTolerance = Math.max(10 * EPS / rtol, Math.min(0.03, Math.sqrt(rtol)));
    }

    /**
     * The solution from (t0, y0) to {@code end} (either side of t0), with the local error of each
     * step below {@code atol + rtol·|y|} in the root-mean-square norm.
     *
     * @throws ClassicalReference.ReferenceException when the step size falls to round-off (a
     *         singularity), the values stop being finite, or more than {@code maxEvaluations}
     *         evaluations of f would be needed; it says how far the integration got
     */
    public static Trajectory integrate(Equations system, double t0, double[] y0, double end, double rtol, double atol,
            int maxEvaluations) {
        return new RadauIIA(system, y0.length, rtol, atol, maxEvaluations).run(t0, y0.clone(), end, Double.NaN);
    }

    private double[] f(double t, double[] y) {
        if (++evaluations > maxEvaluations) {
            throw failure("more than " + maxEvaluations + " evaluations", t, y);
        }
        try {
            return system.derivative(t, y);
        } catch (ClassicalReference.ReferenceException | ArithmeticException e) {
            throw failure(e.getMessage(), t, y);
        }
    }

    private ClassicalReference.ReferenceException failure(String why, double t, double[] y) {
        double size = 0;
        for (double v : y) {
            size = Double.isNaN(v) || Double.isNaN(size) ? Double.NaN : Math.max(size, Math.abs(v));
        }
        return new ClassicalReference.ReferenceException("Radau IIA: " + why + " at t = " + t, t, size);
    }

    /** From (t0, y0) to end, the first step {@code firstStep} (NaN: chosen here). */
    private Trajectory run(double t0, double[] y0, double end, double firstStep) {
        Trajectory trajectory = new Trajectory(this, t0, y0);
        if (end == t0) {
            return trajectory;
        }
        double direction = Math.signum(end - t0);
        double t = t0;
        double[] y = y0;
        double[] f = f(t, y);
        double hAbs = Double.isNaN(firstStep) ? initialStep(t, y, f, direction, Math.abs(end - t0)) : firstStep;
        double hAbsOld = Double.NaN;
        double errorOld = Double.NaN;
        double[][] jacobian = jacobian(t, y, f);
        boolean currentJacobian = true;
        LinearSolverDense<DMatrixRMaj> real = null;
        LinearSolverDense<DMatrixRMaj> complex = null;
        while (direction * (end - t) > 0) {
            double minStep = 10 * Math.abs(Math.nextAfter(t, direction * Double.POSITIVE_INFINITY) - t);
            if (hAbs < minStep) {
                hAbs = minStep;
                hAbsOld = Double.NaN;
                errorOld = Double.NaN;
            }
            boolean rejected = false;
            double[] yOld = y;
            double[][] z;
            double h;
            double tNew;
            double errorNorm;
            double safety;
            double rate;
            int iterations;
            while (true) {
                if (hAbs < minStep) {
                    throw failure("the step size fell below round-off", t, y);
                }
                h = hAbs * direction;
                tNew = t + h;
                if (direction * (tNew - end) > 0) {
                    tNew = end;
                }
                h = tNew - t;
                hAbs = Math.abs(h);
                double[][] z0 = new double[3][n];
                int last = trajectory.steps() - 1;
                if (last >= 0) { // the last step's collocation polynomial, extrapolated
                    for (int i = 0; i < 3; i++) {
                        double[] at = trajectory.cubic(last, 1 + C[i] * h / trajectory.steps[last]);
                        for (int j = 0; j < n; j++) {
                            z0[i][j] = at[j] - y[j];
                        }
                    }
                }
                double[] scale = new double[n];
                for (int j = 0; j < n; j++) {
                    scale[j] = atol + Math.abs(y[j]) * rtol;
                }
                Newton newton = null;
                while (true) {
                    if (real == null) {
                        real = realSolver(GAMMA / h, jacobian);
                        complex = complexSolver(ALPHA / h, BETA / h, jacobian);
                    }
                    newton = collocation(t, y, h, z0, scale, real, complex);
                    if (newton.converged || currentJacobian) {
                        break;
                    }
                    jacobian = jacobian(t, y, f);
                    currentJacobian = true;
                    real = null;
                }
                if (!newton.converged) {
                    hAbs *= 0.5;
                    real = null;
                    continue;
                }
                z = newton.z;
                iterations = newton.iterations;
                rate = newton.rate;
                double[] yNew = new double[n];
                for (int j = 0; j < n; j++) {
                    yNew[j] = y[j] + z[2][j];
                    scale[j] = atol + Math.max(Math.abs(y[j]), Math.abs(yNew[j])) * rtol;
                }
                double[] ze = new double[n];
                for (int j = 0; j < n; j++) {
                    ze[j] = (E[0] * z[0][j] + E[1] * z[1][j] + E[2] * z[2][j]) / h;
                }
                double[] error = solve(real, add(f, ze));
                errorNorm = norm(error, scale);
                safety = 0.9 * (2 * NEWTON_MAXITER + 1) / (2 * NEWTON_MAXITER + iterations);
                if (rejected && errorNorm > 1) { // the estimate filtered once more (Hairer & Wanner, IV.8, p. 127)
                    double[] shifted = add(y, error);
                    error = solve(real, add(f(t, shifted), ze));
                    errorNorm = norm(error, scale);
                }
                if (!Double.isFinite(errorNorm)) {
                    hAbs *= 0.5;
                    real = null;
                    rejected = true;
                    continue;
                }
                if (errorNorm > 1) {
                    hAbs *= Math.max(MIN_FACTOR, safety * factor(hAbs, hAbsOld, errorNorm, errorOld));
                    real = null;
                    rejected = true;
                    continue;
                }
                y = yNew;
                break;
            }
            boolean recompute = iterations > 2 && rate > 1e-3;
            double factor = Math.min(MAX_FACTOR, safety * factor(hAbs, hAbsOld, errorNorm, errorOld));
            if (!recompute && factor < 1.2) {
                factor = 1;
            } else {
                real = null;
            }
            double tOld = t;
            t = tNew;
            trajectory.add(tOld, h, yOld, z);
            f = f(t, y);
            for (double v : y) {
                if (!Double.isFinite(v)) {
                    throw failure("the values stopped being finite", t, y);
                }
            }
            if (recompute) {
                jacobian = jacobian(t, y, f);
                currentJacobian = true;
            } else {
                currentJacobian = false;
            }
            hAbsOld = hAbs;
            errorOld = errorNorm;
            hAbs *= factor;
        }
        trajectory.end = y;
        return trajectory;
    }


    /** Gustafsson's predictive factor (the one-step one when there is no previous step). */
    private static double factor(double hAbs, double hAbsOld, double errorNorm, double errorOld) {
        double multiplier = Double.isNaN(hAbsOld) || Double.isNaN(errorOld) || errorNorm == 0
                ? 1
                : hAbs / hAbsOld * Math.pow(errorOld / errorNorm, 0.25);
        return Math.min(1, multiplier) * Math.pow(errorNorm, -0.25); // errorNorm 0: infinity, capped by the caller
    }

    private record Newton(boolean converged, int iterations, double[][] z, double rate) {
    }

    /** Simplified Newton on the stage increments Z (y + Z_i at t + c_i h), in the transformed variables W = T⁻¹Z. */
    private Newton collocation(double t, double[] y, double h, double[][] z0, double[] scale,
            LinearSolverDense<DMatrixRMaj> real, LinearSolverDense<DMatrixRMaj> complex) {
        double mReal = GAMMA / h;
        double mAlpha = ALPHA / h;
        double mBeta = BETA / h;
        double[][] w = multiply(TI, z0);
        double[][] z = z0;
        double previous = Double.NaN;
        double rate = Double.NaN;
        double[] stage = new double[n];
        double[][] fs = new double[3][];
        for (int k = 0; k < NEWTON_MAXITER; k++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < n; j++) {
                    stage[j] = y[j] + z[i][j];
                }
                fs[i] = f(t + C[i] * h, stage);
            }
            boolean finite = true;
            double[] rightReal = new double[n];
            double[] rightComplex = new double[2 * n];
            for (int j = 0; j < n; j++) {
                double f0 = fs[0][j];
                double f1 = fs[1][j];
                double f2 = fs[2][j];
                finite &= Double.isFinite(f0) && Double.isFinite(f1) && Double.isFinite(f2);
                rightReal[j] = TI[0][0] * f0 + TI[0][1] * f1 + TI[0][2] * f2 - mReal * w[0][j];
                // (α + iβ)/h · (W1 + i W2), real and imaginary parts
                rightComplex[j] = TI[1][0] * f0 + TI[1][1] * f1 + TI[1][2] * f2 - (mAlpha * w[1][j] - mBeta * w[2][j]);
                rightComplex[n + j] = TI[2][0] * f0 + TI[2][1] * f1 + TI[2][2] * f2 - (mAlpha * w[2][j] + mBeta * w[1][j]);
            }
            if (!finite) {
                return new Newton(false, k + 1, z, rate);
            }
            double[] dReal = solve(real, rightReal);
            double[] dComplex = solve(complex, rightComplex);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double a = dReal[j] / scale[j];
                double b = dComplex[j] / scale[j];
                double c = dComplex[n + j] / scale[j];
                sum += a * a + b * b + c * c;
            }
            double norm = Math.sqrt(sum / (3 * n));
            if (!Double.isFinite(norm)) {
                return new Newton(false, k + 1, z, rate);
            }
            if (!Double.isNaN(previous)) {
                rate = norm / previous;
                if (rate >= 1 || Math.pow(rate, NEWTON_MAXITER - k) / (1 - rate) * norm > newtonTolerance) {
                    return new Newton(false, k + 1, z, rate);
                }
            }
            for (int j = 0; j < n; j++) {
                w[0][j] += dReal[j];
                w[1][j] += dComplex[j];
                w[2][j] += dComplex[n + j];
            }
            z = multiply(T, w);
            if (norm == 0 || !Double.isNaN(rate) && rate / (1 - rate) * norm < newtonTolerance) {
                return new Newton(true, k + 1, z, rate);
            }
            previous = norm;
        }
        return new Newton(false, NEWTON_MAXITER, z, rate);
    }

    /** ∂f/∂y by forward differences, one evaluation per column. */
    private double[][] jacobian(double t, double[] y, double[] f) {
        double[][] jacobian = new double[n][n];
        double[] shifted = y.clone();
        for (int c = 0; c < n; c++) {
            double delta = Math.sqrt(EPS) * Math.max(Math.abs(y[c]), atol / rtol);
            double saved = shifted[c];
            shifted[c] = saved + delta;
            delta = shifted[c] - saved; // exactly representable
            double[] moved = f(t, shifted);
            shifted[c] = saved;
            for (int r = 0; r < n; r++) {
                jacobian[r][c] = (moved[r] - f[r]) / delta;
            }
        }
        return jacobian;
    }

    private LinearSolverDense<DMatrixRMaj> realSolver(double m, double[][] jacobian) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                a.set(r, c, (r == c ? m : 0) - jacobian[r][c]);
            }
        }
        return factor(a);
    }

    /** ((α + iβ) − J) as the real system [[α − J, −β], [β, α − J]] on (real part, imaginary part). */
    private LinearSolverDense<DMatrixRMaj> complexSolver(double alpha, double beta, double[][] jacobian) {
        DMatrixRMaj a = new DMatrixRMaj(2 * n, 2 * n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double v = (r == c ? alpha : 0) - jacobian[r][c];
                a.set(r, c, v);
                a.set(n + r, n + c, v);
            }
            a.set(r, n + r, -beta);
            a.set(n + r, r, beta);
        }
        return factor(a);
    }

    private static LinearSolverDense<DMatrixRMaj> factor(DMatrixRMaj a) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(a.numRows);
        if (!solver.setA(a)) {
            throw new ClassicalReference.ReferenceException("Radau IIA: a singular iteration matrix");
        }
        return solver;
    }

    private static double[] solve(LinearSolverDense<DMatrixRMaj> solver, double[] right) {
        DMatrixRMaj b = DMatrixRMaj.wrap(right.length, 1, right.clone());
        DMatrixRMaj x = new DMatrixRMaj(right.length, 1);
        solver.solve(b, x);
        return x.data;
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static double[][] multiply(double[][] m, double[][] v) {
        int n = v[0].length;
        double[][] out = new double[3][n];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = m[i][0] * v[0][j] + m[i][1] * v[1][j] + m[i][2] * v[2][j];
            }
        }
        return out;
    }

    private double norm(double[] v, double[] scale) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double r = v[j] / scale[j];
            sum += r * r;
        }
        return Math.sqrt(sum / n);
    }

    /** Hairer, Nørsett &amp; Wanner's starting step for an error of order 4 (as SciPy's {@code select_initial_step}). */
    private double initialStep(double t, double[] y, double[] f, double direction, double length) {
        double[] scale = new double[n];
        for (int j = 0; j < n; j++) {
            scale[j] = atol + Math.abs(y[j]) * rtol;
        }
        double d0 = norm(y, scale);
        double d1 = norm(f, scale);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, length);
        double[] y1 = new double[n];
        for (int j = 0; j < n; j++) {
            y1[j] = y[j] + h0 * direction * f[j];
        }
        double[] f1 = f(t + h0 * direction, y1);
        double[] difference = new double[n];
        for (int j = 0; j < n; j++) {
            difference[j] = f1[j] - f[j];
        }
        double d2 = norm(difference, scale) / h0;
        double h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / Math.max(d1, d2), 0.25);
        double h = Math.min(100 * h0, h1);
        return Double.isFinite(h) && h > 0 ? Math.min(h, length) : Math.min(1e-6, length);
    }

    /**
     * The accepted steps, each with its collocation polynomial: the solution anywhere between t0
     * and the end. Between step ends the cubic is accurate only to the stages' order (4), far
     * less than the step ends on a stiff problem (SciPy's dense output of Prothero–Robinson at
     * tolerances 1e−12 is off by 7e−7, its step ends by 5e−11); so a value between ends is one
     * more step of the method from the last end before it, no longer than the step taken there,
     * with the cubic only as its start (and as the answer should that step fail).
     */
    public static final class Trajectory {
        private final RadauIIA method;
        private final int n;
        private final double t0;
        private final double[] y0;
        private double[] starts = new double[16];
        private double[] steps = new double[16];
        /** Per step: y at its start, then the cubic's three coefficients, n each. */
        private double[][] data = new double[16][];
        private int size;
        private double[] end;
        /** The last value asked between step ends (its unknowns and orders are asked one by one). */
        private double cachedAt = Double.NaN;
        private double[] cached;

        Trajectory(RadauIIA method, double t0, double[] y0) {
            this.method = method;
            this.t0 = t0;
            this.y0 = y0.clone();
            this.n = y0.length;
            this.end = this.y0;
        }

        void add(double start, double h, double[] yStart, double[][] z) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, 2 * size);
                steps = Arrays.copyOf(steps, 2 * size);
                data = Arrays.copyOf(data, 2 * size);
            }
            double[] d = new double[4 * n];
            System.arraycopy(yStart, 0, d, 0, n);
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < 3; k++) {
                    d[(k + 1) * n + j] = P[0][k] * z[0][j] + P[1][k] * z[1][j] + P[2][k] * z[2][j];
                }
            }
            starts[size] = start;
            steps[size] = h;
            data[size] = d;
            size++;
        }

        /** The number of accepted steps. */
        public int steps() {
            return size;
        }

        /** y(t) for t between t0 and the last step's end. */
        public synchronized double[] state(double t) {
            if (size == 0 || t == t0) {
                return y0.clone();
            }
            double direction = Math.signum(steps[0]);
            double last = starts[size - 1] + steps[size - 1];
            if (direction * (t - last) >= 0) {
                return end.clone();
            }
            // the last step whose start is at or before t (in the direction of integration)
            int lo = 0;
            int hi = size - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (direction * (t - starts[mid]) >= 0) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            double[] yStart = Arrays.copyOf(data[lo], n);
            if (t == starts[lo]) {
                return yStart;
            }
            if (t == cachedAt) {
                return cached.clone();
            }
            double[] y;
            try {
                RadauIIA again = new RadauIIA(method.system, n, method.rtol, method.atol, method.maxEvaluations);
                y = again.run(starts[lo], yStart, t, Math.abs(t - starts[lo])).end;
            } catch (ClassicalReference.ReferenceException | ArithmeticException e) {
                y = cubic(lo, (t - starts[lo]) / steps[lo]);
            }
            cachedAt = t;
            cached = y.clone();
            return y;
        }

        /** The collocation polynomial of step {@code step} at s = (t − start)/h. */
        double[] cubic(int step, double s) {
            double[] d = data[step];
            double[] out = new double[n];
            for (int j = 0; j < n; j++) {
                out[j] = d[j] + s * (d[n + j] + s * (d[2 * n + j] + s * d[3 * n + j]));
            }
            return out;
        }
    }
}
