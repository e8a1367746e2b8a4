package org.neuroform.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroform.runtime.Problems;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.suite.Accuracy;
import org.neuroform.runtime.suite.CorpusProblem;
import org.neuroform.runtime.suite.CorpusRunner;
import org.neuroform.runtime.suite.Suite;
import org.neuroform.runtime.suite.SuiteReferences;
import org.neuroform.runtime.train.Trainer;

/**
 * Issue 12: a NaN anywhere makes an error metric NaN. A solution whose first segment is NaN and
 * whose later segments are fine is the case a running worst kept with {@code !(e <= worst)}
 * gets wrong: the later finite values replace the NaN, and "verified" is said over a NaN.
 */
class NaNMetricsTest {

    /** decay on four fixed segments, with the first one's weights replaced by NaN. */
    private static TrainedSolution nanAtTheStart() {
        TrainedSolution trained = new Trainer(
                Problems.compile("domain x in [0, 2]\ny' = -2*y\ny(0) = 1\ntrain segments = 4, accuracy = 1e-4\n"),
                TrainingMonitor.SILENT).train();
        List<Segment> segments = new ArrayList<>(trained.segments());
        assertTrue(segments.size() >= 2, "the test needs a NaN segment before finite ones: " + segments.size());
        Segment first = segments.get(0);
        double[] nan = new double[first.parameters().length];
        Arrays.fill(nan, Double.NaN);
        segments.set(0, new Segment(first.lower(), first.upper(), first.trial(), first.layout(), nan, first.scales()));
        TrainedSolution poisoned = new TrainedSolution(trained.problem(), segments, trained.report());
        assertTrue(Double.isNaN(poisoned.value(0, 0, 0.1)) && Double.isFinite(poisoned.value(0, 0, 1.9)), "the premise");
        return poisoned;
    }

    @Test
    void everyMetricIsNaNWhenTheSolutionIsNaNSomewhere() {
        TrainedSolution solution = nanAtTheStart();
        assertTrue(Double.isNaN(solution.maxResidual(50)), "TrainedSolution.maxResidual");
        Verification verification = new Verifier(solution).verify();
        assertTrue(Double.isNaN(verification.unknowns().get(0).maxDeviation()), "Verifier, per unknown");
        assertTrue(Double.isNaN(verification.maxDeviation()), "Verifier");
        assertTrue(Double.isNaN(verification.maxResidual()), "Verifier's residual");
        assertTrue(Double.isNaN(Accuracy.maxError(solution, Suite.named("decay").orElseThrow()).maxError()), "suite/Accuracy");
        CorpusProblem decay = SuiteReferences.of("decay").orElseThrow();
        assertTrue(Double.isNaN(CorpusRunner.maxError(solution, decay, decay.reference()).maxError()), "CorpusRunner");
    }
}
