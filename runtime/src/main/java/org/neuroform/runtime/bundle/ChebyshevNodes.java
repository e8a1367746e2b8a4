package org.neuroform.runtime.bundle;

/**
 * The n Chebyshev–Lobatto points of an interval {@code [a, b]}, {@code t_j = m + h cos(π j/(n−1))}
 * (m the middle, h the half-width, j = 0 … n−1, so t_0 = b), with the barycentric formula of
 * their interpolating polynomial (Berrut &amp; Trefethen, SIAM Review 46, 2004):
 *
 * <pre>
 *   p(t) = Σ_j a_j f_j / Σ_j a_j,   a_j = w_j / (t − t_j),   w_j = (−1)^j (halved at j = 0 and n−1)
 *   p'(t) = Σ_j a_j (p(t) − f_j)/(t − t_j) / Σ_j a_j            (t not a node)
 *   p'(t_k) = Σ_{j≠k} D_kj (f_j − f_k),   D_kj = (w_j/w_k) / (t_k − t_j)
 * </pre>
 *
 * Both are written here as weights on the node values ({@link #weights}, {@link #derivativeWeights}),
 * so that a tensor grid contracts one dimension at a time. Node counts 2^L + 1 nest: the nodes of
 * n points are the even-numbered nodes of 2n − 1.
 */
public final class ChebyshevNodes {
    private final double lower;
    private final double upper;
    private final double[] nodes;
    private final double[] barycentric;
    /** {@code ℓ_j'(t_j)}, the Hermite cardinals' slope terms. */
    private final double[] ownSlopes;

    public ChebyshevNodes(double lower, double upper, int count) {
        if (count < 2 || !(lower < upper)) {
            throw new IllegalArgumentException(count + " nodes on [" + lower + ", " + upper + "]");
        }
        this.lower = lower;
        this.upper = upper;
        nodes = new double[count];
        barycentric = new double[count];
        for (int j = 0; j < count; j++) {
            nodes[j] = node(lower, upper, j, count - 1);
            barycentric[j] = (j % 2 == 0 ? 1 : -1) * (j == 0 || j == count - 1 ? 0.5 : 1);
        }
        ownSlopes = new double[count];
        for (int j = 0; j < count; j++) {
            ownSlopes[j] = derivativeWeights(nodes[j])[j];
        }
    }

    /**
     * Node j of n − 1 intervals; the fraction j/(n−1) is reduced first, so that nested grids give
     * bit-identical nodes (node 2j of 2n − 1 points is node j of n).
     */
    public static double node(double lower, double upper, int j, int intervals) {
        int g = gcd(j, intervals);
        int numerator = j / g;
        int denominator = intervals / g;
        if (2 * numerator == denominator) {
            return 0.5 * (lower + upper);
        }
        double c = Math.cos(Math.PI * numerator / denominator);
        return 0.5 * (lower + upper) + 0.5 * (upper - lower) * c;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? Math.max(a, 1) : gcd(b, a % b);
    }

    public int count() {
        return nodes.length;
    }

    public double node(int j) {
        return nodes[j];
    }

    /** {@code ℓ_j'(t_j)} per node: the slope terms of the Hermite cardinals ({@link #hermiteWeights}). */
    public double[] ownSlopes() {
        return ownSlopes.clone();
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    /** The node t is at, or −1 (within 1e−14 of the width: nearer, the barycentric sums lose digits). */
    private int nodeAt(double t) {
        double close = 1e-14 * (upper - lower);
        for (int j = 0; j < nodes.length; j++) {
            if (Math.abs(t - nodes[j]) <= close) {
                return j;
            }
        }
        return -1;
    }

    /** The cardinal functions at t: {@code p(t) = Σ_j weights[j] f_j}. */
    public double[] weights(double t) {
        double[] out = new double[nodes.length];
        int at = nodeAt(t);
        if (at >= 0) {
            out[at] = 1;
            return out;
        }
        double sum = 0;
        for (int j = 0; j < nodes.length; j++) {
            out[j] = barycentric[j] / (t - nodes[j]);
            sum += out[j];
        }
        for (int j = 0; j < nodes.length; j++) {
            out[j] /= sum;
        }
        return out;
    }

    /** The cardinal functions' derivatives at t: {@code p'(t) = Σ_j derivativeWeights[j] f_j}. */
    public double[] derivativeWeights(double t) {
        int n = nodes.length;
        double[] out = new double[n];
        int k = nodeAt(t);
        if (k >= 0) {
            double diagonal = 0;
            for (int j = 0; j < n; j++) {
                if (j != k) {
                    out[j] = (barycentric[j] / barycentric[k]) / (nodes[k] - nodes[j]);
                    diagonal -= out[j];
                }
            }
            out[k] = diagonal;
            return out;
        }
        // ℓ_j'(t) = (a_j/D) (Σ_i a_i/(t − t_i) / D − 1/(t − t_j)), a_j = w_j/(t − t_j), D = Σ a_i
        double[] a = new double[n];
        double sum = 0;
        double weighted = 0;
        for (int j = 0; j < n; j++) {
            a[j] = barycentric[j] / (t - nodes[j]);
            sum += a[j];
            weighted += a[j] / (t - nodes[j]);
        }
        for (int j = 0; j < n; j++) {
            out[j] = a[j] / sum * (weighted / sum - 1 / (t - nodes[j]));
        }
        return out;
    }

    /**
     * The Hermite cardinal functions at t: the polynomial of degree 2n − 1 with values f_j and
     * slopes f'_j at the nodes is {@code Σ_j out[j] f_j + Σ_j out[n + j] f'_j}, with
     *
     * <pre>
     *   A_j(t) = (1 − 2 ℓ_j'(t_j) (t − t_j)) ℓ_j(t)²,   B_j(t) = (t − t_j) ℓ_j(t)²
     * </pre>
     *
     * (ℓ_j the Lagrange cardinals of {@link #weights}). Exactly the node's value at a node.
     */
    public double[] hermiteWeights(double t) {
        int n = nodes.length;
        double[] out = new double[2 * n];
        int at = nodeAt(t);
        if (at >= 0) {
            out[at] = 1;
            return out;
        }
        double[] l = weights(t);
        for (int j = 0; j < n; j++) {
            double square = l[j] * l[j];
            double offset = t - nodes[j];
            out[j] = (1 - 2 * ownSlopes[j] * offset) * square;
            out[n + j] = offset * square;
        }
        return out;
    }

    /** The Hermite cardinal functions' derivatives at t: {@code p'(t)} as {@link #hermiteWeights} gives p(t). */
    public double[] hermiteDerivativeWeights(double t) {
        int n = nodes.length;
        double[] out = new double[2 * n];
        int at = nodeAt(t);
        if (at >= 0) {
            out[n + at] = 1; // A_j'(t_k) = 0, B_j'(t_k) = δ_jk
            return out;
        }
        double[] l = weights(t);
        double[] dl = derivativeWeights(t);
        for (int j = 0; j < n; j++) {
            double offset = t - nodes[j];
            double square = l[j] * l[j];
            double cross = 2 * l[j] * dl[j];
            out[j] = -2 * ownSlopes[j] * square + (1 - 2 * ownSlopes[j] * offset) * cross;
            out[n + j] = square + offset * cross;
        }
        return out;
    }

    /**
     * The Chebyshev coefficients of the interpolant of node values f (in node order):
     * {@code c_k = (2/(n−1)) Σ''_j f_j cos(π jk/(n−1))}, the first and last halved once more.
     */
    public static double[] coefficients(double[] f) {
        return coefficients(f, cosines(f.length));
    }

    /** {@code cos(π jk/(n−1))} for j, k < n: what {@link #coefficients(double[], double[][])} needs, computed once per n. */
    public static double[][] cosines(int n) {
        int m = n - 1;
        double[][] table = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                table[k][j] = cosine(j, k, m);
            }
        }
        return table;
    }

    /** {@code cos(π jk/m)}, the argument reduced mod 2π exactly first (the same bits for {@link #cosines} and {@link #lastTwoRows}). */
    private static double cosine(int j, int k, int m) {
        return Math.cos(Math.PI * ((long) j * k % (2L * m)) / m);
    }

    /**
     * The rows of the last two Chebyshev coefficients c_{n−2}, c_{n−1} of the interpolant through n
     * values at the Chebyshev–Lobatto points (as {@link #coefficients(double[], double[][])} computes
     * them, every other coefficient left out): {@code c_{n−2+r} = Σ_j rows[r][j] f_j}. What an
     * estimate from the tail of the coefficients needs, in O(n) per interpolant instead of O(n²).
     */
    public static double[][] lastTwoRows(int n) {
        int m = n - 1;
        double[][] rows = new double[2][n];
        for (int r = 0; r < 2; r++) {
            int k = m - 1 + r;
            for (int j = 0; j < n; j++) {
                rows[r][j] = (j == 0 || j == m ? 0.5 : 1) * cosine(j, k, m) * 2 / m * (k == m ? 0.5 : 1);
            }
        }
        return rows;
    }

    /** {@link #coefficients(double[])} with the cosines given (the same numbers, for many f of one length). */
    public static double[] coefficients(double[] f, double[][] cosines) {
        int n = f.length;
        int m = n - 1;
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double term = f[j] * cosines[k][j];
                sum += j == 0 || j == m ? 0.5 * term : term;
            }
            c[k] = 2 * sum / m;
        }
        c[0] *= 0.5;
        c[m] *= 0.5;
        return c;
    }
}
