package org.neuroform.runtime.bundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.RangedParam;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.reference.ShootingReference;
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.verify.LargestDeviation;
import org.neuroform.runtime.verify.QueryAccuracy;

/**
 * A parametric solution against the classical integrator, at values of the params between the
 * nodes: 21 per param for one ranged param (11 × 11 for two, 5 × 5 × 5 for three — at least 20 in
 * every case), each on 1001 points of the domain, with the problem compiled at that value and
 * integrated by DormandPrince853 (from the initial point, or by shooting for boundary values).
 * Every query is also checked at its own values: its residual there (the equations compiled at
 * those values, with the interpolated derivatives) and its deviation from that value's reference;
 * a derivative by a param {@code d(E, k)} against Richardson's extrapolation of two central
 * differences of references (one-sided at an end of the range).
 */
public final class BundleVerifier {
    public static final int POINTS = 1001;

    private final ParametricSolution bundle;
    private final Map<List<Double>, Reference> references = new HashMap<>();

    public BundleVerifier(ParametricSolution bundle) {
        this.bundle = bundle;
    }

    public ParametricSolution bundle() {
        return bundle;
    }

    /** The reference at p, or why there is none. */
    record Reference(Optional<CompiledProblem> problem, Optional<ClassicalReference> solution, String description, String unavailable) {}

    Reference reference(double[] p) {
        List<Double> key = java.util.Arrays.stream(p).boxed().toList();
        return references.computeIfAbsent(key, k -> build(p));
    }

    private Reference build(double[] p) {
        Optional<CompiledProblem> problem = bundle.problemAt(p);
        if (problem.isEmpty()) {
            return new Reference(problem, Optional.empty(), "", "the problem does not compile at " + BundleTrainer.describe(bundle.named(p)));
        }
        CompiledProblem at = problem.get();
        try {
            if (at.initialPoint().isPresent()) {
                Optional<ClassicalReference> found = ClassicalReference.of(at);
                return new Reference(problem, found, found.map(ClassicalReference::description).orElse(""),
                        found.isPresent() ? "" : "the equations cannot be integrated as an initial value problem");
            }
            Optional<ClassicalReference> found = ShootingReference.of(at, leftState(at, p));
            return new Reference(problem, found, found.map(r -> "shooting with " + r.description()).orElse(""),
                    found.isPresent() ? "" : "no classical method here for these conditions (residual only)");
        } catch (ClassicalReference.ReferenceException e) {
            return new Reference(problem, Optional.empty(), "", e.getMessage());
        } catch (ArithmeticException | IllegalArgumentException e) {
            return new Reference(problem, Optional.empty(), "", "the classical integrator failed: " + e.getMessage());
        }
    }

    private double[] leftState(CompiledProblem problem, double[] p) {
        List<Double> state = new ArrayList<>();
        double x = problem.domain().lower();
        for (int u = 0; u < problem.unknowns().size(); u++) {
            for (int k = 0; k < problem.unknowns().get(u).order(); k++) {
                state.add(bundle.value(u, k, x, p));
            }
        }
        return state.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The values of the params verified at: a uniform grid over the ranges, ends included. */
    public List<double[]> values() {
        List<RangedParam> params = bundle.ranges().params();
        int per = params.size() == 1 ? 21 : params.size() == 2 ? 11 : 5;
        int total = (int) Math.pow(per, params.size());
        List<double[]> out = new ArrayList<>();
        for (int index = 0; index < total; index++) {
            double[] p = new double[params.size()];
            int rest = index;
            for (int m = params.size() - 1; m >= 0; m--) {
                p[m] = Grid.uniform(params.get(m).lower(), params.get(m).upper(), per)[rest % per];
                rest /= per;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * One value of the params: the largest deviation over unknowns and points, where, the largest scaled one
     * ({@code |u − ref| / max(1, |ref|)}, see {@link LargestDeviation#scaled}), and the largest residual.
     */
    public record AtValue(Map<String, Double> values, double maxDeviation, String unknown, double at, double maxScaledDeviation,
            double maxResidual) {}

    /**
     * @param reference the classical method (empty when there is none at some value)
     * @param unavailable why there is none
     */
    public record Verification(String reference, String unavailable, double maxDeviation, double maxScaledDeviation,
            double maxResidual, int points, List<AtValue> values) {
        public Verification {
            values = List.copyOf(values);
        }

        public boolean hasReference() {
            return !reference.isEmpty();
        }

        /** As {@link org.neuroform.runtime.verify.Verification#passes}: the scaled deviation, NaN never passes. */
        public boolean passes(double tolerance) {
            return hasReference() && maxScaledDeviation <= tolerance;
        }

        /** The value of the params where the deviation is largest. */
        public Optional<AtValue> worst() {
            return values.stream().filter(v -> !Double.isNaN(v.maxDeviation()))
                    .max(java.util.Comparator.comparingDouble(AtValue::maxDeviation));
        }
    }

    public Verification verify() {
        CompiledProblem problem = bundle.problem();
        double[] x = Grid.uniform(bundle.coveredLower(), bundle.coveredUpper(), POINTS);
        double[] residualPoints = Grid.uniform(bundle.coveredLower(), bundle.coveredUpper(), 101);
        List<AtValue> results = new ArrayList<>();
        double worst = 0;
        double worstScaled = 0;
        double worstResidual = 0;
        String description = "";
        String unavailable = "";
        for (double[] p : values()) {
            Reference reference = reference(p);
            double deviation = reference.solution().isPresent() ? 0 : Double.NaN;
            double scaled = deviation;
            String where = "";
            double at = Double.NaN;
            if (reference.solution().isPresent()) {
                description = reference.description();
                for (int u = 0; u < problem.unknowns().size(); u++) {
                    double[] values = bundle.values(u, 0, x, p);
                    double[] expected = new double[POINTS];
                    for (int i = 0; i < POINTS; i++) {
                        expected[i] = reference.solution().get().value(u, 0, x[i]);
                    }
                    LargestDeviation largest = LargestDeviation.of(values, expected);
                    scaled = LargestDeviation.worse(scaled, LargestDeviation.scaled(values, expected).value());
                    boolean worse = where.isEmpty() || (Double.isNaN(largest.value()) && !Double.isNaN(deviation))
                            || largest.value() > deviation;
                    if (worse) {
                        deviation = largest.value();
                        where = problem.unknowns().get(u).name();
                        at = x[Math.max(0, Math.min(POINTS - 1, largest.index()))];
                    }
                }
            } else if (unavailable.isEmpty()) {
                unavailable = reference.unavailable();
            }
            double residual = 0;
            if (reference.problem().isPresent()) {
                for (double point : residualPoints) {
                    residual = LargestDeviation.worse(residual, bundle.residualAt(reference.problem().get(), point, p));
                }
            } else {
                residual = Double.NaN;
            }
            results.add(new AtValue(bundle.named(p), deviation, where, at, scaled, residual));
            worst = LargestDeviation.worse(worst, deviation);
            worstScaled = LargestDeviation.worse(worstScaled, scaled);
            worstResidual = LargestDeviation.worse(worstResidual, residual);
        }
        if (!unavailable.isEmpty()) {
            description = ""; // a reference at some values only is no verification of the whole
            worst = Double.NaN;
            worstScaled = Double.NaN;
        }
        return new Verification(description, unavailable, worst, worstScaled, worstResidual, POINTS, results);
    }

    /** The reference's description at the middle of the ranges (what the answers are compared with), or empty. */
    public String description() {
        return reference(middle()).description();
    }

    public String unavailable() {
        return reference(middle()).unavailable();
    }

    private double[] middle() {
        return bundle.ranges().params().stream().mapToDouble(RangedParam::middle).toArray();
    }

    /** A query's accuracy at its own values of the params. */
    public QueryAccuracy accuracy(Query query) {
        double[] p = bundle.point(query.at());
        Expr expression = query.expression();
        Set<Expr> terms = Sym.unknownTerms(expression);
        Reference reference = reference(p);
        double residual = 0;
        if (reference.problem().isPresent() && !query.isSensitivity()) {
            for (Expr term : terms) {
                residual = LargestDeviation.worse(residual, bundle.residualAt(reference.problem().get(), ((PointValue) term).point(), p));
            }
        } else {
            residual = Double.NaN;
        }
        int[] orders = bundle.problem().orders();
        boolean covered = terms.stream().allMatch(t -> ((PointValue) t).order() <= orders[((PointValue) t).unknown()]);
        double deviation = Double.NaN;
        if (covered && !terms.isEmpty()) {
            if (!query.isSensitivity()) {
                if (reference.solution().isPresent()) {
                    deviation = Math.abs(bundle.evaluate(query) - classical(expression, reference.solution().get()));
                }
            } else {
                int m = bundle.ranges().names().indexOf(query.respectTo());
                RangedParam param = bundle.ranges().params().get(m);
                double h = 1e-4 * (param.upper() - param.lower());
                double wide = difference(expression, p, m, h);
                // Inside the range, Richardson's extrapolation of two central differences: O(h⁴), not
                // O(h²) (an oscillator's y(30) by its frequency: 2e-4 off with one difference, 1e-9 with two).
                boolean inside = p[m] - h >= param.lower() && p[m] + h <= param.upper();
                double estimate = inside ? (4 * difference(expression, p, m, h / 2) - wide) / 3 : wide;
                if (Double.isFinite(estimate)) {
                    deviation = Math.abs(bundle.evaluate(query) - estimate);
                }
            }
        }
        return new QueryAccuracy(terms.isEmpty() ? Double.NaN : residual, deviation);
    }

    /** (E(p + h e_m) − E(p − h e_m)) / (2h) from references, one-sided at an end of the range; NaN when one is missing. */
    private double difference(Expr expression, double[] p, int m, double h) {
        RangedParam param = bundle.ranges().params().get(m);
        double[] up = p.clone();
        double[] down = p.clone();
        up[m] = Math.min(param.upper(), p[m] + h);
        down[m] = Math.max(param.lower(), p[m] - h);
        Reference above = reference(up);
        Reference below = reference(down);
        if (above.solution().isEmpty() || below.solution().isEmpty()) {
            return Double.NaN;
        }
        return (classical(expression, above.solution().get()) - classical(expression, below.solution().get())) / (up[m] - down[m]);
    }

    private static double classical(Expr expression, ClassicalReference reference) {
        return Evaluator.evaluate(expression, leaf -> {
            PointValue v = (PointValue) leaf;
            return reference.value(v.unknown(), v.order(), v.point());
        });
    }
}
