package org.neuroform.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The features' tanh (exp-based away from 0): within 2 ulps of {@link Math#tanh}, special values as Math.tanh's. */
class RiccatiActivationTest {

    @Test
    void tanhIsWithinTwoUlpsOfMathTanh() {
        SplittableRandom random = new SplittableRandom(1);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double z = (random.nextDouble() * 2 - 1) * (i % 2 == 0 ? 3 : 30);
            double expected = Math.tanh(z);
            double ulps = Math.abs(RiccatiActivation.tanh(z) - expected) / Math.ulp(expected);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "worst " + worst + " ulps");
        for (double z : new double[] {RiccatiActivation.EXP_FROM, -RiccatiActivation.EXP_FROM, Math.nextDown(RiccatiActivation.EXP_FROM), 20,
                Math.nextUp(20.0), -25, 1e-300, -1e-300}) {
            assertEquals(Math.tanh(z), RiccatiActivation.tanh(z), 2 * Math.ulp(Math.tanh(z)), "tanh(" + z + ")");
        }
    }

    @Test
    void specialValuesAreMathTanhs() {
        assertEquals(1.0, RiccatiActivation.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, RiccatiActivation.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(RiccatiActivation.tanh(Double.NaN)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(RiccatiActivation.tanh(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(RiccatiActivation.tanh(0.0)));
    }
}
