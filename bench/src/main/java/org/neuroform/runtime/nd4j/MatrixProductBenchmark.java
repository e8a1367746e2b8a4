package org.neuroform.runtime.nd4j;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix products of one network forward + backward step alone (Taylor order 2, one output),
 * with the same shapes and calls as the step: per layer {@code Z = H W} and the bias
 * {@code Z_0 += 1 bᵀ} forward; {@code ∂W = Hᵀ Ẑ}, {@code ∂b = 1ᵀ Ẑ_0} and {@code Ĥ = Ẑ Wᵀ}
 * backward. {@code nd4j} makes the {@link BlockOps#gemm} calls of {@link Nd4jTaylorNetwork};
 * {@code java} runs the loops of {@code TaylorMlp} (zero inputs skipped, as there). Everything
 * else in a step (activation recurrences, copies, the residual program) is left out, so
 * step time ÷ product time says how much of a step is overhead.
 *
 * <p>In this package (of the bench module) because it calls ND4J directly: ND4J stays in
 * {@code runtime.nd4j}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatrixProductBenchmark {
    private static final int ORDER = 2;

    @Param({"1024"})
    public int points;

    @Param({"64x64"})
    public String hidden;

    private int[] widths;
    private int rows;
    // ND4J
    private INDArray[] layerInput; // H_l [rows, in]; H_0 is the stacked input (zero rows above order 1)
    private INDArray[] weights;
    private INDArray[] biases;
    private INDArray[] z; // [rows, out]
    private INDArray[] zOrder0;
    private INDArray[] adjoint; // Ẑ_l [rows, out]
    private INDArray[] adjointOrder0;
    private INDArray[] weightGradients;
    private INDArray[] biasGradients;
    private INDArray[] hAdjoint; // [rows, in] for l > 0
    private INDArray ones;
    // Java, the same data
    private double[][] javaInput;
    private double[][] javaWeights;
    private double[][] javaBiases;
    private double[][] javaZ;
    private double[][] javaAdjoint;
    private double[][] javaWeightGradients;
    private double[][] javaBiasGradients;
    private double[][] javaHAdjoint;

    @Setup
    public void setUp() {
        Nd4jSetup.configure();
        List<Integer> sizes = java.util.Arrays.stream(hidden.split("x")).map(String::trim).map(Integer::valueOf).toList();
        int layers = sizes.size() + 1;
        widths = new int[layers + 1];
        widths[0] = 1;
        for (int i = 0; i < sizes.size(); i++) {
            widths[i + 1] = sizes.get(i);
        }
        widths[layers] = 1;
        rows = (ORDER + 1) * points;
        SplittableRandom random = new SplittableRandom(1);
        layerInput = new INDArray[layers];
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        z = new INDArray[layers];
        zOrder0 = new INDArray[layers];
        adjoint = new INDArray[layers];
        adjointOrder0 = new INDArray[layers];
        weightGradients = new INDArray[layers];
        biasGradients = new INDArray[layers];
        hAdjoint = new INDArray[layers];
        javaInput = new double[layers][];
        javaWeights = new double[layers][];
        javaBiases = new double[layers][];
        javaZ = new double[layers][];
        javaAdjoint = new double[layers][];
        javaWeightGradients = new double[layers][];
        javaBiasGradients = new double[layers][];
        javaHAdjoint = new double[layers][];
        ones = Nd4j.ones(DataType.DOUBLE, points, 1);
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            javaInput[l] = random(rows * in, random);
            if (l == 0) { // x, then the constant input scale, then zeros
                for (int r = 2 * points; r < rows; r++) {
                    javaInput[l][r] = 0;
                }
            }
            javaWeights[l] = random(in * out, random);
            javaBiases[l] = random(out, random);
            javaZ[l] = new double[rows * out];
            javaAdjoint[l] = random(rows * out, random);
            javaWeightGradients[l] = new double[in * out];
            javaBiasGradients[l] = new double[out];
            javaHAdjoint[l] = new double[rows * in];
            layerInput[l] = Nd4j.create(javaInput[l], new long[] {rows, in}, DataType.DOUBLE);
            weights[l] = Nd4j.create(javaWeights[l], new long[] {in, out}, DataType.DOUBLE);
            biases[l] = Nd4j.create(javaBiases[l], new long[] {1, out}, DataType.DOUBLE);
            z[l] = Nd4j.create(DataType.DOUBLE, rows, out);
            zOrder0[l] = z[l].get(NDArrayIndex.interval(0, points), NDArrayIndex.all());
            adjoint[l] = Nd4j.create(javaAdjoint[l], new long[] {rows, out}, DataType.DOUBLE);
            adjointOrder0[l] = adjoint[l].get(NDArrayIndex.interval(0, points), NDArrayIndex.all());
            weightGradients[l] = Nd4j.create(DataType.DOUBLE, in, out);
            biasGradients[l] = Nd4j.create(DataType.DOUBLE, 1, out);
            hAdjoint[l] = Nd4j.create(DataType.DOUBLE, rows, in);
        }
    }

    private static double[] random(int size, SplittableRandom random) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return values;
    }

    @Benchmark
    public INDArray nd4j() {
        int layers = weights.length;
        for (int l = 0; l < layers; l++) {
            BlockOps.gemm(layerInput[l], weights[l], z[l], false, false, 0);
            BlockOps.gemm(ones, biases[l], zOrder0[l], false, false, 1);
        }
        for (int l = layers - 1; l >= 0; l--) {
            BlockOps.gemm(layerInput[l], adjoint[l], weightGradients[l], true, false, 0);
            BlockOps.gemm(ones, adjointOrder0[l], biasGradients[l], true, false, 0);
            if (l > 0) {
                BlockOps.gemm(adjoint[l], weights[l], hAdjoint[l], false, true, 0);
            }
        }
        return hAdjoint[layers - 1];
    }

    @Benchmark
    public double[] java() {
        int layers = javaWeights.length;
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] previous = javaInput[l];
            double[] weight = javaWeights[l];
            double[] target = javaZ[l];
            for (int r = 0; r < rows; r++) {
                int targetRow = r * out;
                if (r < points) {
                    System.arraycopy(javaBiases[l], 0, target, targetRow, out);
                } else {
                    java.util.Arrays.fill(target, targetRow, targetRow + out, 0);
                }
                for (int a = 0; a < in; a++) {
                    double v = previous[r * in + a];
                    if (v == 0) {
                        continue;
                    }
                    for (int c = 0; c < out; c++) {
                        target[targetRow + c] += v * weight[a * out + c];
                    }
                }
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] previous = javaInput[l];
            double[] adjointValues = javaAdjoint[l];
            double[] weightGradient = javaWeightGradients[l];
            double[] biasGradient = javaBiasGradients[l];
            java.util.Arrays.fill(weightGradient, 0);
            java.util.Arrays.fill(biasGradient, 0);
            for (int r = 0; r < rows; r++) {
                for (int a = 0; a < in; a++) {
                    double v = previous[r * in + a];
                    if (v == 0) {
                        continue;
                    }
                    for (int c = 0; c < out; c++) {
                        weightGradient[a * out + c] += v * adjointValues[r * out + c];
                    }
                }
                if (r < points) {
                    for (int c = 0; c < out; c++) {
                        biasGradient[c] += adjointValues[r * out + c];
                    }
                }
            }
            if (l > 0) {
                double[] weight = javaWeights[l];
                double[] hBar = javaHAdjoint[l];
                for (int r = 0; r < rows; r++) {
                    for (int a = 0; a < in; a++) {
                        double sum = 0;
                        for (int c = 0; c < out; c++) {
                            sum += adjointValues[r * out + c] * weight[a * out + c];
                        }
                        hBar[r * in + a] = sum;
                    }
                }
            }
        }
        return javaHAdjoint[layers - 1];
    }
}
