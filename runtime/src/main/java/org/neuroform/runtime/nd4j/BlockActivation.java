package org.neuroform.runtime.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation on truncated Taylor series whose coefficients are stored as row blocks: block
 * k ({@code points × width}) holds the normalised coefficient {@code z^(k)/k!} of every unit at
 * every point. The recurrences are those of the plain-Java twins ({@code RiccatiActivation},
 * {@code Sine}), written as elementwise operations on whole blocks.
 */
interface BlockActivation {

    /**
     * Writes {@code h[0..order]} from {@code z[0..order]}, keeping in {@code aux} what
     * {@link #backward} needs; {@code temp} is one block of scratch.
     */
    void forward(INDArray[] z, INDArray[] h, INDArray[] aux, int order, INDArray temp);

    /**
     * Given the adjoints of {@code h[0..order]} in {@code hBar} (overwritten: used as scratch),
     * writes the adjoints of {@code z[0..order]} into {@code zBar}, which must be zero on entry.
     * {@code order} may be below the order of the forward pass (the Jacobian uses that).
     * {@code auxBar} is scratch of {@code order} blocks, zero on entry.
     */
    void backward(INDArray[] z, INDArray[] h, INDArray[] aux, INDArray[] hBar, INDArray[] zBar, int order,
            INDArray[] auxBar, INDArray temp);
}
