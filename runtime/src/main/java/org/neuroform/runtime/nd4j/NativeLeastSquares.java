package org.neuroform.runtime.nd4j;

import java.util.Arrays;
import org.bytedeco.openblas.global.openblas;
import org.neuroform.runtime.train.DenseLeastSquares;

/**
 * A dense least-squares solve {@code min ‖A x − b‖} by LAPACK's {@code dgelsy} (QR with column
 * pivoting, rank decided against {@link #RCOND}, the minimum-norm solution in the directions it
 * truncates), through the OpenBLAS build ND4J ships, on one thread. The least-squares core uses it
 * ({@link DenseLeastSquares#nativeSolver}, by name: like the rest of this package it is loaded only
 * when used) for Gauss–Newton steps of 120 β or more, where it is 1.7–2.8× faster than EJML's
 * pivoting QR (bench/README.md, {@code LeastSquaresBackendBenchmark}); smaller steps never load it
 * (the library takes ~0.15 s to load, once per JVM). Where the native library cannot be loaded,
 * the core stays with EJML.
 */
public final class NativeLeastSquares implements DenseLeastSquares {
    /**
     * The rank: the largest leading triangle of the pivoted R whose estimated condition number stays
     * below 1/RCOND; the columns beyond it are truncated (EJML's pivoting QR stops at a like bound).
     */
    static final double RCOND = 1e-14;

    /**
     * Loads OpenBLAS (one thread).
     *
     * @throws LinkageError when the native library cannot be loaded here
     */
    public NativeLeastSquares() {
        openblas.blas_set_num_threads(1);
    }

    @Override
    public double[] solve(double[] a, int m, int n, double[] b) {
        double[] columnMajor = new double[m * n];
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                columnMajor[j * m + i] = a[row + j];
            }
        }
        int leading = Math.max(m, n);
        double[] right = Arrays.copyOf(b, leading);
        int[] pivots = new int[n];
        int[] rank = new int[1];
        int info = openblas.LAPACKE_dgelsy(openblas.LAPACK_COL_MAJOR, m, n, 1, columnMajor, m, right, leading, pivots, RCOND, rank);
        if (info != 0) {
            return null;
        }
        double[] x = Arrays.copyOf(right, n);
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return x;
    }
}
