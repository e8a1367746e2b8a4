package org.neuroform.runtime.nn;

import java.util.SplittableRandom;

/**
 * A network {@code R → R^outputs} evaluated on truncated Taylor series in its input: one
 * forward pass gives {@code N, N', …, N^(K)} at every point, exactly (no finite differences).
 * Backend-neutral: parameters are one flat {@code double[]} (this network's slice starts at
 * {@code offset}); points and results are plain arrays.
 *
 * <p>Output layout, here and in adjoints: normalised coefficients {@code N^(k)(x_p)/k!} of
 * output o at index {@code (k * points + p) * outputs + o}.
 *
 * <p>Implementations keep the last forward pass (for {@link #backward} and
 * {@link #jacobian}); an instance is not shared between threads.
 */
public interface TaylorNetwork {

    int parameterCount();

    int outputs();

    /** Glorot-style initialisation of this network's slice. */
    void initialize(double[] parameters, int offset, SplittableRandom random);

    /**
     * Evaluates at {@code points} inputs with coefficients up to {@code order}.
     *
     * @param output receives {@code (order + 1) * points * outputs} values
     */
    void forward(double[] parameters, int offset, double[] x, int points, int order, double[] output);

    /**
     * Adds the gradient of {@code Σ outputAdjoint · output} (for the last forward pass) to
     * {@code gradient[offset …]}.
     */
    void backward(double[] parameters, int offset, double[] outputAdjoint, double[] gradient);

    /**
     * Writes the Jacobian of every output coefficient of the last forward pass with respect to
     * this network's parameters: row {@code (k * points + p) * outputs + o}, column j, at
     * {@code jacobian[row * parameterCount() + j]}.
     */
    void jacobian(double[] parameters, int offset, double[] jacobian);

    /**
     * The same Jacobian where only the output layer's columns (the last weights and biases of
     * the slice) are needed: those columns are exact, the others unspecified. The least-squares
     * core, whose hidden layers are frozen, asks only for these. By default the whole Jacobian.
     */
    default void outputLayerJacobian(double[] parameters, int offset, double[] jacobian) {
        jacobian(parameters, offset, jacobian);
    }

    /**
     * Takes over the work arrays of {@code spent}, a network of the same shape that will not be used
     * again (its own are left empty): a new network then does not allocate (and zero) its workspace.
     * The results are the same either way. By default nothing is taken.
     */
    default void reuseWorkspaceOf(TaylorNetwork spent) {}
}
