package org.neuroform.runtime.suite;

import java.util.List;
import java.util.function.UnaryOperator;
import org.hipparchus.analysis.differentiation.UnivariateDerivative1;
import org.hipparchus.special.Erf;

/**
 * An exact solution written in Java. Each unknown is a function of a
 * {@link UnivariateDerivative1} (a value carrying its first derivative), so the derivative is
 * computed by forward-mode differentiation of the same formula rather than written twice.
 */
public final class ExactReference implements CorpusReference {
    private final List<UnaryOperator<UnivariateDerivative1>> unknowns;
    private final String description;

    public ExactReference(String description, List<UnaryOperator<UnivariateDerivative1>> unknowns) {
        this.description = description;
        this.unknowns = List.copyOf(unknowns);
    }

    @Override
    public double value(int unknown, int order, double x) {
        UnivariateDerivative1 y = unknowns.get(unknown).apply(new UnivariateDerivative1(x, 1));
        return switch (order) {
            case 0 -> y.getValue();
            case 1 -> y.getFirstDerivative();
            default -> throw new IllegalArgumentException("the reference gives orders 0 and 1, not " + order);
        };
    }

    @Override
    public String description() {
        return "exact: " + description;
    }

    /** A constant as a {@link UnivariateDerivative1}. */
    public static UnivariateDerivative1 constant(double c) {
        return new UnivariateDerivative1(c, 0);
    }

    /** erf(z), with erf'(z) = 2/sqrt(pi)*exp(-z^2). */
    public static UnivariateDerivative1 erf(UnivariateDerivative1 z) {
        double v = z.getValue();
        return new UnivariateDerivative1(Erf.erf(v), 2 / Math.sqrt(Math.PI) * Math.exp(-v * v) * z.getFirstDerivative());
    }
}
