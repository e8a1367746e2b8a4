package org.neuroform.runtime.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.DenseOutputModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;

/**
 * The classical solution of an initial value problem, by Hipparchus's
 * {@link DormandPrince853Integrator} (an 8th-order Runge–Kutta with dense output) at
 * tolerances 1e−12: the yardstick for trained solutions. When that explicit integrator would run
 * out of evaluations (a stiff problem: Robertson's kinetics on [0, 1000], Van der Pol at μ = 1000),
 * the same interval is integrated by {@link RadauIIA} (implicit, order 5, L-stable) at a hundredth
 * of its tolerances, and {@link #description()} says so.
 *
 * <p>The equations may be implicit ({@code x*y' + y = 0}): at each evaluation the highest
 * derivatives {@code u^(m_u)} are found by Newton's method on the residuals, with the Jacobian
 * {@code ∂R_e/∂u^(m_u)} from the compiler's symbolic partials. The state is
 * {@code (u, u', …, u^(m_u − 1))} for every unknown.
 */
public final class ClassicalReference {
    public static final double TOLERANCE = 1e-12;
    /**
     * Right-hand side evaluations one integration may take: plenty for a non-stiff problem (Lorenz
     * on [0, 5] takes ~2·10⁴), while an explicit integrator on a stiff one (Robertson would take
     * millions, many seconds) gives up within a second or two and says so.
     */
    static final int MAX_EVALUATIONS = 300_000;
    /**
     * Evaluations the stiff fallback may take (each Jacobian costs one per state component): at
     * 1e−14, Robertson on [0, 1e5] takes 6.4·10⁴, Van der Pol at μ = 1000 on [0, 3000] 5.8·10⁵.
     */
    static final int MAX_STIFF_EVALUATIONS = 3_000_000;
    /**
     * Evaluations after which the explicit integrator's pace is judged: when the evaluations it has
     * taken, extrapolated over the whole interval at the same pace, pass {@link #MAX_EVALUATIONS}, it
     * stops there and the stiff integrator takes over (instead of spending all of them first).
     */
    static final int PACE_CHECK = 30_000;
    /**
     * Radau IIA's tolerances relative to the explicit integrator's: its error estimate is of lower
     * order, and across Van der Pol's jump (μ = 1000) it is off by 1e−9 at 1e−12 but 4e−11 at 1e−14.
     */
    static final double STIFF_TOLERANCE_FACTOR = 1e-2;

    private final CompiledProblem problem;
    private final int[] orders;
    private final int[] stateOffset;
    private final int dimension;
    private final double start;
    private final DoubleFunction<double[]> forward;
    private final DoubleFunction<double[]> backward;
    /** Whether the stiff integrator made either side. */
    private boolean stiff;
    /** Why the explicit integrator failed, when it did not merely run out of evaluations (null otherwise). */
    private String explicitFailure;
    private final HighestDerivatives highest;

    private final double[] initial;
    private final double tolerance;

    /** The solution through {@code state} (u, u', …, u^(m_u − 1) per unknown) at {@code start}. */
    ClassicalReference(CompiledProblem problem, double start, double[] state) {
        this(problem, start, state, TOLERANCE);
    }

    private ClassicalReference(CompiledProblem problem, double start, double[] state, double tolerance) {
        this(problem, start, state, tolerance, problem.domain().lower(), problem.domain().upper());
    }

    /** Integrated on [{@code lower}, {@code upper}]: the domain, or the part a solution that ends early covers. */
    private ClassicalReference(CompiledProblem problem, double start, double[] state, double tolerance, double lower, double upper) {
        this.problem = problem;
        this.tolerance = tolerance;
        this.start = start;
        orders = problem.orders();
        stateOffset = new int[orders.length];
        int offset = 0;
        for (int u = 0; u < orders.length; u++) {
            stateOffset[u] = offset;
            offset += orders[u];
        }
        dimension = offset;
        highest = new HighestDerivatives(problem.equations(), orders);
        initial = state.clone();
        forward = upper > start ? integrate(initial, upper) : null;
        backward = lower < start ? integrate(initial, lower) : null;
    }

    /**
     * The reference solution, when the problem is an initial value problem whose equations can
     * be solved for their highest derivatives; empty otherwise (boundary value problems).
     *
     * @throws ReferenceException when the integration fails (a singularity, a solution that blows up)
     */
    public static Optional<ClassicalReference> of(CompiledProblem problem) {
        return of(problem, TOLERANCE);
    }

    /**
     * The same at other tolerances (relative and absolute): a second, looser integration shows
     * how far the first can be trusted (on a chaotic problem the two part after a while).
     */
    public static Optional<ClassicalReference> of(CompiledProblem problem, double tolerance) {
        OptionalDouble start = problem.initialPoint();
        if (start.isEmpty() || problem.equations().size() != problem.unknowns().size()) {
            return Optional.empty();
        }
        for (UnknownFunction unknown : problem.unknowns()) {
            if (unknown.order() == 0) {
                return Optional.empty(); // algebraic unknowns: a DAE, not handled here
            }
        }
        return Optional.of(new ClassicalReference(problem, start.getAsDouble(), initialState(problem), tolerance));
    }

    /**
     * The same on part of the domain, [{@code lower}, {@code upper}] (holding the initial point): the part a
     * solution covers that ends early, at a blow-up or where the solution stops existing, beyond which the
     * integrator would fail too.
     *
     * @throws ReferenceException when the integration fails within that part
     */
    public static Optional<ClassicalReference> of(CompiledProblem problem, double lower, double upper) {
        OptionalDouble start = problem.initialPoint();
        if (start.isEmpty() || !integrable(problem) || !(lower <= start.getAsDouble() && start.getAsDouble() <= upper)) {
            return Optional.empty();
        }
        return Optional.of(new ClassicalReference(problem, start.getAsDouble(), initialState(problem), TOLERANCE,
                Math.max(lower, problem.domain().lower()), Math.min(upper, problem.domain().upper())));
    }

    /** True when the equations can be integrated as a first-order system (no algebraic unknowns). */
    static boolean integrable(CompiledProblem problem) {
        if (problem.equations().size() != problem.unknowns().size()) {
            return false;
        }
        return problem.unknowns().stream().allMatch(u -> u.order() > 0);
    }

    /** The size of the state vector. */
    static int dimension(CompiledProblem problem) {
        return java.util.Arrays.stream(problem.orders()).sum();
    }

    public String description() {
        return stiff
                ? "Radau IIA, order 5 (tolerances " + String.format(java.util.Locale.ROOT, "%.0e", STIFF_TOLERANCE_FACTOR * tolerance)
                        + "), as DormandPrince853Integrator " + (explicitFailure == null ? "would need more than " + MAX_EVALUATIONS
                                + " evaluations" : "failed (" + explicitFailure + ")") + " (a stiff problem)"
                : "DormandPrince853Integrator (tolerances " + (tolerance == TOLERANCE ? "1e-12" : Double.toString(tolerance)) + ")";
    }

    /** The integration failed: the message says where and why. */
    public static final class ReferenceException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final double reached;
        private final double size;

        ReferenceException(String message) {
            this(message, Double.NaN, Double.NaN);
        }

        ReferenceException(String message, double reached, double size) {
            super(message);
            this.reached = reached;
            this.size = size;
        }

        /** How far the integration got before it failed (NaN when it did not start or is not known). */
        public double reached() {
            return reached;
        }

        /**
         * The largest |state| (values and derivatives) at the last step the integration took (NaN
         * when not known): near the largest double, the failure is an overflow, not a singularity.
         */
        public double size() {
            return size;
        }
    }

    /**
     * From {@code start} to {@code end}, restarting at each breakpoint of the equations between them (a jump at a point
     * known beforehand): an adaptive step over a short pulse, heav(t - 5)*heav(6 - t), can miss it altogether, and
     * one across a jump is only as accurate as the error control's luck.
     */
    private DoubleFunction<double[]> integrate(double[] initial, double end) {
        Breakpoints breakpoints = Breakpoints.of(problem);
        double direction = Math.signum(end - start);
        List<Double> ends = new ArrayList<>();
        double position = start;
        for (double ahead = breakpoints.ahead(position, direction); Double.isFinite(ahead) && ahead < Math.abs(end - position);
                ahead = breakpoints.ahead(position, direction)) {
            position = breakpoints.snap(position + direction * ahead);
            ends.add(position);
        }
        ends.add(end);
        if (ends.size() == 1) {
            return integrate(start, initial, end);
        }
        List<DoubleFunction<double[]>> pieces = new ArrayList<>();
        double from = start;
        double[] state = initial;
        for (double to : ends) {
            DoubleFunction<double[]> piece = integrate(from, state, to);
            pieces.add(piece);
            state = piece.apply(to);
            from = to;
        }
        return x -> {
            int i = 0;
            while (i < ends.size() - 1 && (x - ends.get(i)) * direction > 0) {
                i++;
            }
            return pieces.get(i).apply(x);
        };
    }

    private DoubleFunction<double[]> integrate(double start, double[] initial, double end) {
        double length = Math.abs(end - start);
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-14 * length, length, tolerance, tolerance);
        integrator.setMaxEvaluations(MAX_EVALUATIONS);
        DenseOutputModel model = new DenseOutputModel();
        integrator.addStepHandler(model);
        double[] reached = {Double.NaN, Double.NaN};
        integrator.addStepHandler(interpolator -> {
            reached[0] = interpolator.getCurrentState().getTime();
            double travelled = Math.abs(reached[0] - start);
            int evaluations = integrator.getEvaluations();
            if (evaluations > PACE_CHECK
                    && (double) evaluations * length > (double) MAX_EVALUATIONS * travelled) {
                throw new MathIllegalStateException(LocalizedCoreFormats.MAX_COUNT_EXCEEDED, MAX_EVALUATIONS);
            }
            double size = 0;
            for (double v : interpolator.getCurrentState().getPrimaryState()) {
                size = Double.isNaN(v) || Double.isNaN(size) ? Double.NaN : Math.max(size, Math.abs(v));
            }
            reached[1] = size;
        });
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
        } catch (MathRuntimeException e) {
            if (e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                return integrateStiff(system, start, initial, end, e.getMessage());
            }
            throw new ReferenceException("the classical integrator failed between " + start + " and " + end + ": " + e.getMessage(),
                    reached[0], reached[1]);
        } catch (ReferenceException e) {
            // An explicit integrator on a stiff problem can also go unstable before it runs out of evaluations (the
            // Pollution problem's right-hand side is not finite at t = 0.0016, before its first step is accepted): the
            // implicit one decides, and fails too at a true singularity (the explicit one's failure is reported then).
            try {
                DoubleFunction<double[]> stiffSolution = integrateStiff(system, start, initial, end, e.getMessage());
                explicitFailure = e.getMessage();
                return stiffSolution;
            } catch (ReferenceException stiffFailure) {
                throw new ReferenceException("the classical integrator failed between " + start + " and " + end + ": " + e.getMessage(),
                        reached[0], reached[1]);
            }
        }
        return x -> model.getInterpolatedState(x).getPrimaryState();
    }

    /** The same interval by Radau IIA, after the explicit integrator gave up with {@code why}. */
    private DoubleFunction<double[]> integrateStiff(OrdinaryDifferentialEquation system, double start, double[] initial, double end,
            String why) {
        RadauIIA.Trajectory trajectory;
        try {
            double stiffTolerance = STIFF_TOLERANCE_FACTOR * tolerance;
            trajectory = RadauIIA.integrate(system::computeDerivatives, start, initial, end, stiffTolerance, stiffTolerance,
                    MAX_STIFF_EVALUATIONS);
        } catch (ReferenceException | ArithmeticException e) {
            double reached = e instanceof ReferenceException r ? r.reached() : Double.NaN;
            double size = e instanceof ReferenceException r ? r.size() : Double.NaN;
            throw new ReferenceException("the classical integrators failed between " + start + " and " + end
                    + ": DormandPrince853Integrator: " + why + "; then " + e.getMessage(), reached, size);
        }
        stiff = true;
        return trajectory::state;
    }

    private double[] solveHighest(double x, double[] state) {
        try {
            return highest.solve(x, state);
        } catch (ArithmeticException e) {
            throw new ReferenceException(e.getMessage());
        }
    }

    /** {@code u^(order)(x)} for order ≤ the unknown's order; x in the domain. */
    public synchronized double value(int unknown, int order, double x) {
        if (order > orders[unknown]) {
            throw new IllegalArgumentException("the reference gives derivatives up to order " + orders[unknown]);
        }
        double[] state;
        if (x == start || (x > start ? forward : backward) == null) {
            state = initial.clone();
        } else {
            state = (x > start ? forward : backward).apply(x);
        }
        if (order < orders[unknown]) {
            return state[stateOffset[unknown] + order];
        }
        return solveHighest(x, state)[unknown];
    }

    private static double[] initialState(CompiledProblem problem) {
        int[] orders = problem.orders();
        int[] offset = new int[orders.length];
        for (int u = 1; u < orders.length; u++) {
            offset[u] = offset[u - 1] + orders[u - 1];
        }
        double[] initial = new double[dimension(problem)];
        for (LinearCondition condition : problem.trial().conditions()) {
            ConditionTerm term = condition.terms().get(0);
            initial[offset[term.unknown()] + term.order()] = condition.value() / term.coefficient();
        }
        return initial;
    }

    public double start() {
        return start;
    }
}
