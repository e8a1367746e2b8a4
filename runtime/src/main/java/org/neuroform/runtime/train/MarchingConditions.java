package org.neuroform.runtime.train;

import org.neuroform.runtime.trial.TrialModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.reference.HighestDerivatives;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * What marching an initial value problem needs from one segment to the next, whichever solver
 * trains the segments: the initial values, each segment's conditions (the previous segment's
 * end values and derivatives), the values at a segment's end, output scales sized to a
 * segment's Taylor terms, equation weights relative to the solution's size; the solution's own
 * time scale for the first and the shortest step; and the deviation of a march from the
 * classical integrator.
 */
final class MarchingConditions {
    /**
     * Points of the check against the classical integrator after a march. Deviations are smooth
     * in x (the defect of every segment is already checked on a grid four times finer than its
     * collocation points), so 201 points find them; 1001 cost most of a small problem's training.
     */
    static final int DEVIATION_POINTS = 201;

    private MarchingConditions() {}

    /** The initial conditions as values[u][k] = u^(k)(x0), k &lt; m_u. */
    static double[][] initialValues(CompiledProblem problem) {
        int[] orders = problem.orders();
        double[][] values = new double[orders.length][];
        for (int u = 0; u < orders.length; u++) {
            values[u] = new double[orders[u]];
        }
        for (LinearCondition condition : problem.trial().conditions()) {
            ConditionTerm term = condition.terms().get(0);
            values[term.unknown()][term.order()] = condition.value() / term.coefficient();
        }
        return values;
    }

    /** u^(m_u)(x0) from the equations, given the initial values (zeros when they cannot be solved for). */
    static double[] initialHighest(CompiledProblem problem, double x0, double[][] values) {
        return initialRoots(problem, x0, values, false).highest();
    }

    /**
     * u^(m_u)(x0) as {@link #initialHighest} finds them and, when {@code others}, the other values the equations
     * allow there (y'^2 = 1 − y^2 gives y' = ±√(1 − y^2)); zeros and nothing else when they cannot be solved for.
     */
    static HighestDerivatives.Roots initialRoots(CompiledProblem problem, double x0, double[][] values, boolean others) {
        int[] orders = problem.orders();
        HighestDerivatives solver = new HighestDerivatives(problem.equations(), orders);
        double[] state = new double[Arrays.stream(orders).sum()];
        for (int u = 0; u < orders.length; u++) {
            System.arraycopy(values[u], 0, state, solver.stateOffset(u), orders[u]);
        }
        try {
            return others ? solver.roots(x0, state) : new HighestDerivatives.Roots(solver.solve(x0, state), List.of(), false);
        } catch (ArithmeticException e) {
            return new HighestDerivatives.Roots(new double[orders.length], List.of(), false);
        }
    }

    /**
     * A start for the first segment from the initial values and highest derivatives: the Taylor polynomial
     * {@code Σ u^(k)(x0) (x − x0)^k / k!}, k ≤ m_u. For equations whose partials by the highest derivatives vanish
     * at zero, where β = 0 puts the trial's highest derivatives (Gauss–Newton cannot start there).
     */
    static double[][] taylor(int[] orders, double x0, double[][] values, double[] highest, double[] points) {
        double[][] targets = new double[orders.length][points.length];
        for (int u = 0; u < orders.length; u++) {
            for (int p = 0; p < points.length; p++) {
                double h = points[p] - x0;
                double term = 1;
                double sum = 0;
                for (int k = 0; k <= orders[u]; k++) {
                    sum += (k < orders[u] ? values[u][k] : highest[u]) * term;
                    term *= h / (k + 1);
                }
                targets[u][p] = sum;
            }
        }
        return targets;
    }

    /** The conditions u^(k)(point) = values[u][k] of a segment that starts at {@code point}. */
    static List<LinearCondition> conditions(CompiledProblem problem, double point, double[][] values) {
        int[] orders = problem.orders();
        List<LinearCondition> conditions = new ArrayList<>();
        for (int u = 0; u < orders.length; u++) {
            for (int k = 0; k < orders[u]; k++) {
                String label = problem.unknowns().get(u).name() + "'".repeat(k) + "(" + point + ") = " + values[u][k];
                conditions.add(new LinearCondition(List.of(new ConditionTerm(u, k, point, 1)), values[u][k], label));
            }
        }
        return conditions;
    }

    /** u^(k)(x) for k = 0..m_u, from a trained segment. */
    static double[][] endValues(Segment segment, int[] orders, double x) {
        NetworkBank bank = segment.layout().bank(orders.length, segment.lower(), segment.upper());
        int maxOrder = Arrays.stream(orders).max().orElse(0);
        TrialModel model = new TrialModel(List.of(), List.of(), segment.trial(), orders, new double[] {x}, bank, segment.scales(), maxOrder);
        model.evaluate(segment.parameters());
        double[][] values = new double[orders.length][];
        for (int u = 0; u < orders.length; u++) {
            values[u] = new double[orders[u] + 1];
            for (int k = 0; k <= orders[u]; k++) {
                values[u][k] = model.value(u, k, 0);
            }
        }
        return values;
    }

    /**
     * The size of each unknown's highest derivative to scale a segment by: |u^(m_u)| at its start (0 where
     * the equations do not give it: a singular point, 2/x at x = 0), at least max(1, |u|) / L^(m_u) over the
     * domain's length L.
     */
    static double[] derivativeSize(int[] orders, double[][] values, double[] highest, double fullLength) {
        double[] size = new double[orders.length];
        for (int u = 0; u < orders.length; u++) {
            double guess = Math.max(1, orders[u] > 0 ? Math.abs(values[u][0]) : 1) / Math.pow(fullLength, orders[u]);
            size[u] = Double.isFinite(highest[u]) ? Math.max(Math.abs(highest[u]), guess) : guess;
        }
        return size;
    }

    /**
     * Output scales for a marching segment of length L: the size of the Taylor terms
     * {@code |u^(k)(a)| L^k / k!}, k = 1..m (with {@code |u^(m)|} the size seen recently, which
     * does not vanish where u^(m)(a) happens to), so that the network's share of
     * {@code u = P + σ D N} is of order one however short the segment: on a segment of 0.01 the
     * remainder is 1e−4 of u, and a network asked to output 1e−4 ± 1e−12 is badly conditioned.
     */
    static double[] marchingScales(int[] orders, double[][] values, double[] highest, double length) {
        double[] scales = new double[orders.length];
        for (int u = 0; u < orders.length; u++) {
            double size = 0;
            double power = 1;
            for (int k = 1; k <= orders[u]; k++) {
                power *= length / k;
                double derivative = k < orders[u] ? values[u][k] : highest[u];
                size = Math.max(size, Math.abs(derivative) * power);
            }
            double floor = 1e-12 * Math.max(1, Math.abs(values[u].length > 0 ? values[u][0] : 0));
            scales[u] = Double.isFinite(size) && size > floor ? size : floor;
        }
        return scales;
    }

    /**
     * Each equation's weight: one over the magnitude of its main unknown (the one whose highest
     * derivative it contains), so that residuals are compared relative to the solution's size.
     */
    static double[] equationWeights(CompiledProblem problem, double[] magnitudes) {
        double[] weights = new double[problem.equations().size()];
        for (int e = 0; e < weights.length; e++) {
            int main = -1;
            int best = -1;
            for (Derivative term : problem.equations().get(e).terms()) {
                if (term.order() > best || (term.order() == best && term.unknown() < main)) {
                    best = term.order();
                    main = term.unknown();
                }
            }
            double magnitude = main < 0 ? 1 : magnitudes[main];
            weights[e] = 1 / (Double.isFinite(magnitude) && magnitude > 0 ? magnitude : 1);
        }
        return weights;
    }

    /**
     * A first step from the solution's own time scale {@code |u| / |u'|} (Hairer, Nørsett & Wanner's starting rule
     * without its factor 0.01, which is for low-order methods; the controller shortens it if need be).
     */
    static double firstStep(int[] orders, double[][] values, double[] highest, double fullLength) {
        double d0 = 0;
        double d1 = 0;
        for (int u = 0; u < orders.length; u++) {
            for (int k = 0; k < orders[u]; k++) {
                double scale = 1 + Math.abs(values[u][k]);
                double derivative = k + 1 < orders[u] ? values[u][k + 1] : highest[u];
                d0 = Math.max(d0, Math.abs(values[u][k]) / scale);
                d1 = Math.max(d1, Math.abs(derivative) / scale);
            }
        }
        if (!(d1 > 1e-12) || !(d0 > 1e-5)) {
            return fullLength;
        }
        return Math.max(1e-9 * fullLength, d0 / d1);
    }

    /** The shortest step worth trying here: a tiny fraction of the solution's own time scale {@code |u| / |u^(m)|}. */
    static double shortestStep(int[] orders, double[][] values, double[] derivativeSize, double fullLength) {
        double scale = fullLength;
        for (int u = 0; u < orders.length; u++) {
            if (orders[u] > 0 && derivativeSize[u] > 0) {
                double size = Math.max(Math.abs(values[u][0]), 1e-300);
                scale = Math.min(scale, Math.pow(Math.max(size, 1e-8) / derivativeSize[u], 1.0 / orders[u]));
            }
        }
        return Math.max(1e-6 * scale, 1e-13 * fullLength);
    }

    /** Whether some |u| is above {@code size} (or not finite). */
    static boolean grew(int[] orders, double[][] values, double size) {
        for (int u = 0; u < orders.length; u++) {
            if (orders[u] > 0 && !(Math.abs(values[u][0]) <= size)) {
                return true;
            }
        }
        return false;
    }

    static boolean finite(double[][] values) {
        for (double[] v : values) {
            for (double d : v) {
                if (!Double.isFinite(d)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * max |u_net − u_ref| / max(1, max |u_ref|) over {@link #DEVIATION_POINTS} equally spaced points
     * of the domain (NaN when either is not finite), with the marched values there (kept with the
     * solution: {@link TrainedSolution#samples()}). Each segment's networks run once for all
     * unknowns at its points.
     */
    static Check check(CompiledProblem problem, List<Segment> segments, ClassicalReference reference) {
        return check(problem, segments, reference, problem.domain().lower(), problem.domain().upper());
    }

    /** The same on [{@code lower}, {@code upper}]: the part a march that ended early covers. */
    static Check check(CompiledProblem problem, List<Segment> segments, ClassicalReference reference, double lower, double upper) {
        int[] orders = problem.orders();
        double[] x = Grid.uniform(lower, upper, DEVIATION_POINTS);
        double[][] values = new double[orders.length][x.length];
        for (double[] row : values) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        double worst = 0;
        double size = 1;
        int next = 0;
        for (int s = 0; s < segments.size() && next < x.length; s++) {
            Segment segment = segments.get(s);
            int first = next;
            while (next < x.length && (x[next] <= segment.upper() || s == segments.size() - 1)) {
                next++;
            }
            if (next == first) {
                continue;
            }
            double[] points = java.util.Arrays.copyOfRange(x, first, next);
            for (int i = 0; i < points.length; i++) {
                points[i] = Math.max(segment.lower(), Math.min(segment.upper(), points[i]));
            }
            double[][] trained = values(segment, orders, points);
            for (int u = 0; u < orders.length; u++) {
                for (int i = 0; i < points.length; i++) {
                    double expected = reference.value(u, 0, x[first + i]);
                    size = Math.max(size, Math.abs(expected));
                    double value = trained[u][i];
                    values[u][first + i] = value;
                    double error = Math.abs(value - expected);
                    if (!(error <= worst)) {
                        worst = error;
                    }
                }
            }
        }
        return new Check(worst / size, new TrainedSolution.Samples(x, values));
    }

    /** {@code segment}'s values u(x_p) at the given points (inside it), as [u][p]. */
    static double[][] values(Segment segment, int[] orders, double[] points) {
        TrialModel model = new TrialModel(List.of(), List.of(), segment.trial(), orders, points,
                segment.layout().bank(orders.length, segment.lower(), segment.upper()), segment.scales(), 0);
        model.evaluate(segment.parameters());
        double[][] values = new double[orders.length][points.length];
        for (int u = 0; u < orders.length; u++) {
            for (int p = 0; p < points.length; p++) {
                values[u][p] = model.value(u, 0, p);
            }
        }
        return values;
    }

    /** A march's deviation from the classical reference, and its values where it was compared. */
    record Check(double deviation, TrainedSolution.Samples samples) {}

}
