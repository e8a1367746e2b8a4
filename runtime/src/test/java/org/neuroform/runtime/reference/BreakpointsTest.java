package org.neuroform.runtime.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuroform.runtime.Problems;

/**
 * Where the equations jump at points known before training: the roots of the arguments of heav, sign and abs, and
 * the whole-number crossings of floor's, when they depend on the variable alone — to the last bit, inside the domain.
 */
class BreakpointsTest {
    private static double[] of(String text) {
        return Breakpoints.of(Problems.compile(text)).points();
    }

    @Test
    void aPulseSwitchedOnAndOffHasTwo() {
        assertArrayEquals(new double[] {5, 6}, of("domain t in [0, 10]\ny' = -y + heav(t - 5)*heav(6 - t)\ny(0) = 0\n"), 0);
        // a param in the argument, a root that is not a short decimal
        double[] kink = of("domain x in [0, 1]\nparam c = 1/3\ny'' = abs(x - c) + sign(2*x - 1.4)\ny(0) = 0\ny'(0) = 0\n");
        assertEquals(2, kink.length);
        assertEquals(1.0 / 3, kink[0], Math.ulp(1.0 / 3));
        assertEquals(0.7, kink[1], Math.ulp(0.7));
    }

    @Test
    void floorStepsAtEveryWholeNumberOfItsArgument() {
        assertArrayEquals(new double[] {0.5, 1, 1.5}, of("domain t in [0, 1.75]\ny' = floor(2*t)\ny(0) = 0\n"), 1e-15);
    }

    @Test
    void jumpsOfTheUnknownsTheEndsAndConstantsAreNone() {
        // heav(y - 1) jumps where the solution says, not at a point known beforehand; heav(2) is a constant; a root at
        // the domain's end splits nothing
        Breakpoints none = Breakpoints.of(Problems.compile("domain t in [0, 2]\ny' = heav(y - 1) + heav(2) + heav(t - 2)\ny(0) = 0\n"));
        assertTrue(none.isEmpty(), none.toString());
        assertEquals(Double.POSITIVE_INFINITY, none.ahead(0, 1), 0);
    }

    @Test
    void aheadAndSnapFindTheNextOneInEitherDirection() {
        Breakpoints b = Breakpoints.of(Problems.compile("domain t in [0, 10]\ny' = heav(t - 5)*heav(6 - t)\ny(0) = 0\n"));
        assertEquals(5, b.ahead(0, 1), 0);
        assertEquals(1, b.ahead(5, 1), 0); // not the one it stands on
        assertEquals(1, b.ahead(6, -1), 0);
        assertEquals(Double.POSITIVE_INFINITY, b.ahead(6, 1), 0);
        assertEquals(5, b.snap(5 + 1e-13), 0);
        assertEquals(5.001, b.snap(5.001), 0);
        assertTrue(b.contains(6) && !b.contains(6.5));
    }

    /**
     * y' = −y + a pulse on [5, 6]: DormandPrince853's steps grew past the pulse and stepped over it (the reference was
     * 0 at t = 5.5); restarted at each breakpoint it follows the closed form.
     */
    @Test
    void theClassicalIntegratorDoesNotStepOverAPulse() {
        ClassicalReference reference = ClassicalReference.of(Problems.compile(
                "domain t in [0, 10]\ny' = -y + heav(t - 5)*heav(6 - t)\ny(0) = 0\n")).orElseThrow();
        // (its tolerances are 1e-12 per step: a few times that globally)
        assertEquals(1 - Math.exp(-0.5), reference.value(0, 0, 5.5), 1e-11);
        assertEquals((1 - Math.exp(-1)) * Math.exp(-2), reference.value(0, 0, 8), 1e-11);
        assertEquals(0, reference.value(0, 0, 4.9), 1e-15);
    }
}
