package org.neuroform.repl.solution;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Variable;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * The largest equation residual {@code max |R_e(x, u, u', …)|} of a trained solution on a
 * uniform grid of each segment, collocation points or not: a loss that is small only at the
 * collocation points shows up here.
 */
public final class Residuals {
    /** Grid points per segment for the summary line. */
    public static final int POINTS_PER_SEGMENT = 201;

    private Residuals() {}

    public static OptionalDouble max(TrainedSolution solution) {
        return max(solution, POINTS_PER_SEGMENT);
    }

    /** Empty when the residuals cannot be evaluated (a derivative order the runtime does not support). */
    public static OptionalDouble max(TrainedSolution solution, int pointsPerSegment) {
        List<Equation> equations = solution.problem().equations();
        if (equations.isEmpty()) {
            return OptionalDouble.empty();
        }
        double max = 0;
        try {
            for (Segment segment : solution.segments()) {
                double[] xs = grid(segment.lower(), segment.upper(), pointsPerSegment);
                Map<Derivative, double[]> values = new HashMap<>();
                for (Equation equation : equations) {
                    for (Derivative term : equation.terms()) {
                        values.computeIfAbsent(term, d -> solution.values(d.unknown(), d.order(), xs));
                    }
                }
                for (Equation equation : equations) {
                    for (int p = 0; p < xs.length; p++) {
                        int point = p;
                        double r = Evaluator.evaluate(equation.residual(), leaf -> {
                            if (leaf instanceof Variable) {
                                return xs[point];
                            }
                            if (leaf instanceof Derivative) {
                                return values.computeIfAbsent((Derivative) leaf,
                                        d -> solution.values(d.unknown(), d.order(), xs))[point];
                            }
                            if (leaf instanceof PointValue) {
                                PointValue v = (PointValue) leaf;
                                return solution.value(v.unknown(), v.order(), v.point());
                            }
                            throw new IllegalArgumentException("unexpected leaf " + leaf);
                        });
                        if (!(Math.abs(r) <= max)) {
                            max = Double.isNaN(r) ? Double.NaN : Math.abs(r);
                            if (Double.isNaN(max)) {
                                return OptionalDouble.of(Double.NaN);
                            }
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(max);
    }

    static double[] grid(double lower, double upper, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = lower + (upper - lower) * i / (count - 1);
        }
        x[count - 1] = upper;
        return x;
    }
}
