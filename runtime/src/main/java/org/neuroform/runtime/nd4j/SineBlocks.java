package org.neuroform.runtime.nd4j;

import static org.neuroform.runtime.nd4j.BlockOps.addScaled;
import static org.neuroform.runtime.nd4j.BlockOps.multiply;
import static org.neuroform.runtime.nd4j.BlockOps.scale;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sin;
import org.nd4j.linalg.factory.Nd4j;

/**
 * sin on Taylor blocks, carried with its companion cos ({@code aux}):
 *
 * <pre>
 *   s_k = (1/k) Σ_{j=1..k} j z_j c_{k−j},    c_k = −(1/k) Σ_{j=1..k} j z_j s_{k−j}
 * </pre>
 *
 * as {@code org.neuroform.runtime.nn.Sine}; {@code c_order} is not needed and not computed.
 */
final class SineBlocks implements BlockActivation {
    static final SineBlocks INSTANCE = new SineBlocks();

    private SineBlocks() {}

    @Override
    public void forward(INDArray[] z, INDArray[] s, INDArray[] c, int order, INDArray temp) {
        Nd4j.exec(new Sin(z[0], s[0]));
        Nd4j.exec(new Cos(z[0], c[0]));
        for (int k = 1; k <= order; k++) {
            convolve(z, c, k, s[k], temp, 1.0 / k);
            if (k < order) {
                convolve(z, s, k, c[k], temp, -1.0 / k);
            }
        }
    }

    /** {@code out = factor Σ_{j=1..k} j z_j y_{k−j}}. */
    private static void convolve(INDArray[] z, INDArray[] y, int k, INDArray out, INDArray temp, double factor) {
        multiply(z[1], y[k - 1], out);
        for (int j = 2; j <= k; j++) {
            multiply(z[j], y[k - j], temp);
            addScaled(j, temp, out);
        }
        if (factor != 1) {
            scale(factor, out);
        }
    }

    @Override
    public void backward(INDArray[] z, INDArray[] s, INDArray[] c, INDArray[] sBar, INDArray[] zBar, int order,
            INDArray[] cBar, INDArray temp) {
        for (int k = order; k >= 1; k--) {
            INDArray gs = sBar[k];
            scale(1.0 / k, gs);
            INDArray gc = k < order ? cBar[k] : null; // c_order is not part of the forward pass
            if (gc != null) {
                scale(1.0 / k, gc);
            }
            for (int j = 1; j <= k; j++) {
                int lower = k - j;
                // s_k: zBar_j += j gs c_{k−j}, cBar_{k−j} += j gs z_j
                multiply(gs, c[lower], temp);
                addScaled(j, temp, zBar[j]);
                multiply(gs, z[j], temp);
                addScaled(j, temp, cBar[lower]);
                if (gc != null) {
                    // c_k: zBar_j −= j gc s_{k−j}, sBar_{k−j} −= j gc z_j
                    multiply(gc, s[lower], temp);
                    addScaled(-j, temp, zBar[j]);
                    multiply(gc, z[j], temp);
                    addScaled(-j, temp, sBar[lower]);
                }
            }
        }
        multiply(sBar[0], c[0], zBar[0]);
        if (order > 0) {
            multiply(cBar[0], s[0], temp);
            addScaled(-1, temp, zBar[0]);
        }
    }
}
