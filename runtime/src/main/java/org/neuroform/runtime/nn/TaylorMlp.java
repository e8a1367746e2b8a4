package org.neuroform.runtime.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron on Taylor series, in plain Java. Each layer {@code z = h W + b}
 * acts on every order at once: the coefficients of all orders are stacked as rows
 * ({@code row = k * points + p}) and one matrix product serves them all; the bias enters
 * order 0 only. The activation then combines a point's orders ({@link TaylorActivation}).
 *
 * <p>Parameters per layer: {@code W} (in × out, row-major) then {@code b} (out).
 *
 * <p>This is the reference the ND4J network is checked against, and the fast path at the
 * sizes this problem class uses (see bench/): a 16-unit layer on 64 points is microseconds
 * of arithmetic, below the cost of one ND4J operation.
 */
public final class TaylorMlp implements TaylorNetwork {
    private final NetworkShape shape;
    private final int[] widths; // 1, hidden..., outputs
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final TaylorActivation activation;
    private final int parameterCount;

    // Workspace of the last forward pass, grown on demand.
    private int points;
    private int order;
    private double[] input; // (order+1) * points
    private double[][] z; // per hidden layer: rows × width
    private double[][] h;
    private double[][] aux;
    private double[][] hAdjoint;
    private double[][] zAdjoint;
    private double[] scratch;
    private double[] seed; // the Jacobian's seed adjoint, reused
    // The hidden layers' inputs of the last forward pass: when a pass repeats them (the
    // least-squares core's frozen features at fixed points), only the output layer is recomputed.
    private double[] lastX = new double[0];
    private double[] lastHidden = new double[0];
    private boolean hiddenCached;

    public TaylorMlp(NetworkShape shape) {
        this.shape = shape;
        int layers = shape.hidden().size() + 1;
        widths = shape.widths();
        weightOffset = shape.weightOffsets();
        biasOffset = shape.biasOffsets();
        parameterCount = shape.parameterCount();
        activation = shape.activation().taylor();
        z = new double[layers - 1][0];
        h = new double[layers - 1][0];
        aux = new double[layers - 1][0];
        hAdjoint = new double[layers - 1][0];
        zAdjoint = new double[layers - 1][0];
        input = new double[0];
    }

    public NetworkShape shape() {
        return shape;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public int outputs() {
        return shape.outputs();
    }

    @Override
    public void initialize(double[] parameters, int offset, SplittableRandom random) {
        shape.initialize(parameters, offset, random);
    }

    @Override
    public void reuseWorkspaceOf(TaylorNetwork spent) {
        if (!(spent instanceof TaylorMlp other) || other == this || !Arrays.equals(other.widths, widths)
                || other.shape.activation() != shape.activation()) {
            return; // (another activation may keep another number of auxiliary terms per coefficient)
        }
        // Every array is written before it is read in a pass (ensureCapacity only grows them), so stale contents do not matter.
        input = other.input;
        z = other.z;
        h = other.h;
        aux = other.aux;
        hAdjoint = other.hAdjoint;
        zAdjoint = other.zAdjoint;
        scratch = other.scratch;
        int layers = z.length;
        other.input = new double[0];
        other.z = new double[layers][0];
        other.h = new double[layers][0];
        other.aux = new double[layers][0];
        other.hAdjoint = new double[layers][0];
        other.zAdjoint = new double[layers][0];
        other.scratch = null;
        other.hiddenCached = false;
        hiddenCached = false;
    }

    private void ensureCapacity(int points, int order) {
        int rows = (order + 1) * points;
        if (input.length < rows) {
            input = new double[rows];
        }
        for (int l = 0; l < z.length; l++) {
            int size = rows * widths[l + 1];
            if (z[l].length < size) {
                hiddenCached = false;
                z[l] = new double[size];
                h[l] = new double[size];
                aux[l] = new double[size * activation.auxPerCoefficient()];
            }
        }
        if (scratch == null || scratch.length < 2 * (order + 1)) {
            scratch = new double[2 * (order + 1)];
        }
        this.points = points;
        this.order = order;
    }

    @Override
    public void forward(double[] parameters, int offset, double[] x, int points, int order, double[] output) {
        boolean same = hiddenCached && points == this.points && order == this.order && sameHiddenInputs(parameters, offset, x, points);
        ensureCapacity(points, order);
        int rows = (order + 1) * points;
        int layers = weightOffset.length;
        if (same) {
            affine(parameters, offset, layers - 1, layers == 1 ? input : h[layers - 2], output, rows, points);
            return;
        }
        Arrays.fill(input, 0, rows, 0);
        for (int p = 0; p < points; p++) {
            input[p] = shape.inputScale() * x[p] + shape.inputShift();
            if (order >= 1) {
                input[points + p] = shape.inputScale();
            }
        }
        double[] previous = input;
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            double[] target = last ? output : z[l];
            affine(parameters, offset, l, previous, target, rows, points);
            if (!last) {
                int width = widths[l + 1];
                int stride = points * width;
                for (int p = 0; p < points; p++) {
                    for (int j = 0; j < width; j++) {
                        activation.forward(z[l], h[l], aux[l], p * width + j, stride, order);
                    }
                }
                previous = h[l];
            }
        }
        remember(parameters, offset, x, points);
    }

    /** The hidden layers' parameters (everything before the output layer's weights). */
    private int hiddenParameterCount() {
        return weightOffset[weightOffset.length - 1];
    }

    private boolean sameHiddenInputs(double[] parameters, int offset, double[] x, int points) {
        int count = hiddenParameterCount();
        if (lastX.length != points || lastHidden.length != count) {
            return false;
        }
        for (int p = 0; p < points; p++) {
            if (Double.doubleToRawLongBits(x[p]) != Double.doubleToRawLongBits(lastX[p])) {
                return false;
            }
        }
        for (int i = 0; i < count; i++) {
            if (Double.doubleToRawLongBits(parameters[offset + i]) != Double.doubleToRawLongBits(lastHidden[i])) {
                return false;
            }
        }
        return true;
    }

    private void remember(double[] parameters, int offset, double[] x, int points) {
        lastX = Arrays.copyOf(x, points);
        lastHidden = Arrays.copyOfRange(parameters, offset, offset + hiddenParameterCount());
        hiddenCached = true;
    }

    /** The adjoints' workspace, made only when a reverse pass needs it (a forward pass or the output layer's Jacobian does not). */
    private void ensureAdjoints() {
        int rows = (order + 1) * points;
        for (int l = 0; l < z.length; l++) {
            int size = rows * widths[l + 1];
            if (hAdjoint[l].length < size) {
                hAdjoint[l] = new double[size];
                zAdjoint[l] = new double[size];
            }
        }
    }

    /** {@code target = previous W_l (+ b_l on order-0 rows)}. */
    private void affine(double[] parameters, int offset, int l, double[] previous, double[] target, int rows, int points) {
        int in = widths[l];
        int out = widths[l + 1];
        int w = offset + weightOffset[l];
        int b = offset + biasOffset[l];
        if (out == 1) {
            // One output (a network per unknown): a dot product per row, the common case of the output layer.
            // (the same sums in the same order as the general loop below, to the last bit)
            double bias = parameters[b];
            for (int r = 0; r < rows; r++) {
                double sum = r < points ? bias : 0;
                int sourceRow = r * in;
                for (int a = 0; a < in; a++) {
                    double v = previous[sourceRow + a];
                    if (v != 0) {
                        sum += v * parameters[w + a];
                    }
                }
                target[r] = sum;
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int targetRow = r * out;
            if (r < points) {
                System.arraycopy(parameters, b, target, targetRow, out);
            } else {
                Arrays.fill(target, targetRow, targetRow + out, 0);
            }
            int sourceRow = r * in;
            for (int a = 0; a < in; a++) {
                double v = previous[sourceRow + a];
                if (v == 0) {
                    continue;
                }
                int weightRow = w + a * out;
                for (int c = 0; c < out; c++) {
                    target[targetRow + c] += v * parameters[weightRow + c];
                }
            }
        }
    }

    @Override
    public void backward(double[] parameters, int offset, double[] outputAdjoint, double[] gradient) {
        ensureAdjoints();
        int rows = (order + 1) * points;
        int layers = weightOffset.length;
        double[] adjoint = outputAdjoint;
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] previous = l == 0 ? input : h[l - 1];
            int w = offset + weightOffset[l];
            int b = offset + biasOffset[l];
            // dW += previousᵀ adjoint, db += Σ order-0 rows of adjoint
            for (int r = 0; r < rows; r++) {
                int sourceRow = r * in;
                int adjointRow = r * out;
                for (int a = 0; a < in; a++) {
                    double v = previous[sourceRow + a];
                    if (v == 0) {
                        continue;
                    }
                    int weightRow = w + a * out;
                    for (int c = 0; c < out; c++) {
                        gradient[weightRow + c] += v * adjoint[adjointRow + c];
                    }
                }
                if (r < points) {
                    for (int c = 0; c < out; c++) {
                        gradient[b + c] += adjoint[adjointRow + c];
                    }
                }
            }
            if (l == 0) {
                break;
            }
            // adjoint of h[l-1] = adjoint Wᵀ, then back through the activation
            double[] hBar = hAdjoint[l - 1];
            for (int r = 0; r < rows; r++) {
                int adjointRow = r * out;
                int targetRow = r * in;
                for (int a = 0; a < in; a++) {
                    int weightRow = w + a * out;
                    double sum = 0;
                    for (int c = 0; c < out; c++) {
                        sum += adjoint[adjointRow + c] * parameters[weightRow + c];
                    }
                    hBar[targetRow + a] = sum;
                }
            }
            double[] zBar = zAdjoint[l - 1];
            Arrays.fill(zBar, 0, rows * in, 0);
            int stride = points * in;
            for (int p = 0; p < points; p++) {
                for (int j = 0; j < in; j++) {
                    activation.backward(z[l - 1], h[l - 1], aux[l - 1], hBar, zBar, p * in + j, stride, order, scratch);
                }
            }
            adjoint = zBar;
        }
    }

    /**
     * The output layer is {@code N = h W + b} on every order at once, so its columns are the last
     * hidden layer's coefficients (and 1 for the biases on order 0): no reverse pass. The other
     * columns are left zero.
     */
    @Override
    public void outputLayerJacobian(double[] parameters, int offset, double[] jacobian) {
        int outputs = shape.outputs();
        int rows = (order + 1) * points;
        int last = weightOffset.length - 1;
        int in = widths[last];
        double[] previous = last == 0 ? input : h[last - 1];
        Arrays.fill(jacobian, 0, rows * outputs * parameterCount, 0);
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputs; o++) {
                int row = (r * outputs + o) * parameterCount;
                int w = row + weightOffset[last];
                for (int a = 0; a < in; a++) {
                    jacobian[w + a * outputs + o] = previous[r * in + a];
                }
                if (r < points) {
                    jacobian[row + biasOffset[last] + o] = 1;
                }
            }
        }
    }

    @Override
    public void jacobian(double[] parameters, int offset, double[] jacobian) {
        ensureAdjoints();
        int outputs = shape.outputs();
        int rows = (order + 1) * points;
        int layers = weightOffset.length;
        Arrays.fill(jacobian, 0, rows * outputs * parameterCount, 0);
        if (seed == null || seed.length < rows * outputs) {
            seed = new double[rows * outputs];
        }
        double[] seed = this.seed;
        // One reverse pass per (output order kOut, output o): seeding every point at once is
        // exact, because points do not interact; the per-point products below keep them apart.
        for (int kOut = 0; kOut <= order; kOut++) {
            for (int o = 0; o < outputs; o++) {
                Arrays.fill(seed, 0);
                for (int p = 0; p < points; p++) {
                    seed[(kOut * points + p) * outputs + o] = 1;
                }
                double[] adjoint = seed;
                for (int l = layers - 1; l >= 0; l--) {
                    int in = widths[l];
                    int out = widths[l + 1];
                    double[] previous = l == 0 ? input : h[l - 1];
                    for (int p = 0; p < points; p++) {
                        int row = ((kOut * points + p) * outputs + o) * parameterCount;
                        int w = row + weightOffset[l];
                        int b = row + biasOffset[l];
                        for (int k = 0; k <= kOut; k++) { // orders above kOut do not reach N_kOut
                            int r = k * points + p;
                            for (int a = 0; a < in; a++) {
                                double v = previous[r * in + a];
                                if (v == 0) {
                                    continue;
                                }
                                for (int c = 0; c < out; c++) {
                                    jacobian[w + a * out + c] += v * adjoint[r * out + c];
                                }
                            }
                        }
                        for (int c = 0; c < out; c++) {
                            jacobian[b + c] += adjoint[p * out + c];
                        }
                    }
                    if (l == 0) {
                        break;
                    }
                    int wl = offset + weightOffset[l];
                    double[] hBar = hAdjoint[l - 1];
                    for (int r = 0; r < rows; r++) {
                        for (int a = 0; a < in; a++) {
                            double sum = 0;
                            for (int c = 0; c < out; c++) {
                                sum += adjoint[r * out + c] * parameters[wl + a * out + c];
                            }
                            hBar[r * in + a] = sum;
                        }
                    }
                    double[] zBar = zAdjoint[l - 1];
                    Arrays.fill(zBar, 0, rows * in, 0);
                    int stride = points * in;
                    for (int p = 0; p < points; p++) {
                        for (int j = 0; j < in; j++) {
                            activation.backward(z[l - 1], h[l - 1], aux[l - 1], hBar, zBar, p * in + j, stride, kOut, scratch);
                        }
                    }
                    adjoint = zBar;
                }
            }
        }
    }
}
