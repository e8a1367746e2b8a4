package org.neuroform.runtime.nd4j;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The few ND4J operations the Taylor recurrences need, on contiguous row blocks, each through
 * its cheapest path measured on 1.0.0-M2.1: {@code y += αx} and {@code x *= α} go straight to
 * BLAS ({@code daxpy}, {@code dscal}: ~1 µs), the elementwise product through one {@link MulOp}
 * (~5 µs); the convenience methods ({@code mul}, {@code muli(scalar)}, {@code addiRowVector},
 * {@code mmuli}) cost 2–10× more per call.
 */
final class BlockOps {
    private static final Level1 BLAS = Nd4jSetup.level1();

    private BlockOps() {}

    /** {@code result = x ⊙ y}. */
    static void multiply(INDArray x, INDArray y, INDArray result) {
        Nd4j.exec(new MulOp(x, y, result));
    }

    /** {@code y += alpha x}. */
    static void addScaled(double alpha, INDArray x, INDArray y) {
        BLAS.axpy(x.length(), alpha, x, y);
    }

    /** {@code x *= alpha}. */
    static void scale(double alpha, INDArray x) {
        BLAS.scal(x.length(), alpha, x);
    }

    /** {@code c = op(a) op(b) + beta c}. */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
    }

    /**
     * Copies {@code length} doubles from {@code source[offset…]} into the host memory of a
     * freshly created (not a view) array, starting at its element {@code start}.
     */
    static void write(double[] source, int offset, INDArray target, long start, int length) {
        pointer(target).getPointer(start).put(source, offset, length);
        Nd4j.getAffinityManager().tagLocation(target, AffinityManager.Location.HOST);
    }

    /** Copies {@code length} doubles from a (non-view) array, from its element {@code start}, into {@code target[offset…]}. */
    static void read(INDArray source, long start, double[] target, int offset, int length) {
        Nd4j.getAffinityManager().ensureLocation(source, AffinityManager.Location.HOST);
        pointer(source).getPointer(start).get(target, offset, length);
    }

    private static DoublePointer pointer(INDArray array) {
        if (array.isView()) {
            throw new IllegalArgumentException("host copies need an array that owns its buffer");
        }
        return (DoublePointer) array.data().addressPointer();
    }
}
