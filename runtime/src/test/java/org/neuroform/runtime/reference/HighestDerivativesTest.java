package org.neuroform.runtime.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.runtime.Problems;

/**
 * Solving the equations for their highest derivatives: one division per equation when each
 * contains the highest derivative of one unknown of its own (in any order, implicitly too), an
 * elimination when they are coupled; both against the values worked out by hand.
 */
class HighestDerivativesTest {
    private static HighestDerivatives of(String text) {
        CompiledProblem problem = Problems.compile(text);
        return new HighestDerivatives(problem.equations(), problem.orders());
    }

    @Test
    void equationsWithOneHighestDerivativeEachAreSolvedOneByOne() {
        // One implicit in z'' (x*z'' + z' + x*z = 0), one explicit, the unknowns in either order.
        CompiledProblem problem = Problems.compile("domain x in [1, 2]\nx*z'' + z' + x*z = 0\ny' = -2*y + z\ny(1) = 1\nz(1) = 1\n"
                + "z'(1) = 0\n");
        HighestDerivatives h = new HighestDerivatives(problem.equations(), problem.orders());
        int z = problem.unknowns().stream().map(u -> u.name()).toList().indexOf("z");
        int y = problem.unknowns().stream().map(u -> u.name()).toList().indexOf("y");
        double[] state = new double[3];
        state[h.stateOffset(y)] = 0.5;
        state[h.stateOffset(z)] = 0.25;
        state[h.stateOffset(z) + 1] = 3.0;
        double[] highest = h.solve(1.5, state);
        assertEquals(-(3.0 + 1.5 * 0.25) / 1.5, highest[z], 1e-14);
        assertEquals(-2 * 0.5 + 0.25, highest[y], 1e-14);
    }

    @Test
    void coupledHighestDerivativesAreSolvedTogether() {
        HighestDerivatives h = of("domain x in [0, 1]\ny' + z' = 1\ny' - z' = x\ny(0) = 0\nz(0) = 0\n");
        double[] highest = h.solve(0.5, new double[] {0, 0});
        assertEquals(0.75, highest[0], 1e-15);
        assertEquals(0.25, highest[1], 1e-15);
    }

    @Test
    void anEquationNonlinearInItsHighestDerivativeIsIteratedToConvergence() {
        // y'^3 + y' = 2 + y: at y = 8, y' = 2 (8 + 2 = 10); one Newton step from 0 would give 10. Affine equations
        // stop after one step; this one must not.
        HighestDerivatives h = of("domain x in [0, 1]\ny'^3 + y' = 2 + y\ny(0) = 8\n");
        assertEquals(2, h.solve(0.5, new double[] {8})[0], 1e-14);
    }

    @Test
    void aVanishingCoefficientCannotBeSolvedFor() {
        HighestDerivatives h = of("domain x in [0, 1]\nx*y' = 1\ny(1) = 0\n");
        assertThrows(ArithmeticException.class, () -> h.solve(0, new double[] {0}));
    }

    /**
     * y'^2 = 1 - y^2: at y' = 0 the partial 2y' vanishes, so Newton cannot start from zero; from +1 it finds
     * +sqrt(1 - y^2), and the roots say -sqrt(1 - y^2) is allowed too. With no real root (y'^2 = -1 - y^2) it still
     * fails: a start from which Newton wanders is not taken for a root.
     */
    @Test
    void aVanishingPartialAtZeroIsLeftForTheRootsOnEitherSide() {
        HighestDerivatives h = of("domain x in [0, 1]\ny'^2 = 1 - y^2\ny(0) = 0.6\n");
        assertEquals(0.8, h.solve(0, new double[] {0.6})[0], 1e-14);
        HighestDerivatives fresh = of("domain x in [0, 1]\ny'^2 = 1 - y^2\ny(0) = 0.6\n");
        HighestDerivatives.Roots roots = fresh.roots(0, new double[] {0.6});
        assertEquals(0.8, roots.highest()[0], 1e-14);
        assertTrue(roots.moved());
        assertEquals(1, roots.others().size());
        assertEquals(-0.8, roots.others().get(0)[0], 1e-14);
        // An explicit equation has one value and needs no other start.
        HighestDerivatives.Roots one = of("domain x in [0, 1]\ny' = 1 - y^2\ny(0) = 0.6\n").roots(0, new double[] {0.6});
        assertEquals(0.64, one.highest()[0], 1e-15);
        assertTrue(one.others().isEmpty() && !one.moved());
        HighestDerivatives none = of("domain x in [0, 1]\ny'^2 = -1 - y^2\ny(0) = 0\n");
        assertThrows(ArithmeticException.class, () -> none.solve(0, new double[] {0}));
    }
}
