package org.neuroform.runtime.solution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.trial.TrialModel;

/**
 * A trained solution: closed-form and differentiable, answering {@code u^(k)(x)} anywhere on
 * the part of the domain its segments cover (and nowhere else: outside it no network was
 * constrained). The segments are ordered and adjacent; they cover the whole domain unless
 * training stopped early (Ctrl-C, a blow-up), and then {@link #coveredLower()} to
 * {@link #coveredUpper()} is the part that was trained.
 */
public final class TrainedSolution {
    private final CompiledProblem problem;
    private final List<Segment> segments;
    private final TrainingReport report;
    private final Optional<ClassicalReference> reference;
    private final Optional<Samples> samples;

    /**
     * Every unknown's values at equally spaced points of the domain, as training computed them for
     * its check against the classical integrator ({@code values[u][i]} at {@code x[i]}, NaN where
     * no segment covers the point): the same numbers {@link #values} gives there, kept so that a
     * bundle's interpolation check need not evaluate the solution again.
     */
    public record Samples(double[] x, double[][] values) {}

    public TrainedSolution(CompiledProblem problem, List<Segment> segments, TrainingReport report) {
        this(problem, segments, report, Optional.empty());
    }

    public TrainedSolution(CompiledProblem problem, List<Segment> segments, TrainingReport report,
            Optional<ClassicalReference> reference) {
        this(problem, segments, report, reference, Optional.empty());
    }

    /**
     * With the classical reference training already integrated (an initial value problem's check),
     * so that {@code verify} and the accuracy under each answer need not integrate it again. It is
     * not saved: a solution opened from a file integrates its own when asked. Likewise the values
     * that check compared (not saved either).
     */
    public TrainedSolution(CompiledProblem problem, List<Segment> segments, TrainingReport report,
            Optional<ClassicalReference> reference, Optional<Samples> samples) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segment");
        }
        this.problem = problem;
        this.segments = List.copyOf(segments);
        this.report = report;
        this.reference = reference;
        this.samples = samples;
    }

    /** The values training computed on a grid of the domain, if it did (see {@link Samples}); not saved. */
    public Optional<Samples> samples() {
        return samples;
    }

    /** The state (u, u', …, u^(m−1) per unknown, in order) at x: where a classical integrator or shooting starts. */
    public double[] state(double x) {
        int[] orders = problem.orders();
        double[] state = new double[java.util.Arrays.stream(orders).sum()];
        int i = 0;
        for (int u = 0; u < orders.length; u++) {
            for (int k = 0; k < orders[u]; k++) {
                state[i++] = value(u, k, x);
            }
        }
        return state;
    }

    /** The classical reference computed while training, if there is one (see the constructor). */
    public Optional<ClassicalReference> trainingReference() {
        return reference;
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

    /** The lower end of the part of the domain the segments cover: the first segment's lower end. */
    public double coveredLower() {
        return segments.get(0).lower();
    }

    /** The upper end of the part of the domain the segments cover: the last segment's upper end. */
    public double coveredUpper() {
        return segments.get(segments.size() - 1).upper();
    }

    /** Whether the segments cover the whole domain (false when training stopped part of the way). */
    public boolean coversDomain() {
        Domain domain = problem.domain();
        return coveredLower() <= domain.lower() && coveredUpper() >= domain.upper();
    }

    /**
     * Whether x lies in the covered part, ends included, with the domain's tolerance for
     * rounding at the domain's ends (a point inside the domain must be covered exactly).
     */
    public boolean covers(double x) {
        Domain domain = problem.domain();
        if (!domain.contains(x)) {
            return false;
        }
        double at = domain.clamp(x);
        return at >= coveredLower() && at <= coveredUpper();
    }

    /** {@code u^(order)(x)}; x must lie in the domain. */
    public double value(int unknown, int order, double x) {
        // values() for one point, without grouping points by segment (a query of a bundle asks every node once)
        Domain domain = problem.domain();
        if (!domain.contains(x)) {
            throw new IllegalArgumentException("x = " + x + " is outside the domain");
        }
        double at = domain.clamp(x);
        int s = segmentOf(at);
        return s < 0 ? Double.NaN : evaluate(segments.get(s), unknown, order, new double[] {at})[0];
    }

    /**
     * {@code u^(order)} at several points of the domain; NaN where no segment covers the point
     * (beyond a blow-up or a stop: see {@link #covers(double)}).
     */
    public double[] values(int unknown, int order, double[] xs) {
        Domain domain = problem.domain();
        double[] out = new double[xs.length];
        java.util.Arrays.fill(out, Double.NaN);
        // Group points by segment: one network pass per segment.
        List<List<Integer>> bySegment = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            bySegment.add(new ArrayList<>());
        }
        for (int i = 0; i < xs.length; i++) {
            if (!domain.contains(xs[i])) {
                throw new IllegalArgumentException("x = " + xs[i] + " is outside the domain");
            }
            int s = segmentOf(domain.clamp(xs[i]));
            if (s >= 0) {
                bySegment.get(s).add(i);
            }
        }
        for (int s = 0; s < segments.size(); s++) {
            List<Integer> indices = bySegment.get(s);
            if (indices.isEmpty()) {
                continue;
            }
            double[] points = new double[indices.size()];
            for (int i = 0; i < points.length; i++) {
                points[i] = domain.clamp(xs[indices.get(i)]);
            }
            double[] v = evaluate(segments.get(s), unknown, order, points);
            for (int i = 0; i < points.length; i++) {
                out[indices.get(i)] = v[i];
            }
        }
        return out;
    }

    /** The segment covering x (the left one at a joint), or −1 when none does. */
    private int segmentOf(double x) {
        int low = 0;
        int high = segments.size() - 1;
        while (low <= high) { // segments are ordered and adjacent
            int middle = (low + high) >>> 1;
            Segment segment = segments.get(middle);
            if (x < segment.lower()) {
                high = middle - 1;
            } else if (x > segment.upper()) {
                low = middle + 1;
            } else {
                return middle > 0 && x == segments.get(middle - 1).upper() ? middle - 1 : middle;
            }
        }
        return -1;
    }

    private double[] evaluate(Segment segment, int unknown, int order, double[] points) {
        TrialModel model = model(segment, List.of(), points, order);
        model.evaluate(segment.parameters());
        double[] out = new double[points.length];
        for (int p = 0; p < points.length; p++) {
            out[p] = model.value(unknown, order, p);
        }
        return out;
    }

    /**
     * The largest equation residual {@code |R_e(x, u, u', …)|} on a uniform grid of
     * {@code pointsPerSegment} points in every segment, collocation points or not: a loss that
     * is small only at the collocation points shows up here. NaN when the solution is not finite.
     */
    public double maxResidual(int pointsPerSegment) {
        double worst = 0;
        org.neuroform.runtime.reference.Breakpoints jumps = breakpoints();
        for (Segment segment : segments) {
            double[] points = Grid.uniform(segment.lower(), segment.upper(), pointsPerSegment);
            // At a jump of the equations (heav(t - 5)) that a segment ends on, the equations there are the other side's:
            // the residual is taken just inside.
            double inside = 1e-9 * (segment.upper() - segment.lower());
            if (points.length > 1 && jumps.contains(segment.lower())) {
                points[0] += inside;
            }
            if (points.length > 1 && jumps.contains(segment.upper())) {
                points[points.length - 1] -= inside;
            }
            double residual = model(segment, problem.equations(), points, 0).maxResidual(segment.parameters());
            if (Double.isNaN(residual)) {
                return Double.NaN; // NaN in any segment: no later finite residual may hide it
            }
            worst = Math.max(worst, residual);
        }
        return worst;
    }

    private org.neuroform.runtime.reference.Breakpoints breakpoints;

    /** Where the equations jump at points known beforehand (computed once). */
    private synchronized org.neuroform.runtime.reference.Breakpoints breakpoints() {
        if (breakpoints == null) {
            breakpoints = org.neuroform.runtime.reference.Breakpoints.of(problem);
        }
        return breakpoints;
    }

    /** The largest equation residual at one point of the domain. */
    public double residualAt(double x) {
        Domain domain = problem.domain();
        if (!domain.contains(x)) {
            throw new IllegalArgumentException("x = " + x + " is outside the domain");
        }
        double at = domain.clamp(x);
        int index = segmentOf(at);
        if (index < 0) {
            return Double.NaN;
        }
        Segment segment = segments.get(index);
        return model(segment, problem.equations(), new double[] {at}, 0).maxResidual(segment.parameters());
    }

    private TrialModel model(Segment segment, List<org.neuroform.compiler.Equation> equations, double[] points, int extraOrder) {
        NetworkBank bank = segment.layout().bank(problem.unknowns().size(), segment.lower(), segment.upper());
        return new TrialModel(equations, List.of(), segment.trial(), problem.orders(), points, bank, segment.scales(), extraOrder);
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
