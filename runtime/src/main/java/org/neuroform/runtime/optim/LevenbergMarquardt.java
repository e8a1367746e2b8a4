package org.neuroform.runtime.optim;

import java.util.Arrays;

/**
 * Levenberg–Marquardt on {@code ‖ρ(θ)‖²}: each step solves
 *
 * <pre>
 *   (JᵀJ + μ I) δ = −Jᵀρ
 * </pre>
 *
 * by Cholesky, and is taken when the actual decrease matches enough of the predicted one
 * {@code δᵀ(μδ − Jᵀρ)}; μ follows Nielsen's rule (shrink by {@code max(1/3, 1 − (2r−1)³)} on
 * success, grow by a doubling factor on failure). Gauss–Newton's curvature information is
 * what takes trial-solution residuals from 1e−4 to 1e−10 where first-order methods stall.
 */
public final class LevenbergMarquardt implements Optimizer {
    /**
     * @param relativeStep stop when the step is below this times ‖θ‖
     * @param stallIterations stop when the loss has not dropped by {@code stallFactor} for this many iterations
     */
    public record Config(double initialDamping, double relativeStep, int stallIterations, double stallFactor) {
        public static Config defaults() {
            return new Config(1e-3, 1e-14, 40, 0.999);
        }
    }

    private static final int PROJECTION_WINDOW = 50;
    private static final double PROJECTION_SLACK = 4;

    private final Config config;

    public LevenbergMarquardt(Config config) {
        this.config = config;
    }

    @Override
    public OptimizerResult minimize(LeastSquaresProblem problem, double[] start, int budget, double tolerance, TrainingMonitor monitor) {
        int n = problem.parameterCount();
        int m = problem.residualCount();
        double[] theta = start.clone();
        double[] rho = new double[m];
        double[] jacobian = new double[m * n];
        double[] normal = new double[n * n];
        double[] gradient = new double[n];
        double[] step = new double[n];
        double[] trial = new double[n];
        double[] trialRho = new double[m];
        double[] factor = new double[n * n];

        double loss = problem.residualsAndJacobian(theta, rho, jacobian);
        if (!Double.isFinite(loss)) {
            return new OptimizerResult(theta, loss, 0, OptimizerResult.StopReason.NOT_FINITE);
        }
        normalEquations(jacobian, rho, m, n, normal, gradient);
        double maxDiagonal = 0;
        for (int j = 0; j < n; j++) {
            maxDiagonal = Math.max(maxDiagonal, normal[j * n + j]);
        }
        double mu = config.initialDamping() * Math.max(maxDiagonal, 1e-300);
        double nu = 2;
        double stallReference = loss;
        double windowStart = loss;
        int stallCount = 0;
        for (int iteration = 1; iteration <= budget; iteration++) {
            monitor.progress("lm", iteration, loss, maxResidual(rho, m));
            if (loss < tolerance) {
                return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.TOLERANCE);
            }
            if (monitor.stopRequested()) {
                return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.STOPPED);
            }
            if (!solveDamped(normal, gradient, mu, n, factor, step)) {
                mu *= nu;
                nu *= 2;
                if (mu > 1e300) {
                    return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.CONVERGED);
                }
                continue;
            }
            double stepNorm = 0;
            double thetaNorm = 0;
            double predicted = 0;
            for (int j = 0; j < n; j++) {
                trial[j] = theta[j] + step[j];
                stepNorm += step[j] * step[j];
                thetaNorm += theta[j] * theta[j];
                predicted += step[j] * (mu * step[j] - gradient[j]);
            }
            if (Math.sqrt(stepNorm) <= config.relativeStep() * (Math.sqrt(thetaNorm) + config.relativeStep())) {
                return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.CONVERGED);
            }
            double trialLoss = problem.residuals(trial, trialRho);
            double ratio = Double.isFinite(trialLoss) && predicted > 0 ? (loss - trialLoss) / predicted : -1;
            if (ratio > 0) {
                loss = problem.residualsAndJacobian(trial, rho, jacobian);
                System.arraycopy(trial, 0, theta, 0, n);
                normalEquations(jacobian, rho, m, n, normal, gradient);
                double r = 2 * ratio - 1;
                mu *= Math.max(1.0 / 3, 1 - r * r * r);
                nu = 2;
            } else {
                mu *= nu;
                nu *= 2;
                if (mu > 1e300 || nu > 1e300) {
                    return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.CONVERGED);
                }
            }
            if (iteration % PROJECTION_WINDOW == 0) {
                // Linear convergence: project the iterations still needed to reach the tolerance
                // from the last window's rate; stop when they exceed the budget (the caller then
                // tries something else sooner, such as a shorter segment).
                if (iteration >= 2 * PROJECTION_WINDOW && tolerance > 0 && loss > tolerance) {
                    double rate = Math.log(loss / windowStart) / PROJECTION_WINDOW;
                    double needed = rate < 0 ? Math.log(tolerance / loss) / rate : Double.POSITIVE_INFINITY;
                    if (needed > PROJECTION_SLACK * (budget - iteration)) {
                        return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.CONVERGED);
                    }
                }
                windowStart = loss;
            }
            if (loss < config.stallFactor() * stallReference) {
                stallReference = loss;
                stallCount = 0;
            } else if (++stallCount >= config.stallIterations()) {
                return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.CONVERGED);
            }
        }
        return new OptimizerResult(theta, loss, budget, OptimizerResult.StopReason.BUDGET);
    }

    /** {@code max |ρ_i| √m}: for rows scaled by 1/√m, the largest (weighted) residual. */
    private static double maxResidual(double[] rho, int m) {
        double max = 0;
        for (int r = 0; r < m; r++) {
            max = Math.max(max, Math.abs(rho[r]));
        }
        return max * Math.sqrt(m);
    }

    /**
     * {@code normal = JᵀJ} (both triangles), {@code gradient = Jᵀρ} (half the loss gradient).
     * Rows are taken four at a time, so that each pass over the upper triangle (which does not
     * fit in L1 for a hundred parameters) does four rank-one updates: this is the hot loop of
     * training, and the inner loop stays a plain vectorisable axpy.
     */
    static void normalEquations(double[] jacobian, double[] rho, int m, int n, double[] normal, double[] gradient) {
        Arrays.fill(normal, 0);
        Arrays.fill(gradient, 0);
        int r = 0;
        for (; r + 3 < m; r += 4) {
            int r0 = r * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            for (int i = 0; i < n; i++) {
                double a0 = jacobian[r0 + i];
                double a1 = jacobian[r1 + i];
                double a2 = jacobian[r2 + i];
                double a3 = jacobian[r3 + i];
                gradient[i] += a0 * rho[r] + a1 * rho[r + 1] + a2 * rho[r + 2] + a3 * rho[r + 3];
                int row = i * n;
                for (int j = i; j < n; j++) {
                    normal[row + j] += a0 * jacobian[r0 + j] + a1 * jacobian[r1 + j] + a2 * jacobian[r2 + j] + a3 * jacobian[r3 + j];
                }
            }
        }
        for (; r < m; r++) {
            int row0 = r * n;
            double residual = rho[r];
            for (int i = 0; i < n; i++) {
                double a = jacobian[row0 + i];
                gradient[i] += a * residual;
                int row = i * n;
                for (int j = i; j < n; j++) {
                    normal[row + j] += a * jacobian[row0 + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                normal[j * n + i] = normal[i * n + j];
            }
        }
    }

    /** Solves {@code (A + μI) δ = −g} by Cholesky; false when the matrix is not numerically positive definite. */
    static boolean solveDamped(double[] a, double[] g, double mu, int n, double[] l, double[] delta) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * n + j] + (i == j ? mu : 0);
                for (int k = 0; k < j; k++) {
                    sum -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    l[i * n + i] = Math.sqrt(sum);
                } else {
                    l[i * n + j] = sum / l[j * n + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double sum = -g[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i * n + k] * delta[k];
            }
            delta[i] = sum / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = delta[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k * n + i] * delta[k];
            }
            delta[i] = sum / l[i * n + i];
        }
        return true;
    }
}
