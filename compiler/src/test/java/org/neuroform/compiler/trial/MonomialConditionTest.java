package org.neuroform.compiler.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trial-system builder evaluates a condition on monomials without building them: the result
 * must be the very same double as applying the condition to the monomial polynomial, so that the
 * choice of independent columns (and every golden trial form) is unchanged.
 */
class MonomialConditionTest {

    @Test
    void aConditionOnAMonomialIsBitForBitTheConditionOnThePolynomial() {
        double[][] intervals = {{0, 1}, {-3, 7.5}, {2.25, 2.3125}, {0, 40}};
        double[] fractions = {0, 1, 0.5, 0.137, 0.99};
        int checked = 0;
        for (double[] interval : intervals) {
            CoordinateMap map = CoordinateMap.of(interval[0], interval[1]);
            for (double fraction : fractions) {
                double point = interval[0] + fraction * (interval[1] - interval[0]);
                for (int order = 0; order <= 4; order++) {
                    LinearCondition condition = new LinearCondition(
                            List.of(new ConditionTerm(0, order, point, 1.5), new ConditionTerm(1, order, point, -2)), 3, "test");
                    for (int degree = 0; degree <= 60; degree++) {
                        for (int unknown = 0; unknown <= 1; unknown++) {
                            double expected = TrialSystemBuilder.apply(condition, unknown, Polynomial.monomial(degree), map);
                            double actual = TrialSystemBuilder.applyToMonomial(condition, unknown, degree, map);
                            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                                    "degree " + degree + ", order " + order + ", point " + point + ": " + expected + " vs " + actual);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(4 * 5 * 5 * 61 * 2, checked);
    }
}
