package org.neuroform.runtime.suite;

import java.util.List;
import java.util.Optional;

/** The public benchmark suite (../shared/benchmarks/problems.md), as examples/NAME.ode with exact solutions. */
public final class Suite {
    private Suite() {}

    public static final List<SuiteProblem> PROBLEMS = List.of(
            new SuiteProblem("decay", "decay.ode", List.of(x -> Math.exp(-2 * x))),
            new SuiteProblem("lagaris1", "lagaris1.ode",
                    List.of(x -> Math.exp(-x * x / 2) / (1 + x + x * x * x) + x * x)),
            new SuiteProblem("lagaris2", "lagaris2.ode", List.of(x -> Math.exp(-x / 5) * Math.sin(x))),
            new SuiteProblem("lagaris3", "lagaris3.ode", List.of(x -> Math.exp(-x / 5) * Math.sin(x))),
            new SuiteProblem("lagaris3bvp", "lagaris3bvp.ode", List.of(x -> Math.exp(-x / 5) * Math.sin(x))),
            new SuiteProblem("lagaris4", "lagaris4.ode", List.of(Math::sin, x -> 1 + x * x)),
            new SuiteProblem("logistic", "logistic.ode", List.of(x -> 1 / (1 + 9 * Math.exp(-x)))),
            new SuiteProblem("oscillator", "oscillator.ode", List.of(Math::sin)),
            new SuiteProblem("oscillator-long", "oscillator-long.ode", List.of(Math::sin)),
            new SuiteProblem("lotka-volterra", "lotka-volterra.ode", List.of()),
            new SuiteProblem("vanderpol", "vanderpol.ode", List.of()));

    public static Optional<SuiteProblem> named(String name) {
        return PROBLEMS.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
