package org.neuroform.runtime.solution;

import java.util.ArrayList;
import java.util.List;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.train.TrialModel;

/**
 * A trained solution: closed-form and differentiable, answering {@code u^(k)(x)} anywhere on
 * the domain (and nowhere else: outside it the network was never constrained).
 */
public final class TrainedSolution {
    private final CompiledProblem problem;
    private final List<Segment> segments;
    private final TrainingReport report;

    public TrainedSolution(CompiledProblem problem, List<Segment> segments, TrainingReport report) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segment");
        }
        this.problem = problem;
        this.segments = List.copyOf(segments);
        this.report = report;
    }

    public CompiledProblem problem() {
        return problem;
    }

    public List<Segment> segments() {
        return segments;
    }

    public TrainingReport report() {
        return report;
    }

    /** {@code u^(order)(x)}; x must lie in the domain. */
    public double value(int unknown, int order, double x) {
        return values(unknown, order, new double[] {x})[0];
    }

    /** {@code u^(order)} at several points of the domain. */
    public double[] values(int unknown, int order, double[] xs) {
        Domain domain = problem.domain();
        double[] out = new double[xs.length];
        // Group points by segment: one network pass per segment.
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                if (!domain.contains(xs[i])) {
                    throw new IllegalArgumentException("x = " + xs[i] + " is outside the domain");
                }
                double x = domain.clamp(xs[i]);
                if (segmentOf(x) == s) {
                    indices.add(i);
                }
            }
            if (indices.isEmpty()) {
                continue;
            }
            double[] points = new double[indices.size()];
            for (int i = 0; i < points.length; i++) {
                points[i] = domain.clamp(xs[indices.get(i)]);
            }
            double[] v = evaluate(segment, unknown, order, points);
            for (int i = 0; i < points.length; i++) {
                out[indices.get(i)] = v[i];
            }
        }
        return out;
    }

    private int segmentOf(double x) {
        for (int s = 0; s < segments.size(); s++) {
            if (x <= segments.get(s).upper()) {
                return s;
            }
        }
        return segments.size() - 1;
    }

    private double[] evaluate(Segment segment, int unknown, int order, double[] points) {
        NetworkBank bank = segment.layout().bank(problem.unknowns().size(), segment.lower(), segment.upper());
        TrialModel model = new TrialModel(List.of(), List.of(), segment.trial(), problem.orders(), points, bank,
                segment.scales(), order);
        model.evaluate(segment.parameters());
        double[] out = new double[points.length];
        for (int p = 0; p < points.length; p++) {
            out[p] = model.value(unknown, order, p);
        }
        return out;
    }

    /** Evaluates a query expression: its point values come from the solution. */
    public double evaluate(Expr query) {
        return Evaluator.evaluate(query, leaf -> {
            if (leaf instanceof PointValue) {
                PointValue p = (PointValue) leaf;
                return value(p.unknown(), p.order(), p.point());
            }
            throw new IllegalArgumentException("a query cannot depend on " + leaf);
        });
    }
}
