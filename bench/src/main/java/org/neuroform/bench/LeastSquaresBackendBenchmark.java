package org.neuroform.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.neuroform.runtime.nd4j.NativeLeastSquares;

/**
 * The least-squares core's dense solve, plain Java against native LAPACK: one Gauss–Newton step
 * {@code min ‖J δ + ρ‖} by QR with column pivoting, as {@code FeatureLeastSquares} takes it (EJML's
 * {@code leastSquaresQrPivot}, set-up and solve), against the product's own
 * {@link NativeLeastSquares} (OpenBLAS's {@code LAPACKE_dgelsy}, the same pivoting QR least-squares
 * solve, through the OpenBLAS build ND4J ships, one thread), with the row-major to column-major copy
 * it makes. Sizes as the core makes them: 21 β per unknown
 * (20 features and a bias), 32 collocation points per equation, U unknowns and equations, so J is
 * 32U × 21U. Medians of repeated solves after warm-up, microseconds.
 * Run: {@code java -cp … org.neuroform.bench.LeastSquaresBackendBenchmark}.
 */
public final class LeastSquaresBackendBenchmark {
    private LeastSquaresBackendBenchmark() {}

    public static void main(String[] args) {
        long load = System.nanoTime();
        NativeLeastSquares lapack = new NativeLeastSquares(); // loads OpenBLAS, one thread
        double loadMillis = (System.nanoTime() - load) / 1e6;
        System.out.printf("OpenBLAS loaded in %.0f ms (first use in this JVM)%n", loadMillis);
        System.out.println("| unknowns | J (rows × columns) | EJML pivoting QR, µs | LAPACKE_dgelsy, µs | EJML / LAPACK |");
        System.out.println("|---:|---|---:|---:|---:|");
        for (int unknowns : new int[] {1, 2, 3, 4, 6, 9, 12, 16, 24}) {
            int m = 32 * unknowns;
            int n = 21 * unknowns;
            SplittableRandom random = new SplittableRandom(unknowns);
            double[] a = new double[m * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextGaussian();
            }
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                b[i] = random.nextGaussian();
            }
            int repeats = Math.max(20, 200_000_000 / (m * n * n));
            double[] java = time(repeats, () -> ejml(a, b, m, n));
            double[] lapackTimes = time(repeats, () -> lapack.solve(a, m, n, b));
            double difference = maxDifference(ejml(a, b, m, n), lapack.solve(a, m, n, b));
            if (!(difference < 1e-8)) {
                throw new IllegalStateException("the two solves differ by " + difference + " at " + m + " × " + n);
            }
            System.out.printf("| %d | %d × %d | %.0f | %.0f | %.2f |%n", unknowns, m, n, median(java), median(lapackTimes),
                    median(java) / median(lapackTimes));
        }
    }

    private static double[] ejml(double[] a, double[] b, int m, int n) {
        DMatrixRMaj matrix = new DMatrixRMaj(m, n);
        System.arraycopy(a, 0, matrix.data, 0, a.length);
        DMatrixRMaj right = new DMatrixRMaj(m, 1);
        System.arraycopy(b, 0, right.data, 0, m);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        if (!solver.setA(matrix)) {
            throw new IllegalStateException("EJML refused the matrix");
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        solver.solve(right, x);
        return x.data;
    }

    private static double[] time(int repeats, Runnable work) {
        for (int i = 0; i < repeats; i++) {
            work.run();
        }
        double[] micros = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            micros[i] = (System.nanoTime() - start) / 1e3;
        }
        return micros;
    }

    private static double maxDifference(double[] x, double[] y) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
