package org.neuroform.runtime.nn;

import java.util.function.DoubleUnaryOperator;

/**
 * Activations whose derivative is a quadratic in their value, {@code f' = q(f) = q0 + q1 f + q2 f²}:
 * tanh ({@code 1 − f²}) and the logistic sigmoid ({@code f − f²}). With {@code a = q(f)},
 * {@code f(z(x))' = a z'} gives, for normalised Taylor coefficients,
 *
 * <pre>
 *   f_0 = F(z_0),   a_0 = q(f_0)
 *   f_k = (1/k) Σ_{j=1..k} j z_j a_{k−j}
 *   a_k = q1 f_k + q2 Σ_{i=0..k} f_i f_{k−i}
 * </pre>
 *
 * For tanh and orders 1..3 this is {@code h' = σ'z'}, {@code h'' = σ''z'² + σ'z''},
 * {@code h''' = σ'''z'³ + 3σ''z'z'' + σ'z'''} with {@code σ' = 1 − t²}, {@code σ'' = −2tσ'},
 * {@code σ''' = (6t² − 2)σ'}, written once for every order. {@code backward} runs the same
 * loops in reverse.
 */
public final class RiccatiActivation implements TaylorActivation {
    public static final RiccatiActivation TANH = new RiccatiActivation(RiccatiActivation::tanh, 1, 0, -1);
    public static final RiccatiActivation SIGMOID = new RiccatiActivation(z -> 1 / (1 + Math.exp(-z)), 0, 1, -1);

    private final DoubleUnaryOperator function;
    private final double q0;
    private final double q1;
    private final double q2;

    private RiccatiActivation(DoubleUnaryOperator function, double q0, double q1, double q2) {
        this.function = function;
        this.q0 = q0;
        this.q1 = q1;
        this.q2 = q2;
    }

    /** Below this |z|, {@link Math#tanh}; above, from {@link Math#exp}: 1 − 2/(e^{2|z|} + 1) has no cancellation there. */
    static final double EXP_FROM = 0.55;

    /**
     * tanh to within 2 ulps: {@link Math#tanh} near 0, where it is accurate relative to the small
     * result, and {@code 1 − 2/(e^{2|z|} + 1)} elsewhere — Math.exp is a JIT intrinsic, Math.tanh a
     * call into the native library, and the features' tanh was most of a forward pass.
     * {@code SourceExporter} writes the same function into exported Java, so that exported code
     * computes the runtime's values to the last bit.
     */
    static double tanh(double z) {
        double magnitude = Math.abs(z);
        if (!(magnitude >= EXP_FROM)) {
            return Math.tanh(z); // (NaN too)
        }
        if (magnitude > 20) {
            return Math.copySign(1, z); // 1 − tanh(20) is below half an ulp of 1
        }
        return Math.copySign(1 - 2 / (Math.exp(2 * magnitude) + 1), z);
    }

    @Override
    public int auxPerCoefficient() {
        return 1;
    }

    @Override
    public void forward(double[] z, double[] f, double[] a, int offset, int stride, int order) {
        double f0 = function.applyAsDouble(z[offset]);
        f[offset] = f0;
        a[offset] = q0 + q1 * f0 + q2 * f0 * f0;
        for (int k = 1; k <= order; k++) {
            double sum = 0;
            for (int j = 1; j <= k; j++) {
                sum += j * z[offset + j * stride] * a[offset + (k - j) * stride];
            }
            double fk = sum / k;
            f[offset + k * stride] = fk;
            if (k < order) {
                double square = 0;
                for (int i = 0; i <= k; i++) {
                    square += f[offset + i * stride] * f[offset + (k - i) * stride];
                }
                a[offset + k * stride] = q1 * fk + q2 * square;
            }
        }
    }

    @Override
    public void backward(double[] z, double[] f, double[] a, double[] fBar, double[] zBar, int offset, int stride, int order, double[] scratch) {
        // Adjoints of f (scratch[0..order]) and of a (scratch[order+1..]).
        int n = order + 1;
        for (int k = 0; k <= order; k++) {
            scratch[k] = fBar[offset + k * stride];
            scratch[n + k] = 0;
        }
        for (int k = order; k >= 1; k--) {
            if (k < order) {
                double g = scratch[n + k];
                if (g != 0) {
                    scratch[k] += q1 * g;
                    for (int i = 0; i <= k; i++) {
                        scratch[i] += 2 * q2 * g * f[offset + (k - i) * stride];
                    }
                }
            }
            double g = scratch[k] / k;
            if (g != 0) {
                for (int j = 1; j <= k; j++) {
                    zBar[offset + j * stride] += g * j * a[offset + (k - j) * stride];
                    scratch[n + k - j] += g * j * z[offset + j * stride];
                }
            }
        }
        scratch[0] += (q1 + 2 * q2 * f[offset]) * scratch[n];
        zBar[offset] += scratch[0] * a[offset];
    }
}
