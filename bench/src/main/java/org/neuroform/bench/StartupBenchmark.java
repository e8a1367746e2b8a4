package org.neuroform.bench;

import java.util.List;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What choosing a backend costs once: the first network (and its first forward pass) in a fresh
 * JVM, ND4J's class loading and native libraries included. One shot per fork.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class StartupBenchmark {
    @Param({"JAVA", "ND4J"})
    public Backend backend;

    @Benchmark
    public double[] firstNetwork() {
        TaylorNetwork network = backend.network(NetworkShape.of(List.of(16), 1, NetworkShape.Activation.TANH, 0, 1));
        double[] parameters = new double[network.parameterCount()];
        double[] x = {0.25, 0.5};
        double[] output = new double[3 * x.length];
        network.forward(parameters, 0, x, x.length, 2, output);
        return output;
    }
}
