package org.neuroform.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.neuroform.runtime.nn.Backend;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.nn.TaylorNetwork;
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
 * One network's forward pass (Taylor order 2) and its parameter Jacobian, what each
 * Levenberg–Marquardt iteration (the default optimizer) asks of a network.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JacobianBenchmark {
    @Param({"64", "256"})
    public int points;

    @Param({"16", "32", "64x64"})
    public String hidden;

    @Param({"JAVA", "ND4J"})
    public Backend backend;

    private TaylorNetwork network;
    private double[] parameters;
    private double[] x;
    private double[] output;
    private double[] jacobian;

    @Setup
    public void setUp() {
        NetworkShape shape = NetworkShape.of(BenchProblem.hidden(hidden), 1, NetworkShape.Activation.TANH, 0, 2);
        network = backend.network(shape);
        parameters = new double[network.parameterCount()];
        network.initialize(parameters, 0, new SplittableRandom(7));
        x = new double[points];
        for (int p = 0; p < points; p++) {
            x[p] = 2.0 * p / (points - 1);
        }
        int rows = (BenchProblem.ORDER + 1) * points;
        output = new double[rows];
        jacobian = new double[rows * network.parameterCount()];
    }

    @Benchmark
    public double[] forwardJacobian() {
        network.forward(parameters, 0, x, points, BenchProblem.ORDER, output);
        network.jacobian(parameters, 0, jacobian);
        return jacobian;
    }
}
