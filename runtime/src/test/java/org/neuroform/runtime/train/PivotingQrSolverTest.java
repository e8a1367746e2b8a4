package org.neuroform.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.Test;

/**
 * {@link PivotingQrSolver} applies the reflectors of EJML's pivoting QR itself: it must give
 * EJML's own solver's bits (the march's results do not move), for one right-hand side and several,
 * full rank or rank-deficient (the minimum-norm solution).
 */
class PivotingQrSolverTest {

    @Test
    void aFullRankSolveGivesEjmlsBits() {
        SplittableRandom random = new SplittableRandom(11);
        // one solver for every size, as a march reuses its solver from step to step
        LinearSolverDense<DMatrixRMaj> solver = new PivotingQrSolver();
        for (int[] size : new int[][] {{64, 42}, {33, 33}, {200, 21}, {7, 3}}) {
            for (int columns : new int[] {1, 3}) {
                DMatrixRMaj a = random(size[0], size[1], random);
                // scaled columns, as the core's equilibrated J has them, so that the pivots move
                for (int j = 0; j < size[1]; j++) {
                    double scale = Math.pow(10, random.nextInt(-6, 7));
                    for (int i = 0; i < size[0]; i++) {
                        a.data[i * size[1] + j] *= scale;
                    }
                }
                DMatrixRMaj b = random(size[0], columns, random);
                DMatrixRMaj expected = ejml(a, b);
                assertEquals(true, solver.setA(a.copy()));
                DMatrixRMaj actual = new DMatrixRMaj(size[1], columns);
                solver.solve(b, actual);
                assertArrayEquals(expected.data, actual.data, 0.0, size[0] + " x " + size[1] + ", " + columns + " columns");
            }
        }
    }

    @Test
    void aRankDeficientSolveIsEjmlsMinimumNormOne() {
        SplittableRandom random = new SplittableRandom(3);
        DMatrixRMaj a = random(40, 6, random);
        for (int i = 0; i < 40; i++) {
            a.data[i * 6 + 2] = 0; // a column of zeros (a feature no collocation point sees): rank 5
        }
        DMatrixRMaj b = random(40, 2, random);
        LinearSolverDense<DMatrixRMaj> solver = new PivotingQrSolver();
        assertEquals(true, solver.setA(a));
        assertEquals(5, ((org.ejml.interfaces.decomposition.QRPDecomposition_F64<?>) solver.getDecomposition()).getRank());
        DMatrixRMaj x = new DMatrixRMaj(6, 2);
        solver.solve(b, x);
        assertEquals(0.0, x.get(2, 0), 1e-12); // the minimum-norm solution puts nothing on it
        assertEquals(0.0, x.get(2, 1), 1e-12);
        assertArrayEquals(ejml(a, b).data, x.data, 0.0);
    }

    /** EJML's own solver's solution. */
    private static DMatrixRMaj ejml(DMatrixRMaj a, DMatrixRMaj b) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        assertEquals(true, solver.setA(a.copy()));
        DMatrixRMaj x = new DMatrixRMaj(a.numCols, b.numCols);
        solver.solve(b, x);
        return x;
    }

    private static DMatrixRMaj random(int rows, int columns, SplittableRandom random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, columns);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = 2 * random.nextDouble() - 1;
        }
        return m;
    }
}
