package org.neuroform.runtime.nd4j;

import static org.neuroform.runtime.nd4j.BlockOps.addScaled;
import static org.neuroform.runtime.nd4j.BlockOps.multiply;
import static org.neuroform.runtime.nd4j.BlockOps.scale;

import java.util.function.BiConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * tanh and the logistic sigmoid on Taylor blocks: {@code f' = a = q0 + q1 f + q2 f²}, so
 *
 * <pre>
 *   f_0 = F(z_0),   a_0 = q(f_0)
 *   f_k = (1/k) Σ_{j=1..k} j z_j a_{k−j}
 *   a_k = q1 f_k + q2 Σ_{i=0..k} f_i f_{k−i}     (k &lt; order)
 * </pre>
 *
 * the recurrence of {@code org.neuroform.runtime.nn.RiccatiActivation}, each term one
 * elementwise product and one {@code axpy} on whole blocks; {@code backward} runs it in reverse.
 *
 * <p>tanh itself is computed as {@code 2σ(2z) − 1}: libnd4j's (1.0.0-M2.1) double tanh costs
 * ~12 ns an element, its sigmoid ~3.5 ns, and a step at 1024 points × [64, 64] applies it to
 * 2 × 65536 elements. The identity costs an absolute (not relative) error of a few 1e-16 near
 * z = 0, the size of the rounding of the O(1) sums the value then enters.
 */
final class RiccatiBlocks implements BlockActivation {
    static final RiccatiBlocks TANH = new RiccatiBlocks(RiccatiBlocks::tanh, 1, 0, -1);
    static final RiccatiBlocks SIGMOID = new RiccatiBlocks((z, f) -> Nd4j.exec(new Sigmoid(z, f)), 0, 1, -1);

    private final BiConsumer<INDArray, INDArray> function;
    private final double q0;
    private final double q1;
    private final double q2;

    private RiccatiBlocks(BiConsumer<INDArray, INDArray> function, double q0, double q1, double q2) {
        this.function = function;
        this.q0 = q0;
        this.q1 = q1;
        this.q2 = q2;
    }

    @Override
    public void forward(INDArray[] z, INDArray[] f, INDArray[] a, int order, INDArray temp) {
        function.accept(z[0], f[0]);
        multiply(f[0], f[0], a[0]);
        scale(q2, a[0]);
        if (q1 != 0) {
            addScaled(q1, f[0], a[0]);
        }
        if (q0 != 0) {
            a[0].addi(q0);
        }
        for (int k = 1; k <= order; k++) {
            multiply(z[1], a[k - 1], f[k]);
            for (int j = 2; j <= k; j++) {
                multiply(z[j], a[k - j], temp);
                addScaled(j, temp, f[k]);
            }
            if (k > 1) {
                scale(1.0 / k, f[k]);
            }
            if (k < order) {
                // Σ_{i=0..k} f_i f_{k−i}: the pairs (i, k−i) and (k−i, i) once, times 2, plus the middle square.
                multiply(f[0], f[k], a[k]);
                for (int i = 1; 2 * i < k; i++) {
                    multiply(f[i], f[k - i], temp);
                    addScaled(1, temp, a[k]);
                }
                scale(2 * q2, a[k]);
                if (k % 2 == 0) {
                    multiply(f[k / 2], f[k / 2], temp);
                    addScaled(q2, temp, a[k]);
                }
                if (q1 != 0) {
                    addScaled(q1, f[k], a[k]);
                }
            }
        }
    }

    /** {@code f = tanh z = 2σ(2z) − 1}. */
    private static void tanh(INDArray z, INDArray f) {
        f.assign(z);
        scale(2, f);
        Nd4j.exec(new Sigmoid(f, f));
        scale(2, f);
        f.subi(1.0);
    }

    @Override
    public void backward(INDArray[] z, INDArray[] f, INDArray[] a, INDArray[] fBar, INDArray[] zBar, int order,
            INDArray[] aBar, INDArray temp) {
        for (int k = order; k >= 1; k--) {
            if (k < order) {
                // a_k = q1 f_k + q2 Σ_i f_i f_{k−i}
                INDArray g = aBar[k];
                if (q1 != 0) {
                    addScaled(q1, g, fBar[k]);
                }
                for (int i = 0; i <= k; i++) {
                    multiply(g, f[k - i], temp);
                    addScaled(2 * q2, temp, fBar[i]);
                }
            }
            // f_k = (1/k) Σ_j j z_j a_{k−j}
            INDArray g = fBar[k];
            scale(1.0 / k, g);
            for (int j = 1; j <= k; j++) {
                multiply(g, a[k - j], temp);
                addScaled(j, temp, zBar[j]);
                multiply(g, z[j], temp);
                addScaled(j, temp, aBar[k - j]);
            }
        }
        // a_0 = q(f_0), f_0 = F(z_0) with F' = a_0
        if (order > 0) {
            multiply(f[0], aBar[0], temp);
            addScaled(2 * q2, temp, fBar[0]);
            if (q1 != 0) {
                addScaled(q1, aBar[0], fBar[0]);
            }
        }
        multiply(fBar[0], a[0], zBar[0]);
    }
}
