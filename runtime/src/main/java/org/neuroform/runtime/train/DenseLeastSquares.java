package org.neuroform.runtime.train;

import java.util.Optional;

/**
 * A dense least-squares solve {@code min ‖A x − b‖} (A row-major, m × n, not modified) by QR with
 * column pivoting; null when it fails or its solution is not finite. The least-squares core's large
 * dense steps take the native one ({@code org.neuroform.runtime.nd4j.NativeLeastSquares}, LAPACK's
 * {@code dgelsy}) when it loads; it is found by name, so that no class outside that package names
 * ND4J's or OpenBLAS's classes and small problems never load them.
 */
public interface DenseLeastSquares {
    double[] solve(double[] a, int m, int n, double[] b);

    /** The native solve, loaded on first use; empty where it cannot be loaded. */
    static Optional<DenseLeastSquares> nativeSolver() {
        return NativeDenseLeastSquares.SOLVER;
    }
}
