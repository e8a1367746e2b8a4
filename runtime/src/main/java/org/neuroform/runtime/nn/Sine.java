package org.neuroform.runtime.nn;

/**
 * sin on Taylor series, carried with its companion cos: {@code s' = c z'}, {@code c' = −s z'}, so
 *
 * <pre>
 *   s_k = (1/k) Σ_{j=1..k} j z_j c_{k−j},    c_k = −(1/k) Σ_{j=1..k} j z_j s_{k−j}
 * </pre>
 */
public final class Sine implements TaylorActivation {
    public static final Sine INSTANCE = new Sine();

    @Override
    public int auxPerCoefficient() {
        return 1;
    }

    @Override
    public void forward(double[] z, double[] h, double[] c, int offset, int stride, int order) {
        h[offset] = Math.sin(z[offset]);
        c[offset] = Math.cos(z[offset]);
        for (int k = 1; k <= order; k++) {
            double s = 0;
            double cc = 0;
            for (int j = 1; j <= k; j++) {
                double zj = j * z[offset + j * stride];
                s += zj * c[offset + (k - j) * stride];
                cc -= zj * h[offset + (k - j) * stride];
            }
            h[offset + k * stride] = s / k;
            c[offset + k * stride] = cc / k;
        }
    }

    @Override
    public void backward(double[] z, double[] h, double[] c, double[] hBar, double[] zBar, int offset, int stride, int order, double[] scratch) {
        // Adjoints of s (scratch[0..order]) and of c (scratch[order+1..]).
        int n = order + 1;
        for (int k = 0; k <= order; k++) {
            scratch[k] = hBar[offset + k * stride];
            scratch[n + k] = 0;
        }
        for (int k = order; k >= 1; k--) {
            double gs = scratch[k] / k;
            double gc = scratch[n + k] / k;
            for (int j = 1; j <= k; j++) {
                int lower = offset + (k - j) * stride;
                zBar[offset + j * stride] += j * (gs * c[lower] - gc * h[lower]);
                scratch[n + k - j] += gs * j * z[offset + j * stride];
                scratch[k - j] -= gc * j * z[offset + j * stride];
            }
        }
        zBar[offset] += scratch[0] * c[offset] - scratch[n] * h[offset];
    }
}
