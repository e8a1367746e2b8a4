package org.neuroform.runtime.nd4j;

import static org.neuroform.runtime.nd4j.BlockOps.gemm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.nn.TaylorMlp;
import org.neuroform.runtime.nn.TaylorNetwork;

/**
 * The network of {@link TaylorMlp}, computed with ND4J in double precision: same parameter
 * layout, same input mapping, same output layout, agreeing with it to rounding.
 *
 * <p>All derivative orders are stacked row-wise ({@code row = k · points + p}), so one matrix
 * product per layer serves all of them: {@code Z = H W} is {@code ((K+1)n × in) · (in × out)},
 * and the bias is added to the order-0 rows only, {@code Z_0 += 1 bᵀ} (a rank-one {@code gemm}).
 * The activation's Taylor recurrence ({@link BlockActivation}) works on the per-order row blocks
 * {@code Z_k} ({@code n × out} views) with elementwise operations.
 *
 * <p>Reverse pass, for {@code Σ adjoint · output}: with {@code Ẑ} the adjoint of a layer's
 * pre-activation and {@code H} its input,
 *
 * <pre>
 *   ∂W = Hᵀ Ẑ   (all orders at once),   ∂b = 1ᵀ Ẑ_0,   Ĥ = Ẑ Wᵀ
 * </pre>
 *
 * and Ĥ goes back through the activation's recurrence to the previous {@code Ẑ}.
 *
 * <p>Jacobian, one reverse pass per output coefficient (order kOut, output o) with the adjoint
 * seeded at every point at once (points do not interact); the weight rows of point p are then
 * {@code Σ_{k≤kOut} H_k[p]ᵀ ⊗ Ẑ_k[p]}: a batched matrix product over points,
 * {@code (n × in × (kOut+1)) · (n × (kOut+1) × out)}.
 *
 * <p>Arrays are allocated once per (points, order) and reused: parameters and adjoints are copied
 * into ND4J buffers once per call, and every operation writes into a preallocated array. ND4J runs
 * on one thread (see {@link Nd4jSetup}). Not thread-safe, like every {@link TaylorNetwork}.
 *
 * <p>(About 400 lines: the ND4J twin of {@code TaylorMlp}, forward, backward and Jacobian kept
 * side by side with the plain-Java one they are tested against.)
 */
public final class Nd4jTaylorNetwork implements TaylorNetwork {
    private final NetworkShape shape;
    private final int[] widths; // 1, hidden..., outputs
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final BlockActivation activation;

    private final INDArray parameterArray; // [P]
    private final INDArray[] weights; // views [in, out]
    private final INDArray[] biases; // views [1, out]
    private final INDArray gradientArray; // [P]
    private final INDArray[] weightGradients;
    private final INDArray[] biasGradients;
    private final double[] gradientValues;

    private Workspace workspace;
    private JacobianWorkspace jacobianWorkspace;

    public Nd4jTaylorNetwork(NetworkShape shape) {
        if (!supports(shape.activation())) {
            throw new IllegalArgumentException("the ND4J backend has no Taylor recurrence for " + shape.activation());
        }
        Nd4jSetup.configure();
        this.shape = shape;
        int layers = shape.hidden().size() + 1;
        widths = shape.widths();
        weightOffset = shape.weightOffsets();
        biasOffset = shape.biasOffsets();
        parameterCount = shape.parameterCount();
        activation = blocks(shape.activation());

        parameterArray = Nd4j.create(DataType.DOUBLE, parameterCount);
        gradientArray = Nd4j.create(DataType.DOUBLE, parameterCount);
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        weightGradients = new INDArray[layers];
        biasGradients = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            weights[l] = matrix(parameterArray, weightOffset[l], widths[l], widths[l + 1]);
            biases[l] = matrix(parameterArray, biasOffset[l], 1, widths[l + 1]);
            weightGradients[l] = matrix(gradientArray, weightOffset[l], widths[l], widths[l + 1]);
            biasGradients[l] = matrix(gradientArray, biasOffset[l], 1, widths[l + 1]);
        }
        gradientValues = new double[parameterCount];
    }

    /**
     * Whether this backend has a Taylor recurrence for an activation (it has for all of
     * {@link NetworkShape.Activation}: tanh, sigmoid, sin). Does not load ND4J.
     */
    public static boolean supports(NetworkShape.Activation activation) {
        switch (activation) {
            case TANH:
            case SIGMOID:
            case SIN:
                return true;
            default:
                return false;
        }
    }

    private static BlockActivation blocks(NetworkShape.Activation activation) {
        switch (activation) {
            case SIGMOID:
                return RiccatiBlocks.SIGMOID;
            case SIN:
                return SineBlocks.INSTANCE;
            case TANH:
                return RiccatiBlocks.TANH;
            default:
                throw new IllegalArgumentException("no Taylor recurrence for " + activation);
        }
    }

    /** A row-major {@code rows × columns} view of {@code flat[start …]}. */
    private static INDArray matrix(INDArray flat, int start, int rows, int columns) {
        return flat.get(NDArrayIndex.interval(start, start + rows * columns)).reshape('c', rows, columns);
    }

    /** Rows {@code [from, to)} of a matrix, as a view (the matrix itself when that is all of it). */
    private static INDArray rows(INDArray matrix, long from, long to) {
        if (from == 0 && to == matrix.rows()) {
            return matrix;
        }
        return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** The per-order row blocks {@code [k·points, (k+1)·points)} of a stacked matrix. */
    private static INDArray[] blocks(INDArray stacked, int points, int order) {
        INDArray[] blocks = new INDArray[order + 1];
        for (int k = 0; k <= order; k++) {
            blocks[k] = rows(stacked, (long) k * points, (long) (k + 1) * points);
        }
        return blocks;
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

    /** The same Glorot-uniform draws, in the same order, as {@link TaylorMlp#initialize}: {@link NetworkShape#initialize}. */
    @Override
    public void initialize(double[] parameters, int offset, SplittableRandom random) {
        shape.initialize(parameters, offset, random);
    }

    /** The arrays of one (points, order): stacked matrices and their per-order block views. */
    private final class Workspace {
        final int points;
        final int order;
        final int rows;
        final double[] inputValues;
        final INDArray input; // [rows, 1]
        final INDArray output; // [rows, outputs]
        final INDArray outputOrder0; // its first block
        final INDArray outputAdjoint;
        final INDArray[] outputAdjointBlocks;
        final INDArray ones; // [points, 1]
        final INDArray[] z; // per hidden layer [rows, width]
        final INDArray[] h;
        final INDArray[] aux;
        final INDArray[] hAdjoint;
        final INDArray[] zAdjoint;
        final INDArray[] auxAdjoint;
        final INDArray[][] zBlocks;
        final INDArray[][] hBlocks;
        final INDArray[][] auxBlocks;
        final INDArray[][] hAdjointBlocks;
        final INDArray[][] zAdjointBlocks;
        final INDArray[][] auxAdjointBlocks;
        final INDArray[] temp; // per hidden layer [points, width]

        Workspace(int points, int order) {
            this.points = points;
            this.order = order;
            rows = (order + 1) * points;
            inputValues = new double[rows];
            input = Nd4j.create(DataType.DOUBLE, rows, 1);
            output = Nd4j.create(DataType.DOUBLE, rows, shape.outputs());
            outputOrder0 = Nd4jTaylorNetwork.rows(output, 0, points);
            outputAdjoint = Nd4j.create(DataType.DOUBLE, rows, shape.outputs());
            outputAdjointBlocks = blocks(outputAdjoint, points, order);
            ones = Nd4j.ones(DataType.DOUBLE, points, 1);
            int hidden = widths.length - 2;
            z = new INDArray[hidden];
            h = new INDArray[hidden];
            aux = new INDArray[hidden];
            hAdjoint = new INDArray[hidden];
            zAdjoint = new INDArray[hidden];
            auxAdjoint = new INDArray[hidden];
            zBlocks = new INDArray[hidden][];
            hBlocks = new INDArray[hidden][];
            auxBlocks = new INDArray[hidden][];
            hAdjointBlocks = new INDArray[hidden][];
            zAdjointBlocks = new INDArray[hidden][];
            auxAdjointBlocks = new INDArray[hidden][];
            temp = new INDArray[hidden];
            for (int l = 0; l < hidden; l++) {
                int width = widths[l + 1];
                z[l] = Nd4j.create(DataType.DOUBLE, rows, width);
                h[l] = Nd4j.create(DataType.DOUBLE, rows, width);
                aux[l] = Nd4j.create(DataType.DOUBLE, rows, width);
                hAdjoint[l] = Nd4j.create(DataType.DOUBLE, rows, width);
                zAdjoint[l] = Nd4j.create(DataType.DOUBLE, rows, width);
                auxAdjoint[l] = Nd4j.create(DataType.DOUBLE, rows, width);
                zBlocks[l] = blocks(z[l], points, order);
                hBlocks[l] = blocks(h[l], points, order);
                auxBlocks[l] = blocks(aux[l], points, order);
                hAdjointBlocks[l] = blocks(hAdjoint[l], points, order);
                zAdjointBlocks[l] = blocks(zAdjoint[l], points, order);
                auxAdjointBlocks[l] = blocks(auxAdjoint[l], points, order);
                temp[l] = Nd4j.create(DataType.DOUBLE, points, width);
            }
        }

        /** The input of layer l (the scaled x for layer 0). */
        INDArray layerInput(int l) {
            return l == 0 ? input : h[l - 1];
        }
    }

    private Workspace workspace(int points, int order) {
        if (workspace == null || workspace.points != points || workspace.order != order) {
            workspace = new Workspace(points, order);
            jacobianWorkspace = null;
        }
        return workspace;
    }

    private void loadParameters(double[] parameters, int offset) {
        BlockOps.write(parameters, offset, parameterArray, 0, parameterCount);
    }

    @Override
    public void forward(double[] parameters, int offset, double[] x, int points, int order, double[] output) {
        Workspace w = workspace(points, order);
        loadParameters(parameters, offset);
        double[] in = w.inputValues;
        Arrays.fill(in, 0);
        for (int p = 0; p < points; p++) {
            in[p] = shape.inputScale() * x[p] + shape.inputShift();
            if (order >= 1) {
                in[points + p] = shape.inputScale();
            }
        }
        BlockOps.write(in, 0, w.input, 0, w.rows);
        int layers = weights.length;
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            INDArray target = last ? w.output : w.z[l];
            gemm(w.layerInput(l), weights[l], target, false, false, 0);
            gemm(w.ones, biases[l], last ? w.outputOrder0 : w.zBlocks[l][0], false, false, 1);
            if (!last) {
                activation.forward(w.zBlocks[l], w.hBlocks[l], w.auxBlocks[l], order, w.temp[l]);
            }
        }
        BlockOps.read(w.output, 0, output, 0, w.rows * shape.outputs());
    }

    @Override
    public void backward(double[] parameters, int offset, double[] outputAdjoint, double[] gradient) {
        Workspace w = requireForward();
        loadParameters(parameters, offset);
        BlockOps.write(outputAdjoint, 0, w.outputAdjoint, 0, w.rows * shape.outputs());
        reverse(w);
        BlockOps.read(gradientArray, 0, gradientValues, 0, parameterCount);
        for (int i = 0; i < parameterCount; i++) {
            gradient[offset + i] += gradientValues[i];
        }
    }

    /** One reverse pass from {@code outputAdjoint}: writes {@code ∂W = Hᵀ Ẑ}, {@code ∂b = 1ᵀ Ẑ_0} into {@link #gradientArray}. */
    private void reverse(Workspace w) {
        int points = w.points;
        int order = w.order;
        int rows = w.rows;
        INDArray adjoint = w.outputAdjoint;
        for (int l = weights.length - 1; l >= 0; l--) {
            gemm(w.layerInput(l), adjoint, weightGradients[l], true, false, 0);
            gemm(w.ones, rows(adjoint, 0, points), biasGradients[l], true, false, 0);
            if (l == 0) {
                break;
            }
            int below = l - 1;
            INDArray[] hBar = w.hAdjointBlocks[below];
            INDArray[] zBar = w.zAdjointBlocks[below];
            gemm(adjoint, weights[l], w.hAdjoint[below], false, true, 0);
            if (order > 0) {
                rows(w.zAdjoint[below], points, rows).assign(0);
                rows(w.auxAdjoint[below], 0, (long) order * points).assign(0);
            }
            activation.backward(w.zBlocks[below], w.hBlocks[below], w.auxBlocks[below], hBar, zBar, order,
                    w.auxAdjointBlocks[below], w.temp[below]);
            adjoint = w.zAdjoint[below];
        }
    }

    private Workspace requireForward() {
        if (workspace == null) {
            throw new IllegalStateException("backward or jacobian before forward");
        }
        return workspace;
    }

    /** Per-(points, order) arrays the Jacobian needs on top of the forward pass's. */
    private final class JacobianWorkspace {
        final INDArray block; // [points, P]: the Jacobian rows of one (order, output)
        final INDArray[] weightColumns; // views of block: [points, in·out]
        final INDArray[] biasColumns; // views of block: [points, out]
        final INDArray[] outer; // per layer [points, in, out]
        final INDArray[] outerFlat; // the same, [points, in·out]

        JacobianWorkspace(int points) {
            int layers = weights.length;
            block = Nd4j.create(DataType.DOUBLE, points, parameterCount);
            weightColumns = new INDArray[layers];
            biasColumns = new INDArray[layers];
            outer = new INDArray[layers];
            outerFlat = new INDArray[layers];
            for (int l = 0; l < layers; l++) {
                int in = widths[l];
                int out = widths[l + 1];
                weightColumns[l] = block.get(NDArrayIndex.all(), NDArrayIndex.interval(weightOffset[l], weightOffset[l] + in * out));
                biasColumns[l] = block.get(NDArrayIndex.all(), NDArrayIndex.interval(biasOffset[l], biasOffset[l] + out));
                outer[l] = Nd4j.create(DataType.DOUBLE, points, in, out);
                outerFlat[l] = outer[l].reshape('c', points, in * out);
            }
        }
    }

    @Override
    public void jacobian(double[] parameters, int offset, double[] jacobian) {
        Workspace w = requireForward();
        if (jacobianWorkspace == null) {
            jacobianWorkspace = new JacobianWorkspace(w.points);
        }
        JacobianWorkspace j = jacobianWorkspace;
        loadParameters(parameters, offset);
        int points = w.points;
        int outputs = shape.outputs();
        int layers = weights.length;
        w.outputAdjoint.assign(0);
        for (int kOut = 0; kOut <= w.order; kOut++) {
            int rows = (kOut + 1) * points; // orders above kOut do not reach N_kOut
            for (int o = 0; o < outputs; o++) {
                INDArray seed = w.outputAdjointBlocks[kOut].getColumn(o);
                seed.assign(1);
                INDArray adjoint = rows(w.outputAdjoint, 0, rows);
                for (int l = layers - 1; l >= 0; l--) {
                    int in = widths[l];
                    int out = widths[l + 1];
                    // weight rows of point p: Σ_{k ≤ kOut} H_k[p]ᵀ ⊗ Ẑ_k[p], batched over points
                    INDArray previous = rows(w.layerInput(l), 0, rows).reshape('c', kOut + 1, points, in).permute(1, 2, 0);
                    INDArray adjointByPoint = adjoint.reshape('c', kOut + 1, points, out).permute(1, 0, 2);
                    Nd4j.matmul(previous, adjointByPoint, j.outer[l]);
                    j.weightColumns[l].assign(j.outerFlat[l]);
                    j.biasColumns[l].assign(rows(adjoint, 0, points));
                    if (l == 0) {
                        break;
                    }
                    int below = l - 1;
                    gemm(adjoint, weights[l], rows(w.hAdjoint[below], 0, rows), false, true, 0);
                    if (kOut > 0) {
                        rows(w.zAdjoint[below], points, rows).assign(0);
                        rows(w.auxAdjoint[below], 0, (long) kOut * points).assign(0);
                    }
                    activation.backward(w.zBlocks[below], w.hBlocks[below], w.auxBlocks[below], w.hAdjointBlocks[below],
                            w.zAdjointBlocks[below], kOut, w.auxAdjointBlocks[below], w.temp[below]);
                    adjoint = rows(w.zAdjoint[below], 0, rows);
                }
                seed.assign(0);
                copyJacobianBlock(j.block, kOut, o, points, outputs, jacobian);
            }
        }
    }

    /** Rows p of the block go to Jacobian rows {@code (kOut·points + p)·outputs + o}. */
    private void copyJacobianBlock(INDArray block, int kOut, int o, int points, int outputs, double[] jacobian) {
        if (outputs == 1) {
            BlockOps.read(block, 0, jacobian, kOut * points * parameterCount, points * parameterCount);
            return;
        }
        for (int p = 0; p < points; p++) {
            int row = (kOut * points + p) * outputs + o;
            BlockOps.read(block, (long) p * parameterCount, jacobian, row * parameterCount, parameterCount);
        }
    }
}
