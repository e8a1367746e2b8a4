package org.neuroform.runtime.suite;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A problem of the public benchmark suite: its example file, and its exact solution per
 * unknown when one is known (otherwise the reference is the classical integrator).
 */
public record SuiteProblem(String name, String file, List<DoubleUnaryOperator> exact) {
    public SuiteProblem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        exact = List.copyOf(exact);
    }

    public boolean hasExactSolution() {
        return !exact.isEmpty();
    }
}
