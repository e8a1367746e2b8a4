package org.neuroform.runtime.reference;

import java.util.ArrayList;
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
     * that successive calls along a trajectory converge at once). Where the equations' partials by
     * them vanish at that start ({@code y'^2 = 1 - y^2} at y' = 0), Newton starts again from
     * {@code +s} and then {@code −s} for each (s = max(1, |state|)), and takes the first root it converges to.
     *
     * @throws ArithmeticException when the equations are not finite or cannot be solved for them
     */
    public double[] solve(double x, double[] state) {
        double[] found = attempt(x, state, guess, false);
        if (found == null) {
            for (double[] start : moved(state, guess)) {
                found = attempt(x, state, start, true);
                if (found != null) {
                    break;
                }
            }
            if (found == null) {
                throw new ArithmeticException("the equations cannot be solved for their highest derivatives at " + x);
            }
        }
        System.arraycopy(found, 0, guess, 0, found.length);
        return found;
    }

    /**
     * The highest derivatives at x as {@link #solve} finds them, and the other values the equations allow there
     * (from the starts ±s and the reflection of the first root; none when the equations are affine in them): a
     * first-order equation in y'^2 gives y' = ±√… — the first is taken, the others are for a note.
     *
     * @throws ArithmeticException as {@link #solve}
     */
    public Roots roots(double x, double[] state) {
        boolean moved = attempt(x, state, guess, false) == null;
        double[] first = solve(x, state);
        List<double[]> others = new ArrayList<>();
        if (!affine) {
            List<double[]> starts = new ArrayList<>(moved(state, new double[first.length]));
            double[] reflected = first.clone();
            for (int u = 0; u < reflected.length; u++) {
                reflected[u] = -reflected[u];
            }
            starts.add(reflected);
            for (double[] start : starts) {
                double[] root = attempt(x, state, start, true);
                if (root != null && distinct(root, first) && others.stream().allMatch(o -> distinct(root, o))) {
                    others.add(root);
                }
            }
        }
        return new Roots(first, others, moved);
    }

    /**
     * @param highest the values taken
     * @param others other values of them that satisfy the equations at the same point and state
     * @param moved Newton could not start from the last values (or zeros): the partials vanish there
     */
    public record Roots(double[] highest, List<double[]> others, boolean moved) {}

    private static boolean distinct(double[] a, double[] b) {
        for (int u = 0; u < a.length; u++) {
            if (Math.abs(a[u] - b[u]) > 1e-6 * Math.max(1, Math.max(Math.abs(a[u]), Math.abs(b[u])))) {
                return true;
            }
        }
        return false;
    }

    /** Starts away from {@code around} by +s and by −s in every highest derivative, s = max(1, |state|). */
    private List<double[]> moved(double[] state, double[] around) {
        double scale = 1;
        for (double v : state) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        List<double[]> starts = new ArrayList<>();
        for (double sign : new double[] {1, -1}) {
            double[] start = around.clone();
            for (int u = 0; u < start.length; u++) {
                start[u] += sign * scale;
            }
            starts.add(start);
        }
        return starts;
    }

    /**
     * Newton from {@code start}; null when the partials are singular at a step. A {@code strict} attempt (from a
     * moved start) is also null when Newton did not converge: its residual is then not small.
     */
    private double[] attempt(double x, double[] state, double[] start, boolean strict) {
        int n = orders.length;
        double[] current = start.clone();
        double[] residual = new double[n];
        double[][] jacobian = new double[n][n];
        boolean converged = false;
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
                return null;
            }
            double size = 0;
            double scale = 0;
            for (int u = 0; u < n; u++) {
                current[u] -= step[u];
                size = Math.max(size, Math.abs(step[u]));
                scale = Math.max(scale, Math.abs(current[u]));
            }
            if (affine || size <= 1e-15 * Math.max(1, scale)) {
                converged = true;
                break;
            }
        }
        if (strict && !converged) {
            // Round-off may keep the steps above 1e-15 at a root: the residual there is small all the same.
            double worst = 0;
            double size = 1;
            for (int e = 0; e < n; e++) {
                worst = Math.max(worst, Math.abs(evaluate(equations.get(e).residual(), x, state, current)));
            }
            for (double v : current) {
                size = Math.max(size, Math.abs(v));
            }
            if (!(worst <= 1e-9 * size)) {
                return null;
            }
        }
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
