package org.neuroform.runtime.suite;

/**
 * The reference solution of a corpus problem, computed without the product's compiled
 * equations: an exact solution written in Java, or a hand-written right-hand side integrated
 * by a classical method. Unknowns are numbered as the problem's {@link CorpusProblem#unknowns()}.
 */
public interface CorpusReference {
    /** {@code u^(order)(x)} of unknown {@code unknown}, for order 0 (the value) and 1 (the first derivative). */
    double value(int unknown, int order, double x);

    /** How the reference was obtained, for the results table. */
    String description();
}
