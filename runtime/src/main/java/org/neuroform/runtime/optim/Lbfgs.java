package org.neuroform.runtime.optim;

/**
 * L-BFGS (Nocedal & Wright, algorithm 7.4) with a strong-Wolfe line search (algorithms 3.5 and
 * 3.6, cubic interpolation in the zoom). A curvature pair (s, y) is kept when
 * {@code y·s > ε |y|²}: scale-invariant, so that pairs are still stored when the loss is
 * 1e−8 and an absolute test would reject them all.
 */
public final class Lbfgs implements Optimizer {
    public record Config(int memory, double c1, double c2, double curvatureEpsilon) {
        public static Config defaults() {
            return new Config(20, 1e-4, 0.9, 1e-10);
        }
    }

    private final Config config;
    private double acceptedLoss; // loss at the point the last line search accepted

    public Lbfgs(Config config) {
        this.config = config;
    }

    @Override
    public OptimizerResult minimize(LeastSquaresProblem problem, double[] start, int budget, double tolerance, TrainingMonitor monitor) {
        int n = problem.parameterCount();
        int memory = config.memory();
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rhoInverse = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int newest = -1;

        double[] theta = start.clone();
        double[] gradient = new double[n];
        double loss = problem.lossAndGradient(theta, gradient);
        if (!Double.isFinite(loss) || !Adam.allFinite(gradient)) {
            return new OptimizerResult(theta, loss, 0, OptimizerResult.StopReason.NOT_FINITE);
        }
        double[] direction = new double[n];
        double[] next = new double[n];
        double[] nextGradient = new double[n];
        int stalls = 0;
        for (int iteration = 1; iteration <= budget; iteration++) {
            monitor.progress("lbfgs", iteration, loss);
            if (loss < tolerance) {
                return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.TOLERANCE);
            }
            if (monitor.stopRequested()) {
                return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.STOPPED);
            }
            // Two-loop recursion: direction = −H g.
            for (int j = 0; j < n; j++) {
                direction[j] = -gradient[j];
            }
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(newest - k, memory);
                alpha[i] = dot(s[i], direction) / rhoInverse[i];
                axpy(-alpha[i], y[i], direction);
            }
            if (stored > 0) {
                double gamma = rhoInverse[newest] / dot(y[newest], y[newest]);
                for (int j = 0; j < n; j++) {
                    direction[j] *= gamma;
                }
            } else {
                double norm = Math.sqrt(dot(gradient, gradient));
                for (int j = 0; j < n; j++) {
                    direction[j] /= Math.max(norm, 1e-300);
                }
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(newest - k, memory);
                double beta = dot(y[i], direction) / rhoInverse[i];
                axpy(alpha[i] - beta, s[i], direction);
            }
            double slope = dot(gradient, direction);
            if (!(slope < 0)) { // not a descent direction: restart from steepest descent
                stored = 0;
                for (int j = 0; j < n; j++) {
                    direction[j] = -gradient[j];
                }
                slope = dot(gradient, direction);
                if (!(slope < 0)) {
                    return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.CONVERGED);
                }
            }
            double step = lineSearch(problem, theta, loss, slope, direction, next, nextGradient);
            if (step == 0) {
                if (stored == 0 || ++stalls > 2) {
                    return new OptimizerResult(theta, loss, iteration, OptimizerResult.StopReason.CONVERGED);
                }
                stored = 0;
                continue;
            }
            stalls = 0;
            double nextLoss = acceptedLoss;
            int slot = (newest + 1) % memory;
            for (int j = 0; j < n; j++) {
                s[slot][j] = next[j] - theta[j];
                y[slot][j] = nextGradient[j] - gradient[j];
            }
            double ys = dot(y[slot], s[slot]);
            if (ys > config.curvatureEpsilon() * dot(y[slot], y[slot])) {
                rhoInverse[slot] = ys;
                newest = slot;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(next, 0, theta, 0, n);
            System.arraycopy(nextGradient, 0, gradient, 0, n);
            loss = nextLoss;
        }
        return new OptimizerResult(theta, loss, budget, OptimizerResult.StopReason.BUDGET);
    }

    /** Strong-Wolfe line search along d from θ; writes the accepted point to {@code next}; returns its step or 0. */
    private double lineSearch(LeastSquaresProblem problem, double[] theta, double f0, double g0, double[] d,
            double[] next, double[] nextGradient) {
        double previousStep = 0;
        double previousLoss = f0;
        double previousSlope = g0;
        double step = 1;
        for (int i = 0; i < 25; i++) {
            double f = evaluate(problem, theta, d, step, next, nextGradient);
            double g = dot(nextGradient, d);
            if (!Double.isFinite(f) || f > f0 + config.c1() * step * g0 || (i > 0 && f >= previousLoss)) {
                return zoom(problem, theta, f0, g0, d, previousStep, previousLoss, previousSlope, step, f, g, next, nextGradient);
            }
            if (Math.abs(g) <= -config.c2() * g0) {
                acceptedLoss = f;
                return step;
            }
            if (g >= 0) {
                return zoom(problem, theta, f0, g0, d, step, f, g, previousStep, previousLoss, previousSlope, next, nextGradient);
            }
            previousStep = step;
            previousLoss = f;
            previousSlope = g;
            step *= 2;
        }
        return 0;
    }

    private double zoom(LeastSquaresProblem problem, double[] theta, double f0, double g0, double[] d,
            double lo, double fLo, double gLo, double hi, double fHi, double gHi, double[] next, double[] nextGradient) {
        for (int i = 0; i < 30; i++) {
            double step = interpolate(lo, fLo, gLo, hi, fHi, gHi);
            double f = evaluate(problem, theta, d, step, next, nextGradient);
            double g = dot(nextGradient, d);
            if (!Double.isFinite(f) || f > f0 + config.c1() * step * g0 || f >= fLo) {
                hi = step;
                fHi = f;
                gHi = g;
            } else {
                if (Math.abs(g) <= -config.c2() * g0) {
                    acceptedLoss = f;
                    return step;
                }
                if (g * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    gHi = gLo;
                }
                lo = step;
                fLo = f;
                gLo = g;
            }
            if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) {
                break;
            }
        }
        if (lo > 0 && fLo < f0) {
            acceptedLoss = evaluate(problem, theta, d, lo, next, nextGradient);
            return lo;
        }
        return 0;
    }

    /** Minimiser of the cubic through (a, fa, ga) and (b, fb, gb), kept inside the bracket. */
    private static double interpolate(double a, double fa, double ga, double b, double fb, double gb) {
        double low = Math.min(a, b);
        double high = Math.max(a, b);
        if (Double.isFinite(fb) && Double.isFinite(gb)) {
            double d1 = ga + gb - 3 * (fa - fb) / (a - b);
            double discriminant = d1 * d1 - ga * gb;
            if (discriminant >= 0) {
                double d2 = Math.signum(b - a) * Math.sqrt(discriminant);
                double t = b - (b - a) * (gb + d2 - d1) / (gb - ga + 2 * d2);
                double margin = 0.1 * (high - low);
                if (Double.isFinite(t) && t > low + margin && t < high - margin) {
                    return t;
                }
            }
        }
        return 0.5 * (a + b);
    }

    private static double evaluate(LeastSquaresProblem problem, double[] theta, double[] d, double step, double[] next, double[] gradient) {
        for (int j = 0; j < theta.length; j++) {
            next[j] = theta[j] + step * d[j];
        }
        return problem.lossAndGradient(next, gradient);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
