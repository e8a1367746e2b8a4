package org.neuroform.runtime.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.runtime.Problems;

/**
 * The stiff defect against the error equation solved by hand: a defect r held over a step h in
 * {@code δ' = J δ + r} moves the solution by h (I − hJ)⁻¹ r in an implicit Euler step, so the
 * filtered defect is (I − hJ)⁻¹ r — reduced only along directions the equations damp.
 */
class StiffDefectTest {
    private static final double H = 0.1;

    /** Partials of linear equations (constants), laid out as StiffDefect reads them, at {@code points} points. */
    private static double[][][] partials(List<Equation> equations, int points) {
        double[][][] partials = new double[equations.size()][][];
        for (int e = 0; e < equations.size(); e++) {
            List<org.neuroform.compiler.sym.Expr> exprs = equations.get(e).partials();
            partials[e] = new double[exprs.size()][points];
            for (int t = 0; t < exprs.size(); t++) {
                double value = Evaluator.evaluate(exprs.get(t), leaf -> 0.0);
                java.util.Arrays.fill(partials[e][t], value);
            }
        }
        return partials;
    }

    private static StiffDefect.Result apply(String system, double[][] residuals, double[] weights) {
        CompiledProblem problem = Problems.compile(system);
        StiffDefect filter = StiffDefect.of(problem.equations(), problem.orders());
        assertNotNull(filter, "first-order system with one derivative per equation");
        int points = residuals[0].length;
        double[][] termScales = new double[residuals.length][points];
        return filter.apply(H, weights, partials(problem.equations(), points), residuals, termScales, points);
    }

    @Test
    void aStiffScalarDefectIsTheErrorItCauses() {
        // y' = -1000 y: hλ = 100, the defect r moves y by h r / (1 + hλ), not h r.
        StiffDefect.Result result = apply("domain t in [0, 1]\ny' = -1000*y\ny(0) = 1\n", new double[][] {{2e-9, -3e-9}}, new double[] {4});
        assertTrue(result.filtered());
        assertEquals(4 * 3e-9 / 101, result.defect(), 1e-15 * result.defect());
    }

    @Test
    void aMildlyDampedOrGrowingEquationKeepsItsPlainDefect() {
        StiffDefect.Result mild = apply("domain t in [0, 1]\ny' = -5*y\ny(0) = 1\n", new double[][] {{2e-9}}, new double[] {1});
        assertFalse(mild.filtered());
        assertEquals(2e-9, mild.defect(), 0);
        StiffDefect.Result growing = apply("domain t in [0, 1]\ny' = 1000*y\ny(0) = 1\n", new double[][] {{2e-9}}, new double[] {1});
        assertFalse(growing.filtered(), "no damping to count on");
        assertEquals(2e-9, growing.defect(), 0);
    }

    @Test
    void aDefectAlongASlowModeIsNotReducedByTheFastDiagonal() {
        // u' = -1000u + 1000v, v' = 1000u - 1000v: each diagonal damps at 1000, but u + v does not change at all.
        // A defect (r, r) drives u + v and moves it by h r per step: no reduction (a diagonal-only filter would
        // divide it by 101 and accept a 100x larger error).
        String system = "domain t in [0, 1]\nu' = -1000*u + 1000*v\nv' = 1000*u - 1000*v\nu(0) = 1\nv(0) = 0\n";
        StiffDefect.Result slow = apply(system, new double[][] {{1e-9}, {1e-9}}, new double[] {1, 1});
        assertTrue(slow.filtered());
        assertEquals(1e-9, slow.defect(), 1e-12 * 1e-9);
        // (r, -r) is the fast mode, damped at 2000: divided by 1 + 2000 h.
        StiffDefect.Result fast = apply(system, new double[][] {{1e-9}, {-1e-9}}, new double[] {1, 1});
        assertEquals(1e-9 / 201, fast.defect(), 1e-12 * 1e-9);
    }

    @Test
    void theRoundOffFloorIsFilteredLikeTheDefect() {
        CompiledProblem problem = Problems.compile("domain t in [0, 1]\ny' = -1000*y\ny(0) = 1\n");
        StiffDefect filter = StiffDefect.of(problem.equations(), problem.orders());
        StiffDefect.Result result = filter.apply(H, new double[] {1}, partials(problem.equations(), 1), new double[][] {{0}},
                new double[][] {{505}}, 1);
        assertEquals(5, result.termScale(), 1e-12);
    }

    @Test
    void higherOrderOrAlgebraicEquationsAreNotFiltered() {
        CompiledProblem second = Problems.compile("domain t in [0, 1]\ny'' = -1000*y'\ny(0) = 1\ny'(0) = 0\n");
        assertNull(StiffDefect.of(second.equations(), second.orders()));
        CompiledProblem algebraic = Problems.compile("domain t in [0, 1]\ny' = -z(t)\nz(t) = 1000*y\ny(0) = 1\n");
        assertNull(StiffDefect.of(algebraic.equations(), algebraic.orders()));
    }
}
