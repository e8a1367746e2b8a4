package org.neuroform.runtime.nn;

/**
 * An activation applied to a truncated Taylor series. Coefficients are normalised:
 * {@code z_k = z^(k) / k!}, so that products of series are plain convolutions and the
 * recurrences hold for any order.
 *
 * <p>{@code forward} reads {@code z[zOffset + k*stride]} for k = 0..order and writes
 * {@code h} likewise, keeping what {@code backward} needs in {@code aux}; {@code backward}
 * takes the adjoint of h and returns (adds into) the adjoint of z.
 */
public interface TaylorActivation {

    /** Doubles of {@code aux} needed per element (per Taylor coefficient). */
    int auxPerCoefficient();

    void forward(double[] z, double[] h, double[] aux, int offset, int stride, int order);

    void backward(double[] z, double[] h, double[] aux, double[] hAdjoint, double[] zAdjoint, int offset, int stride, int order, double[] scratch);
}
