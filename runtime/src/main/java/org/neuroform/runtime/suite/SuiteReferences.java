package org.neuroform.runtime.suite;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.analysis.differentiation.UnivariateDerivative1;

/**
 * References for the public suite that give first derivatives as well as values, written by
 * hand from ../shared/benchmarks/problems.md: exact solutions, and for Lotka–Volterra and Van
 * der Pol (no closed form) a hand-written right-hand side integrated at 1e−14 — never the
 * product's compiled equations, so a mistranslated example file cannot agree with its referee.
 */
public final class SuiteReferences {
    private SuiteReferences() {}

    private static final Map<String, CorpusProblem> REFERENCES = Map.ofEntries(
            exact("decay", 0, 2, "exp(-2x)", x -> x.multiply(-2).exp()),
            exact("lagaris1", 0, 1, "exp(-x^2/2)/(1 + x + x^3) + x^2",
                    x -> x.multiply(x).divide(-2).exp().divide(x.add(1).add(x.pow(3))).add(x.multiply(x))),
            exact("lagaris2", 0, 2, "exp(-x/5) sin x", SuiteReferences::damped),
            exact("lagaris3", 0, 2, "exp(-x/5) sin x", SuiteReferences::damped),
            exact("lagaris3bvp", 0, 1, "exp(-x/5) sin x", SuiteReferences::damped),
            Map.entry("lagaris4", Corpus.exact("lagaris4", "suite", 0, 3, "y1 = sin x, y2 = 1 + x^2", List.of("y1", "y2"),
                    UnivariateDerivative1::sin, x -> x.multiply(x).add(1))),
            exact("logistic", 0, 10, "1/(1 + 9 exp(-x))", x -> x.negate().exp().multiply(9).add(1).reciprocal()),
            exact("oscillator", 0, 2 * Math.PI, "sin x", UnivariateDerivative1::sin),
            exact("oscillator-long", 0, 8 * Math.PI, "sin x", UnivariateDerivative1::sin),
            Map.entry("lotka-volterra", Corpus.integrated("lotka-volterra", "suite", 0, 20, 0, new double[] {10, 10},
                    (t, y) -> new double[] {1.1 * y[0] - 0.4 * y[0] * y[1], 0.1 * y[0] * y[1] - 0.4 * y[1]}, List.of("u", "v"), 0, 1)),
            Map.entry("vanderpol", Corpus.integrated("vanderpol", "suite", 0, 10, 0, new double[] {2, 0},
                    (t, y) -> new double[] {y[1], (1 - y[0] * y[0]) * y[1] - y[0]}, List.of("y"), 0)));

    /** The reference of a suite problem, as a {@link CorpusProblem} (its file is examples/NAME.ode, not corpus/). */
    public static Optional<CorpusProblem> of(String name) {
        return Optional.ofNullable(REFERENCES.get(name));
    }

    private static UnivariateDerivative1 damped(UnivariateDerivative1 x) {
        return x.divide(-5).exp().multiply(x.sin());
    }

    private static Map.Entry<String, CorpusProblem> exact(String name, double lower, double upper, String description,
            java.util.function.UnaryOperator<UnivariateDerivative1> solution) {
        return Map.entry(name, Corpus.exact(name, "suite", lower, upper, description, List.of("y"), solution));
    }
}
