package org.neuroform.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.runtime.Problems;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;

/** Training paths other than the default, determinism, stopping, and failures that must be reported. */
class TrainerTest {

    @Test
    void adamAloneReachesAThousandth() {
        CompiledProblem problem = Problems.compile("domain x in [0, 1]\ny' = -2*y\ny(0) = 1\n"
                + "train optimizer = adam, epochs = 8000, lr = 0.01, hidden = [16]\n");
        TrainedSolution solution = new Trainer(problem, TrainingMonitor.SILENT).train();
        assertEquals(1, solution.segments().size(), "an explicit optimizer trains one segment");
        double error = Exact.maxError(solution, List.of(x -> Math.exp(-2 * x)));
        assertTrue(error <= 1e-3, "max error " + error);
    }

    @Test
    void adamThenLbfgsReachesAThousandthOnASecondOrderProblem() {
        CompiledProblem problem = Problems.compile("domain x in [0, 2]\ny'' + y = 0\ny(0) = 0\ny'(0) = 1\n"
                + "train optimizer = adam+lbfgs, epochs = 1000, lr = 0.01\n");
        TrainedSolution solution = new Trainer(problem, TrainingMonitor.SILENT).train();
        double error = Exact.maxError(solution, List.of(Math::sin));
        assertTrue(error <= 1e-3, "max error " + error);
    }

    @Test
    void aTwoEquationSystemWithTheDefaults() {
        CompiledProblem problem = Problems.compile("domain t in [0, 3]\nu' = v\nv' = -u\nu(0) = 1\nv(0) = 0\n");
        TrainedSolution solution = new Trainer(problem, TrainingMonitor.SILENT).train();
        double error = Exact.maxError(solution, List.of(Math::cos, t -> -Math.sin(t)));
        assertTrue(error <= 1e-6, "max error " + error);
    }

    @Test
    void theSameSeedGivesIdenticalAnswers() {
        String text = "domain x in [0, 3]\ny' = cos(x) - y^2\ny(0) = 0.5\n";
        TrainedSolution first = new Trainer(Problems.compile(text), TrainingMonitor.SILENT).train();
        TrainedSolution second = new Trainer(Problems.compile(text), TrainingMonitor.SILENT).train();
        double[] x = {0, 0.7, 1.9, 3};
        assertArrayEquals(first.values(0, 0, x), second.values(0, 0, x), 0.0);
        assertArrayEquals(first.values(0, 1, x), second.values(0, 1, x), 0.0);
        assertEquals(first.segments().size(), second.segments().size());
    }

    @Test
    void aStopRequestEndsTrainingWithTheBestWeightsSoFar() {
        CompiledProblem problem = Problems.compile("domain x in [0, 10]\ny'' + y = 0\ny(0) = 0\ny'(0) = 1\n");
        int[] calls = {0};
        TrainingMonitor stopAfterAWhile = new TrainingMonitor() {
            @Override
            public synchronized boolean stopRequested() {
                return ++calls[0] > 3;
            }
        };
        TrainedSolution solution = new Trainer(problem, stopAfterAWhile).train();
        assertTrue(solution.report().stopped());
        assertTrue(Double.isFinite(solution.value(0, 0, 0.5)));
    }

    /**
     * A blow-up ends the solution there; the part before it is solved and, checked against the classical
     * integrator on that part (which fails beyond it too), converged: its answers are not called unreliable.
     */
    @Test
    void aSolutionThatBlowsUpIsReportedAsSuch() {
        CompiledProblem problem = Problems.compile("domain x in [0, 2]\ny' = y^2\ny(0) = 1\n");
        TrainedSolution solution = new Trainer(problem, TrainingMonitor.SILENT).train();
        assertTrue(solution.report().notes().stream().anyMatch(n -> n.contains("blows up")), solution.report().notes().toString());
        assertFalse(solution.coversDomain(), "the solution ends at the blow-up");
        assertTrue(solution.coveredUpper() < 1, "nothing is invented beyond the blow-up at 1: " + solution.coveredUpper());
        assertTrue(solution.report().converged(), "what it covers agrees with the classical integrator: " + solution.report());
        assertTrue(solution.report().notes().stream().anyMatch(n -> n.contains("agrees with the classical integrator")),
                solution.report().notes().toString());
        assertTrue(solution.trainingReference().isPresent(), "the classical solution on the part covered is the answers' reference");
        assertTrue(Double.isNaN(solution.value(0, 0, 1.5)), "no value is invented beyond the blow-up");
        for (double x : new double[] {0.5, 0.9, 0.99}) {
            assertEquals(1 / (1 - x), solution.value(0, 0, x), 1e-9 / (1 - x), "the solution before the blow-up is right at " + x);
        }
    }

    @Test
    void aDivergingOptimizerIsReportedNotHidden() {
        CompiledProblem problem = Problems.compile("domain x in [0, 1]\ny' = -2*y\ny(0) = 1\n"
                + "train optimizer = adam, lr = 10, epochs = 200\n");
        TrainedSolution solution = new Trainer(problem, TrainingMonitor.SILENT).train();
        assertFalse(solution.report().converged(), "a learning rate of 10 cannot converge: " + solution.report());
    }

    @Test
    void aPenaltyConditionIsReportedWithTheResidualItReached() {
        CompiledProblem problem = Problems.compile("domain x in [0, 1]\ny' = -y\ny(0)^2 = 1\n");
        TrainedSolution solution = new Trainer(problem, TrainingMonitor.SILENT).train();
        String note = solution.report().notes().stream().filter(n -> n.contains("y(0)^2 = 1")).findFirst().orElseThrow();
        double residual = Double.parseDouble(note.replaceAll(".* holds to (\\S+) .*", "$1"));
        double y0 = solution.value(0, 0, 0);
        assertEquals(Math.abs(y0 * y0 - 1), residual, 1e-3 * Math.max(residual, 1e-12) + 1e-15, note);
        assertTrue(residual < 1e-6, note);
    }
}
