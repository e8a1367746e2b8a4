package org.neuroform.runtime.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The running worst of the error metrics (suite/Accuracy, CorpusRunner): a NaN anywhere makes it NaN. */
class AccuracyTest {

    private static double fold(double... errors) {
        double worst = 0;
        for (double error : errors) {
            worst = Accuracy.worse(worst, error);
        }
        return worst;
    }

    @Test
    void aNaNAnywhereMakesTheErrorNaN() {
        assertTrue(Double.isNaN(fold(Double.NaN, 1e-9)), "a later finite error must not replace a NaN");
        assertTrue(Double.isNaN(fold(1e-9, Double.NaN, 1e-3, 0)));
        assertTrue(Double.isNaN(fold(1e-9, 1e-3, Double.NaN)));
    }

    @Test
    void otherwiseTheLargestErrorWins() {
        assertEquals(2e-9, fold(1e-9, 2e-9, 0));
        assertEquals(Double.POSITIVE_INFINITY, fold(1, Double.POSITIVE_INFINITY, 2));
        assertEquals(0, fold());
    }
}
