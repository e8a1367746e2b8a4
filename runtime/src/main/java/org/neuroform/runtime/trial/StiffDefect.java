package org.neuroform.runtime.trial;

import java.util.List;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.sym.Derivative;

/**
 * The defect of a segment as the error it causes, for first-order systems whose equations damp
 * their own unknown strongly (stiff kinetics). Linearised along the trial solution,
 * {@code A δ' + B δ = r} with {@code A_e = ∂R_e/∂u_e'} and {@code B_ej = ∂R_e/∂u_j}: a defect r held
 * over a step h moves the solution by about {@code h (I + h A⁻¹B)⁻¹ A⁻¹ r} (an implicit Euler step of
 * the error equation, the filter of Hairer and Wanner's error estimate for Radau methods,
 * Solving ODEs II, IV.8). Where the equations do not damp (every {@code h B_ee / A_e} below
 * {@link #STIFF}) the factor is the identity and the defect is the plain residual, as for every other
 * problem; where they do, a component damped at the rate λ turns a defect r into an error r/λ, not
 * r·h, and asking it for the residual of a non-stiff one only shortens the steps (Robertson's
 * y2, damped at 10⁴, sat at the round-off floor of its terms on segments of 0.03).
 *
 * <p>Applied only where it is safe: each equation holds the first derivative of its own unknown
 * and of no other, no equation lets its own unknown grow ({@code B_ee / A_e ≥ 0}), and the system
 * is small enough for one n × n inverse per point ({@link #LARGEST}). Elsewhere the residual is
 * taken as it is.
 */
final class StiffDefect {
    /** Damping over the step ({@code h B_ee / A_e}) from which a point counts as stiff. */
    static final double STIFF = 10;
    /** More unknowns than this are not filtered (one dense inverse per point). */
    static final int LARGEST = 16;

    private final int n;
    /** Per equation: the term index of its unknown's first derivative. */
    private final int[] firstTerm;
    /** Per equation e and equation f: the term index of u_f (order 0) in equation e, or -1. */
    private final int[][] valueTerm;

    private StiffDefect(int n, int[] firstTerm, int[][] valueTerm) {
        this.n = n;
        this.firstTerm = firstTerm;
        this.valueTerm = valueTerm;
    }

    /** The filter for these equations, or null when their structure does not allow it. */
    static StiffDefect of(List<Equation> equations, int[] orders) {
        int n = orders.length;
        if (equations.size() != n || n > LARGEST) {
            return null;
        }
        int[] main = new int[n];
        int[] unknownToEquation = new int[n];
        java.util.Arrays.fill(unknownToEquation, -1);
        int[] firstTerm = new int[n];
        for (int e = 0; e < n; e++) {
            main[e] = -1;
            List<Derivative> terms = equations.get(e).terms();
            for (int t = 0; t < terms.size(); t++) {
                Derivative d = terms.get(t);
                if (d.order() > 1 || orders[d.unknown()] != 1) {
                    return null;
                }
                if (d.order() == 1) {
                    if (main[e] >= 0) {
                        return null; // two first derivatives in one equation
                    }
                    main[e] = d.unknown();
                    firstTerm[e] = t;
                }
            }
            if (main[e] < 0 || unknownToEquation[main[e]] >= 0) {
                return null;
            }
            unknownToEquation[main[e]] = e;
        }
        int[][] valueTerm = new int[n][n];
        for (int e = 0; e < n; e++) {
            java.util.Arrays.fill(valueTerm[e], -1);
            List<Derivative> terms = equations.get(e).terms();
            for (int t = 0; t < terms.size(); t++) {
                Derivative d = terms.get(t);
                if (d.order() == 0) {
                    valueTerm[e][unknownToEquation[d.unknown()]] = t;
                }
            }
        }
        return new StiffDefect(n, firstTerm, valueTerm);
    }

    /**
     * Over the points: the largest weighted defect and the largest weighted term scale, both
     * filtered at the stiff points; and whether any point was.
     *
     * @param partials {@code partials[e][t][p]}: ∂R_e/∂(its term t) at point p
     * @param residuals {@code residuals[e][p]}
     * @param termScales {@code termScales[e][p]}: {@code Σ_t |∂R_e/∂term_t · term_t|}
     */
    Result apply(double step, double[] weights, double[][][] partials, double[][] residuals, double[][] termScales, int points) {
        double defect = 0;
        double scale = 0;
        boolean filtered = false;
        double[][] k = new double[n][2 * n];
        double[] x = new double[n];
        for (int p = 0; p < points; p++) {
            boolean stiff = false;
            boolean safe = true;
            for (int e = 0; e < n && safe; e++) {
                double a = partials[e][firstTerm[e]][p];
                if (!(Math.abs(a) > 0) || !Double.isFinite(a)) {
                    safe = false;
                    break;
                }
                for (int f = 0; f < n; f++) {
                    int t = valueTerm[e][f];
                    double b = t < 0 ? 0 : step * partials[e][t][p] / a;
                    k[e][f] = (e == f ? 1 : 0) + b;
                    k[e][n + f] = e == f ? 1 : 0;
                    if (!Double.isFinite(b)) {
                        safe = false;
                    }
                }
                double own = k[e][e] - 1;
                if (!(own >= 0)) {
                    safe = false; // the equation lets its unknown grow: no damping to count on
                }
                stiff |= own >= STIFF;
            }
            if (safe && stiff && invert(k)) {
                filtered = true;
                for (int e = 0; e < n; e++) {
                    double sum = 0;
                    double floor = 0;
                    for (int f = 0; f < n; f++) {
                        sum += k[e][n + f] * residuals[f][p];
                        floor += Math.abs(k[e][n + f]) * termScales[f][p];
                    }
                    x[e] = sum;
                    double r = weights[e] * Math.abs(sum);
                    if (!(r <= defect)) {
                        defect = r; // NaN wins
                    }
                    if (weights[e] * floor > scale) {
                        scale = weights[e] * floor;
                    }
                }
            } else {
                for (int e = 0; e < n; e++) {
                    double r = weights[e] * Math.abs(residuals[e][p]);
                    if (!(r <= defect)) {
                        defect = r;
                    }
                    if (weights[e] * termScales[e][p] > scale) {
                        scale = weights[e] * termScales[e][p];
                    }
                }
            }
        }
        return new Result(defect, scale, filtered);
    }

    record Result(double defect, double termScale, boolean filtered) {}

    /** Gauss–Jordan with partial pivoting on [K | I]: the right half becomes K⁻¹; false when K is singular. */
    private boolean invert(double[][] k) {
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(k[r][c]) > Math.abs(k[pivot][c])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(k[pivot][c]) > 1e-300)) {
                return false;
            }
            double[] swap = k[c];
            k[c] = k[pivot];
            k[pivot] = swap;
            double inverse = 1 / k[c][c];
            for (int j = 0; j < 2 * n; j++) {
                k[c][j] *= inverse;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && k[r][c] != 0) {
                    double factor = k[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        k[r][j] -= factor * k[c][j];
                    }
                }
            }
        }
        for (double[] row : k) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
