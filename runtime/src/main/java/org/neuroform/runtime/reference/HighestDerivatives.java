package org.neuroform.runtime.reference;

import java.util.Arrays;
import java.util.List;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.sym.BatchProgram;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.Variable;

/**
 * Solves the equations {@code R_e(x, u, u', …) = 0} for the highest derivatives
 * {@code u^(m_u)} given the lower ones, by Newton's method with the Jacobian
 * {@code ∂R_e/∂u^(m_u)} from the compiler's symbolic partials. Explicit equations converge in
 * one step; implicit ones ({@code x*y' + y = 0}) in a few.
 */
public final class HighestDerivatives {
    private final List<Equation> equations;
    private final int[] orders;
    private final int[] stateOffset;
    private final double[] guess;
    /** Per equation, the one unknown whose highest derivative it contains, when that is a permutation; or null. */
    private final int[] diagonal;
    /**
     * Whether every equation is affine in the highest derivatives (its partials by them do not
     * involve them: {@code y' = f}, {@code x*y'' + y' = g}): one Newton step is then exact, and the
     * second one, which only confirmed it, is skipped (it was half of every right-hand side
     * evaluation of the classical reference).
     */
    private final boolean affine;

    /** @param orders the order of each unknown; the state is (u, u', …, u^(m_u − 1)) per unknown */
    public HighestDerivatives(List<Equation> equations, int[] orders) {
        this.equations = List.copyOf(equations);
        this.orders = orders.clone();
        stateOffset = new int[orders.length];
        int offset = 0;
        for (int u = 0; u < orders.length; u++) {
            stateOffset[u] = offset;
            offset += orders[u];
        }
        guess = new double[orders.length];
        diagonal = diagonalStructure(this.equations, this.orders);
        affine = affineInHighest(this.equations, this.orders);
    }

    private static boolean affineInHighest(List<Equation> equations, int[] orders) {
        for (Equation equation : equations) {
            for (int t = 0; t < equation.terms().size(); t++) {
                Derivative d = equation.terms().get(t);
                if (d.order() != orders[d.unknown()]) {
                    continue;
                }
                for (Derivative leaf : BatchProgram.compile(List.of(equation.partials().get(t))).derivatives()) {
                    if (leaf.order() == orders[leaf.unknown()]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * When every equation contains the highest derivative of exactly one unknown, and of a
     * different one each (explicit systems {@code u_e' = f_e(…)}, hundreds of them by the method of
     * lines), {@code diagonal[e]} is that unknown: the Newton step is a division per equation instead
     * of a dense elimination per evaluation (the same numbers: elimination on such a matrix divides
     * too). Null otherwise.
     */
    private static int[] diagonalStructure(List<Equation> equations, int[] orders) {
        int n = orders.length;
        if (equations.size() != n) {
            return null;
        }
        int[] unknownOf = new int[n];
        boolean[] taken = new boolean[n];
        for (int e = 0; e < n; e++) {
            int found = -1;
            for (Derivative d : equations.get(e).terms()) {
                if (d.order() == orders[d.unknown()]) {
                    if (found >= 0 && found != d.unknown()) {
                        return null;
                    }
                    found = d.unknown();
                }
            }
            if (found < 0 || taken[found]) {
                return null;
            }
            taken[found] = true;
            unknownOf[e] = found;
        }
        return unknownOf;
    }

    public int stateOffset(int unknown) {
        return stateOffset[unknown];
    }

    /**
     * The highest derivatives at x for the given state (starting from the last solution, so
     * that successive calls along a trajectory converge at once).
     *
     * @throws ArithmeticException when the equations are not finite or cannot be solved for them
     */
    public double[] solve(double x, double[] state) {
        int n = orders.length;
        double[] current = guess.clone();
        double[] residual = new double[n];
        double[][] jacobian = new double[n][n];
        for (int iteration = 0; iteration < 50; iteration++) {
            double worst = 0;
            for (int e = 0; e < n; e++) {
                Equation equation = equations.get(e);
                residual[e] = evaluate(equation.residual(), x, state, current);
                worst = Math.max(worst, Math.abs(residual[e]));
                Arrays.fill(jacobian[e], 0);
                for (int t = 0; t < equation.terms().size(); t++) {
                    Derivative d = equation.terms().get(t);
                    if (d.order() == orders[d.unknown()]) {
                        jacobian[e][d.unknown()] = evaluate(equation.partials().get(t), x, state, current);
                    }
                }
            }
            if (!Double.isFinite(worst)) {
                throw new ArithmeticException("the equations are not finite at " + x);
            }
            double[] step = diagonal != null ? divided(jacobian, residual) : LinearSystems.solve(jacobian, residual);
            if (step == null) {
                throw new ArithmeticException("the equations cannot be solved for their highest derivatives at " + x);
            }
            double size = 0;
            double scale = 0;
            for (int u = 0; u < n; u++) {
                current[u] -= step[u];
                size = Math.max(size, Math.abs(step[u]));
                scale = Math.max(scale, Math.abs(current[u]));
            }
            if (affine || size <= 1e-15 * Math.max(1, scale)) {
                break;
            }
        }
        System.arraycopy(current, 0, guess, 0, n);
        return current;
    }

    /** The step for a permuted diagonal Jacobian: one division per equation; null when a pivot is zero or not finite. */
    private double[] divided(double[][] jacobian, double[] residual) {
        double[] step = new double[residual.length];
        for (int e = 0; e < residual.length; e++) {
            double pivot = jacobian[e][diagonal[e]];
            if (!(Math.abs(pivot) > 0) || !Double.isFinite(pivot)) {
                return null;
            }
            step[diagonal[e]] = residual[e] / pivot;
        }
        return step;
    }

    private double evaluate(Expr e, double x, double[] state, double[] highest) {
        return Evaluator.evaluate(e, leaf -> {
            if (leaf instanceof Variable) {
                return x;
            }
            Derivative d = (Derivative) leaf;
            return d.order() == orders[d.unknown()] ? highest[d.unknown()] : state[stateOffset[d.unknown()] + d.order()];
        });
    }
}
