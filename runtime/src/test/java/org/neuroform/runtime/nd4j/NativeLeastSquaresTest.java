package org.neuroform.runtime.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.Test;

/** LAPACK's least-squares solve, the core's for large dense steps, against EJML's and against the normal equations' properties. */
class NativeLeastSquaresTest {

    @Test
    void aFullRankProblemHasEjmlsSolution() {
        assertTrue(org.neuroform.runtime.train.DenseLeastSquares.nativeSolver().orElse(null) instanceof NativeLeastSquares,
                "the OpenBLAS that nd4j-native ships loads here, and the core finds it by name");
        SplittableRandom random = new SplittableRandom(3);
        int m = 192;
        int n = 126;
        double[] a = new double[m * n];
        double[] b = new double[m];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        for (int i = 0; i < m; i++) {
            b[i] = random.nextGaussian();
        }
        double[] x = new NativeLeastSquares().solve(a, m, n, b);
        DMatrixRMaj matrix = new DMatrixRMaj(m, n, true, a.clone());
        LinearSolverDense<DMatrixRMaj> ejml = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        assertTrue(ejml.setA(matrix));
        DMatrixRMaj expected = new DMatrixRMaj(n, 1);
        ejml.solve(new DMatrixRMaj(m, 1, true, b.clone()), expected);
        for (int j = 0; j < n; j++) {
            assertEquals(expected.data[j], x[j], 1e-11 * Math.max(1, Math.abs(expected.data[j])), "x_" + j);
        }
        // The residual is orthogonal to A's columns (the normal equations), and the input is untouched.
        for (int j = 0; j < n; j++) {
            double dot = 0;
            for (int i = 0; i < m; i++) {
                double r = b[i];
                for (int k = 0; k < n; k++) {
                    r -= a[i * n + k] * x[k];
                }
                dot += a[i * n + j] * r;
            }
            assertEquals(0, dot, 1e-9, "column " + j);
        }
    }

    /** Bundles solve their nodes side by side: the same solves from two threads at once give the same bits as one at a time. */
    @Test
    void solvesFromTwoThreadsAtOnceAreTheSerialOnes() throws Exception {
        NativeLeastSquares solver = new NativeLeastSquares();
        int m = 192;
        int n = 126;
        int count = 40;
        double[][] matrices = new double[count][m * n];
        double[][] rights = new double[count][m];
        SplittableRandom random = new SplittableRandom(11);
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < m * n; i++) {
                matrices[c][i] = random.nextGaussian();
            }
            for (int i = 0; i < m; i++) {
                rights[c][i] = random.nextGaussian();
            }
        }
        double[][] serial = new double[count][];
        for (int c = 0; c < count; c++) {
            serial[c] = solver.solve(matrices[c], m, n, rights[c]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<double[]>> futures = new java.util.ArrayList<>();
            for (int c = 0; c < count; c++) {
                int which = c;
                futures.add(pool.submit(() -> solver.solve(matrices[which], m, n, rights[which])));
            }
            for (int c = 0; c < count; c++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(serial[c], futures.get(c).get(), 0.0, "solve " + c);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two equal columns: the minimum-norm solution splits their weight evenly, and fits as well as one column would. */
    @Test
    void dependentColumnsGetTheMinimumNormSolution() {
        int m = 40;
        int n = 3;
        double[] a = new double[m * n];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            double t = i / (m - 1.0);
            a[i * n] = 1;
            a[i * n + 1] = t;
            a[i * n + 2] = t;
            b[i] = 2 + 3 * t;
        }
        double[] x = new NativeLeastSquares().solve(a, m, n, b);
        assertEquals(2, x[0], 1e-12);
        assertEquals(1.5, x[1], 1e-12);
        assertEquals(1.5, x[2], 1e-12);
    }
}
