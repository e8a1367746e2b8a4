package org.neuroform.runtime.reference;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.DenseOutputModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.Variable;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;

/**
 * The classical solution of an initial value problem, by Hipparchus's
 * {@link DormandPrince853Integrator} (an 8th-order Runge–Kutta with dense output) at
 * tolerances 1e−12: the yardstick for trained solutions.
 *
 * <p>The equations may be implicit ({@code x*y' + y = 0}): at each evaluation the highest
 * derivatives {@code u^(m_u)} are found by Newton's method on the residuals, with the Jacobian
 * {@code ∂R_e/∂u^(m_u)} from the compiler's symbolic partials. The state is
 * {@code (u, u', …, u^(m_u − 1))} for every unknown.
 */
public final class ClassicalReference {
    public static final double TOLERANCE = 1e-12;

    private final CompiledProblem problem;
    private final int[] orders;
    private final int[] stateOffset;
    private final int dimension;
    private final double start;
    private final DenseOutputModel forward;
    private final DenseOutputModel backward;
    private final double[] top; // last solved highest derivatives (Newton's starting guess)

    private ClassicalReference(CompiledProblem problem, double start) {
        this.problem = problem;
        this.start = start;
        orders = problem.orders();
        stateOffset = new int[orders.length];
        int offset = 0;
        for (int u = 0; u < orders.length; u++) {
            stateOffset[u] = offset;
            offset += orders[u];
        }
        dimension = offset;
        top = new double[orders.length];
        double[] initial = initialState();
        forward = problem.domain().upper() > start ? integrate(initial, problem.domain().upper()) : null;
        backward = problem.domain().lower() < start ? integrate(initial, problem.domain().lower()) : null;
    }

    /**
     * The reference solution, when the problem is an initial value problem whose equations can
     * be solved for their highest derivatives; empty otherwise (boundary value problems).
     *
     * @throws ReferenceException when the integration fails (a singularity, a solution that blows up)
     */
    public static Optional<ClassicalReference> of(CompiledProblem problem) {
        OptionalDouble start = problem.initialPoint();
        if (start.isEmpty() || problem.equations().size() != problem.unknowns().size()) {
            return Optional.empty();
        }
        for (UnknownFunction unknown : problem.unknowns()) {
            if (unknown.order() == 0) {
                return Optional.empty(); // algebraic unknowns: a DAE, not handled here
            }
        }
        return Optional.of(new ClassicalReference(problem, start.getAsDouble()));
    }

    /** The integration failed: the message says where and why. */
    public static final class ReferenceException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReferenceException(String message) {
            super(message);
        }
    }

    private DenseOutputModel integrate(double[] initial, double end) {
        double length = Math.abs(end - start);
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-14 * length, length, TOLERANCE, TOLERANCE);
        DenseOutputModel model = new DenseOutputModel();
        integrator.addStepHandler(model);
        OrdinaryDifferentialEquation system = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dimension;
            }

            @Override
            public double[] computeDerivatives(double x, double[] state) {
                double[] derivative = new double[dimension];
                double[] highest = solveHighest(x, state);
                for (int u = 0; u < orders.length; u++) {
                    int base = stateOffset[u];
                    for (int k = 0; k < orders[u] - 1; k++) {
                        derivative[base + k] = state[base + k + 1];
                    }
                    derivative[base + orders[u] - 1] = highest[u];
                }
                return derivative;
            }
        };
        try {
            integrator.integrate(system, new ODEState(start, initial.clone()), end);
        } catch (MathIllegalStateException | ReferenceException e) {
            throw new ReferenceException("the classical integrator failed between " + start + " and " + end + ": " + e.getMessage());
        }
        return model;
    }

    /** Newton's method on R_e(x, state, top) = 0 for the highest derivatives. */
    private double[] solveHighest(double x, double[] state) {
        int n = orders.length;
        double[] guess = top.clone();
        List<Equation> equations = problem.equations();
        double[] residual = new double[n];
        double[][] jacobian = new double[n][n];
        for (int iteration = 0; iteration < 50; iteration++) {
            double worst = 0;
            for (int e = 0; e < n; e++) {
                Equation equation = equations.get(e);
                residual[e] = evaluate(equation.residual(), x, state, guess);
                worst = Math.max(worst, Math.abs(residual[e]));
                java.util.Arrays.fill(jacobian[e], 0);
                for (int t = 0; t < equation.terms().size(); t++) {
                    Derivative d = equation.terms().get(t);
                    if (d.order() == orders[d.unknown()]) {
                        jacobian[e][d.unknown()] = evaluate(equation.partials().get(t), x, state, guess);
                    }
                }
            }
            if (!Double.isFinite(worst)) {
                throw new ReferenceException("the equations are not finite at " + x);
            }
            double[] step = solve(jacobian, residual);
            if (step == null) {
                throw new ReferenceException("the equations cannot be solved for their highest derivatives at " + x);
            }
            double size = 0;
            double scale = 0;
            for (int u = 0; u < n; u++) {
                guess[u] -= step[u];
                size = Math.max(size, Math.abs(step[u]));
                scale = Math.max(scale, Math.abs(guess[u]));
            }
            if (size <= 1e-15 * Math.max(1, scale)) {
                System.arraycopy(guess, 0, top, 0, n);
                return guess;
            }
        }
        System.arraycopy(guess, 0, top, 0, n);
        return guess;
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

    /** Gaussian elimination with partial pivoting; null when singular. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (m[pivot][col] == 0 || !Double.isFinite(m[pivot][col])) {
                return null;
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = m[i][n];
            for (int c = i + 1; c < n; c++) {
                sum -= m[i][c] * x[c];
            }
            x[i] = sum / m[i][i];
        }
        return x;
    }

    /** {@code u^(order)(x)} for order ≤ the unknown's order; x in the domain. */
    public synchronized double value(int unknown, int order, double x) {
        if (order > orders[unknown]) {
            throw new IllegalArgumentException("the reference gives derivatives up to order " + orders[unknown]);
        }
        double[] state;
        if (x == start || (x > start ? forward : backward) == null) {
            state = initialState();
        } else {
            state = (x > start ? forward : backward).getInterpolatedState(x).getPrimaryState();
        }
        if (order < orders[unknown]) {
            return state[stateOffset[unknown] + order];
        }
        return solveHighest(x, state)[unknown];
    }

    private double[] initialState() {
        double[] initial = new double[dimension];
        for (LinearCondition condition : problem.trial().conditions()) {
            ConditionTerm term = condition.terms().get(0);
            initial[stateOffset[term.unknown()] + term.order()] = condition.value() / term.coefficient();
        }
        return initial;
    }

    public double start() {
        return start;
    }
}
