package org.neuroform.runtime.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.runtime.Problems;

/**
 * Which integrator the classical reference uses: DormandPrince853 where it can, Radau IIA where
 * the explicit integrator runs out of evaluations — and then the compiled equations (here written
 * implicitly, so that every evaluation solves for the derivatives) agree with a hand-written
 * right-hand side integrated by the same method.
 */
class ClassicalReferenceTest {

    @Test
    void aNonStiffProblemIsIntegratedExplicitly() {
        CompiledProblem problem = Problems.compile("domain t in [0, 5]\ny'' + y = 0\ny(0) = 1\ny'(0) = 0\n");
        ClassicalReference reference = ClassicalReference.of(problem).orElseThrow();
        assertTrue(reference.description().startsWith("DormandPrince853Integrator"), reference.description());
        assertEquals(Math.cos(4.3), reference.value(0, 0, 4.3), 1e-11);
    }

    @Test
    void robertsonOnALongHorizonFallsBackOnRadau() {
        // the same kinetics, each equation rearranged so that y' is not alone on its side
        CompiledProblem problem = Problems.compile("domain t in [0, 1000]\n"
                + "2*a' + 0.08*a = 2e4*b*c\n"
                + "b' + 1e4*b*c + 3e7*b^2 = 0.04*a\n"
                + "c' - 3e7*b^2 = 0\n"
                + "a(0) = 1\nb(0) = 0\nc(0) = 0\n");
        ClassicalReference reference = ClassicalReference.of(problem).orElseThrow();
        assertTrue(reference.description().startsWith("Radau IIA"), reference.description());
        RadauIIA.Trajectory byHand = RadauIIA.integrate((t, y) -> new double[] {
            -0.04 * y[0] + 1e4 * y[1] * y[2],
            0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1],
            3e7 * y[1] * y[1]}, 0, new double[] {1, 0, 0}, 1000, 1e-14, 1e-14, 3_000_000);
        String[] names = {"a", "b", "c"};
        for (int i = 1; i <= 50; i++) {
            double t = 20.0 * i - 3.7;
            double[] expected = byHand.state(t);
            for (int k = 0; k < 3; k++) {
                int u = problem.unknowns().stream().map(v -> v.name()).toList().indexOf(names[k]);
                // b is about 1e-6 here: held to 1e-6 of its size, a and c to 1e-10
                assertEquals(expected[k], reference.value(u, 0, t), k == 1 ? 1e-12 : 1e-10,
                        names[k] + "(" + t + ")");
            }
        }
        int b = problem.unknowns().stream().map(v -> v.name()).toList().indexOf("b");
        assertEquals(2.0137023e-6, reference.value(b, 0, 1000), 1e-12, "b(1000), SciPy's Radau at rtol 1e-13: 2.0137023182616e-06");
    }

    /**
     * The Pollution problem (20 species, rates up to 4.4e11): DormandPrince853 goes unstable before its first step is
     * accepted (the right-hand side is not finite at t = 0.0016), which used to leave the problem without a reference;
     * Radau IIA takes over there too, and lands on the IVP test set's published y1(60) and y2(60).
     */
    @Test
    void anExplicitIntegratorThatGoesUnstableFallsBackOnRadau() throws java.io.IOException {
        CompiledProblem problem = Problems.load(Problems.examples().resolve("corpus/pollution.ode"));
        ClassicalReference reference = ClassicalReference.of(problem).orElseThrow();
        assertTrue(reference.description().startsWith("Radau IIA") && reference.description().contains("failed"), reference.description());
        assertEquals(0.5646255480022769e-1, reference.value(0, 0, 60), 1e-12);
        assertEquals(0.1342484130422339, reference.value(1, 0, 60), 1e-12);
    }

    /** A true singularity stays a failure of both integrators, reported with where the explicit one got to. */
    @Test
    void aSingularityIsAFailureOfBothIntegrators() {
        CompiledProblem problem = Problems.compile("domain t in [0, 2]\ny' = y^2\ny(0) = 1\n");
        ClassicalReference.ReferenceException failure =
                org.junit.jupiter.api.Assertions.assertThrows(ClassicalReference.ReferenceException.class, () -> ClassicalReference.of(problem));
        assertTrue(failure.getMessage().contains("DormandPrince853") || failure.getMessage().contains("step size"), failure.getMessage());
        assertEquals(1, failure.reached(), 1e-3, "where the explicit integrator stopped: the pole at t = 1");
    }
}
