package org.neuroform.bench;

import java.util.concurrent.TimeUnit;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.runtime.nn.Backend;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.trial.TrialModel;
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

/** One training step: {@link TrialModel#lossAndGradient} (networks forward and backward, residual program, trial forms). */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StepBenchmark {
    @Param({"64", "256", "1024"})
    public int points;

    @Param({"32", "64x64"})
    public String hidden;

    @Param({"JAVA", "ND4J"})
    public Backend backend;

    private TrialModel model;
    private double[] parameters;
    private double[] residuals;
    private double[] gradient;

    @Setup
    public void setUp() {
        CompiledProblem problem = BenchProblem.compile();
        NetworkLayout layout = BenchProblem.layout(hidden, backend);
        model = BenchProblem.model(problem, layout, points);
        parameters = layout.bank(problem.unknowns().size(), problem.domain().lower(), problem.domain().upper())
                .initialParameters(7);
        residuals = new double[model.residualCount()];
        gradient = new double[model.parameterCount()];
    }

    @Benchmark
    public double lossAndGradient() {
        return model.lossAndGradient(parameters, residuals, gradient);
    }
}
