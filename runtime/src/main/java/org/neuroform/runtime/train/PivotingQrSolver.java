package org.neuroform.runtime.train;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.decomposition.qr.QRColPivDecompositionHouseholderColumn_DDRM;
import org.ejml.dense.row.linsol.qr.LinearSolverQrpHouseCol_DDRM;

/**
 * EJML's least-squares solver by QR with column pivoting, minimum-norm where rank-deficient
 * ({@code LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false)}), with its {@link #solve}
 * applying the Householder reflectors to the right-hand side directly. EJML's own solve applies
 * each reflector to a one-column matrix through its general rank-one update, whose loops over
 * one column cost half as much as the factorization at the core's sizes (a march's J of 64 × 42:
 * 18 % of Gauss–Newton, measured). The same operations in the same order, then EJML's own
 * triangular solve and minimum-norm upgrade: the same bits (PivotingQrSolverTest).
 */
final class PivotingQrSolver extends LinearSolverQrpHouseCol_DDRM {
    private final QRColPivDecompositionHouseholderColumn_DDRM qr;
    private final DMatrixRMaj basic = new DMatrixRMaj(1, 1);

    PivotingQrSolver() {
        this(new QRColPivDecompositionHouseholderColumn_DDRM());
    }

    private PivotingQrSolver(QRColPivDecompositionHouseholderColumn_DDRM qr) {
        super(qr, true);
        this.qr = qr;
    }

    @Override
    public void solve(DMatrixRMaj b, DMatrixRMaj x) {
        if (x.numRows != numCols) {
            throw new IllegalArgumentException("Unexpected dimensions for X");
        } else if (b.numRows != numRows || b.numCols != x.numCols) {
            throw new IllegalArgumentException("Unexpected dimensions for B");
        }
        int count = b.numCols;
        int[] pivots = qr.getColPivots();
        double[][] columns = qr.getQR(); // reflector i below the diagonal of column i (its u_i = 1), R on and above
        double[] gammas = qr.getGammas();
        for (int column = 0; column < count; column++) {
            basic.reshape(numRows, 1);
            double[] c = basic.data;
            for (int i = 0; i < numRows; i++) {
                c[i] = b.data[i * count + column];
            }
            // c = Qᵀ b: c −= u (γ uᵀ c), reflector by reflector
            for (int i = 0; i < rank; i++) {
                double[] u = columns[i];
                double sum = c[i];
                for (int k = i + 1; k < numRows; k++) {
                    sum += u[k] * c[k];
                }
                sum *= gammas[i];
                c[i] -= sum;
                for (int k = i + 1; k < numRows; k++) {
                    c[k] -= u[k] * sum;
                }
            }
            TriangularSolver_DDRM.solveU(R11.data, c, rank);
            basic.reshape(numCols, 1, true);
            for (int i = rank; i < numCols; i++) {
                basic.data[i] = 0;
            }
            if (norm2Solution && rank < numCols) {
                upgradeSolution(basic);
            }
            for (int i = 0; i < numCols; i++) {
                x.data[pivots[i] * count + column] = basic.data[i];
            }
        }
    }
}
