package org.neuroform.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.compiler.trial.TrialSystemBuilder;
import org.neuroform.runtime.Problems;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.suite.Accuracy;
import org.neuroform.runtime.suite.SuiteProblem;
import org.neuroform.runtime.train.Trainer;

/**
 * A NaN anywhere makes an error metric NaN: a running maximum written {@code if (!(e <= worst))
 * worst = e} lets a later finite value overwrite an earlier NaN, and a solution that is NaN on
 * the first half of its domain then "passes". Each metric is fed such a solution: NaN on its
 * first segment, finite on the second.
 */
class NanPoisonsTest {
    private static final String DECAY = "domain x in [0, 1]\ny' = -y\ny(0) = 1\ntrain epochs = 100, optimizer = lm, hidden = [8]\n";

    /** Decay on [0, 0.4] with NaN weights, then on [0.4, 1] with the trained weights (finite values). */
    private static TrainedSolution nanThenFinite() {
        CompiledProblem problem = Problems.compile(DECAY);
        TrainedSolution trained = new Trainer(problem, TrainingMonitor.SILENT).train();
        Segment whole = trained.segments().get(0);
        double[] nan = new double[whole.parameters().length];
        Arrays.fill(nan, Double.NaN);
        TrialSystem left = TrialSystemBuilder.build(problem.orders(), whole.trial().conditions(), CoordinateMap.of(0, 0.4), whole.trial().family());
        double start = Math.exp(-0.4);
        LinearCondition condition = new LinearCondition(List.of(new ConditionTerm(0, 0, 0.4, 1)), start, "y(0.4) = " + start);
        TrialSystem right = TrialSystemBuilder.build(problem.orders(), List.of(condition), CoordinateMap.of(0.4, 1), whole.trial().family());
        List<Segment> segments = List.of(new Segment(0, 0.4, left, whole.layout(), nan, whole.scales()),
                new Segment(0.4, 1, right, whole.layout(), whole.parameters(), new double[] {start}));
        return new TrainedSolution(problem, segments, new TrainingReport(1, 1e-9, 0.1, 2, 0, true, false, List.of()));
    }

    @Test
    void theFixtureIsNanOnTheFirstSegmentAndFiniteOnTheSecond() {
        TrainedSolution solution = nanThenFinite();
        assertTrue(Double.isNaN(solution.value(0, 0, 0.2)));
        assertTrue(Double.isFinite(solution.value(0, 0, 0.7)));
    }

    @Test
    void largestDeviationStaysNanAfterANan() {
        assertTrue(Double.isNaN(LargestDeviation.of(new double[] {Double.NaN, 1, 2}, new double[] {0, 0, 0}).value()));
        assertEquals(0, LargestDeviation.of(new double[] {Double.NaN, 1, 2}, new double[] {0, 0, 0}).index());
        assertTrue(Double.isNaN(LargestDeviation.of(new double[] {1, 2, 3}, new double[] {0, 0, Double.NaN}).value()));
        assertEquals(new LargestDeviation(2, 1), LargestDeviation.of(new double[] {1, 2, -1}, new double[] {0, 0, 0}));
        assertTrue(Double.isNaN(LargestDeviation.worse(Double.NaN, 1)) && Double.isNaN(LargestDeviation.worse(1, Double.NaN)));
    }

    /** Scaled by max(1, |expected|): 2 off at 1e12 is 2e−12, 0.25 off at 0.25 stays 0.25; NaN still poisons. */
    @Test
    void theScaledDeviationIsAbsoluteBelowOneAndRelativeAbove() {
        assertEquals(new LargestDeviation(0.25, 1), LargestDeviation.scaled(new double[] {1e12 + 2, 0.5, -3}, new double[] {1e12, 0.25, -3}));
        assertEquals(2e-12, LargestDeviation.scaled(new double[] {1e12 + 2}, new double[] {1e12}).value(), 1e-27);
        assertEquals(4, LargestDeviation.scaled(new double[] {-10}, new double[] {-2}).value(), 0);
        assertTrue(Double.isNaN(LargestDeviation.scaled(new double[] {Double.NaN, 1}, new double[] {0, 0}).value()));
    }

    @Test
    void theMaxResidualOfTheSolutionIsNan() {
        assertTrue(Double.isNaN(nanThenFinite().maxResidual(11)));
    }

    @Test
    void verificationIsNanAndFails() {
        Verification verification = new Verifier(nanThenFinite()).verify();
        assertTrue(verification.hasReference());
        assertTrue(Double.isNaN(verification.unknowns().get(0).maxDeviation()), verification.toString());
        assertTrue(Double.isNaN(verification.maxDeviation()), verification.toString());
        assertTrue(Double.isNaN(verification.maxResidual()), verification.toString());
        assertFalse(verification.passes(1.0), "NaN never passes, whatever the tolerance");
    }

    @Test
    void theSuiteErrorIsNan() {
        SuiteProblem decay = new SuiteProblem("decay", "decay.ode", List.of(x -> Math.exp(-x)));
        Accuracy.Deviation deviation = Accuracy.maxError(nanThenFinite(), decay);
        assertTrue(Double.isNaN(deviation.maxError()), deviation.toString());
        assertEquals(0.0, deviation.at(), "where the first NaN is");
    }
}
