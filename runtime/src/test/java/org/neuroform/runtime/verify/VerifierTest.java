package org.neuroform.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Query;
import org.neuroform.runtime.Problems;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.train.Trainer;

/** The comparison with the classical solution: small when training worked, large when it did not. */
class VerifierTest {

    private static TrainedSolution train(String text) {
        CompiledProblem problem = Problems.compile(text);
        return new Trainer(problem, TrainingMonitor.SILENT).train();
    }

    @Test
    void anInitialValueProblemIsComparedWithDormandPrince() {
        TrainedSolution solution = train("domain x in [0, 2]\ny' = -2*y\ny(0) = 1\n");
        Verification verification = new Verifier(solution).verify();
        assertTrue(verification.hasReference());
        assertTrue(verification.reference().startsWith("DormandPrince853Integrator"), verification.reference());
        assertEquals(1001, verification.points());
        assertEquals(1, verification.unknowns().size());
        assertEquals("y", verification.unknowns().get(0).name());
        assertTrue(verification.maxDeviation() < 1e-6, "deviation " + verification.maxDeviation());
        assertEquals(verification.maxDeviation(), verification.unknowns().get(0).maxDeviation(), 0);
    }

    @Test
    void anUnderTrainedSolutionGetsALargeDeviation() {
        TrainedSolution solution = train("domain x in [0, 2]\ny' = -2*y\ny(0) = 1\ntrain epochs = 5, optimizer = adam\n");
        Verification verification = new Verifier(solution).verify();
        assertTrue(verification.maxDeviation() > 0.05, "deviation " + verification.maxDeviation());
        double at = verification.unknowns().get(0).at();
        double exact = Math.exp(-2 * at);
        assertEquals(verification.maxDeviation(), Math.abs(solution.value(0, 0, at) - exact), 1e-9,
                "the reported place is where the deviation is");
    }

    @Test
    void aBoundaryValueProblemIsComparedByShooting() {
        TrainedSolution solution = train("domain x in [0, 1]\ny'' + y = 0\ny(0) + y'(0) = 2\ny(1) = cos(1) + sin(1)\n");
        Verifier verifier = new Verifier(solution);
        Verification verification = verifier.verify();
        assertTrue(verification.reference().startsWith("shooting with"), verification.reference());
        assertTrue(verification.maxDeviation() < 1e-5, "deviation " + verification.maxDeviation());
        // The reference itself is right: it meets the exact solution.
        assertEquals(Math.cos(0.3) + Math.sin(0.3), verifier.reference().orElseThrow().value(0, 0, 0.3), 1e-9);
    }

    @Test
    void eachQueryGetsItsResidualAndDeviation() {
        CompiledProblem problem = Problems.compile("domain x in [0, 2]\ny'' + y = 0\ny(0) = 0\ny'(0) = 1\ny(1.5) - y'(0.5)\n");
        TrainedSolution solution = new Trainer(problem, TrainingMonitor.SILENT).train();
        Query query = problem.queries().get(0);
        QueryAccuracy accuracy = new Verifier(solution).accuracy(query.expression());
        assertTrue(accuracy.residual() >= 0 && accuracy.residual() < 1e-4, "residual " + accuracy.residual());
        double truth = Math.sin(1.5) - Math.cos(0.5);
        assertEquals(Math.abs(solution.evaluate(query.expression()) - truth), accuracy.deviation(), 1e-9);
    }

    @Test
    void withoutAReferenceOnlyTheResidualIsReported() {
        // At x = 0 the equation cannot be solved for y' (its coefficient vanishes): no integrator starts there.
        TrainedSolution solution = train("domain x in [0, 1]\nx*y' = y\ny(0) = 0\n");
        Verification verification = new Verifier(solution).verify();
        assertFalse(verification.hasReference());
        assertFalse(verification.unavailable().isEmpty());
        assertTrue(Double.isNaN(verification.maxDeviation()));
        assertTrue(verification.maxResidual() < 1e-3, "residual " + verification.maxResidual());
    }
}
