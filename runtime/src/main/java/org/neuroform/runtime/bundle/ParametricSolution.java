package org.neuroform.runtime.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.ParamRanges;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.RangedParam;
import org.neuroform.compiler.sym.Derivative;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Variable;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * A solution {@code u(x; p)} for every value p of the ranged params: the problem's solutions at
 * the nodes of a Chebyshev–Lobatto tensor grid over the ranges, and the interpolating polynomial
 * in p between them (barycentric form, {@link ChebyshevNodes}). A value at a new p costs one
 * evaluation of each node solution at x (cached per point) and a contraction over the grid: no
 * training. {@code ∂u/∂p_m} is the derivative of the same polynomial.
 *
 * <p>With one ranged param the nodes may carry their slopes {@code ∂u/∂p} too (exact for the
 * discrete solution: {@link org.neuroform.runtime.train.Sensitivities#derivatives}), and the
 * interpolant is then Hermite's, of degree 2n − 1 through values and slopes: about half the nodes
 * for the same accuracy ({@link ChebyshevNodes#hermiteWeights}).
 *
 * <p>Every node solution satisfies the conditions of the problem at its own p exactly; the
 * interpolant satisfies them for every p exactly when the condition values are polynomials of
 * degree below the node count in p (a value such as {@code y(0) = y0}: linear), and to the
 * interpolation accuracy otherwise.
 */
public final class ParametricSolution {
    private static final int CACHE = 4096;

    private final CompiledProblem problem;
    private final List<ChebyshevNodes> grids;
    private final List<TrainedSolution> nodes;
    /** Per node, ∂u/∂p as a solution (Hermite interpolation), or empty (Lagrange). */
    private final List<TrainedSolution> slopes;
    /** What the interpolant's weights apply to, in their order: the node solutions, then (Hermite) their slopes. */
    private final List<TrainedSolution> interpolated;
    private final BundleReport report;
    private final Function<Map<String, Double>, Optional<CompiledProblem>> compiler;
    private final Map<PointValue, double[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PointValue, double[]> eldest) {
            return size() > CACHE;
        }
    };

    /**
     * @param problem the problem compiled at the middle of the ranges (names, domain, settings)
     * @param nodesPerParam the node count n along every ranged param
     * @param nodes the n^d node solutions, the last param varying fastest
     * @param compiler the problem compiled at given values of the ranged params (for references and residuals)
     */
    public ParametricSolution(CompiledProblem problem, int nodesPerParam, List<TrainedSolution> nodes, BundleReport report,
            Function<Map<String, Double>, Optional<CompiledProblem>> compiler) {
        this(problem, nodesPerParam, nodes, List.of(), report, compiler);
    }

    /**
     * @param slopes per node, {@code ∂u/∂p} at its param value as a solution (one ranged param
     *     only): the interpolant is Hermite's; empty for Lagrange's
     */
    public ParametricSolution(CompiledProblem problem, int nodesPerParam, List<TrainedSolution> nodes, List<TrainedSolution> slopes,
            BundleReport report, Function<Map<String, Double>, Optional<CompiledProblem>> compiler) {
        this.problem = problem;
        List<ChebyshevNodes> grids = new ArrayList<>();
        for (RangedParam param : problem.ranges().params()) {
            grids.add(new ChebyshevNodes(param.lower(), param.upper(), nodesPerParam));
        }
        this.grids = List.copyOf(grids);
        if (nodes.size() != (int) Math.pow(nodesPerParam, grids.size())) {
            throw new IllegalArgumentException(nodes.size() + " node solutions for " + nodesPerParam + "^" + grids.size());
        }
        this.nodes = List.copyOf(nodes);
        if (!slopes.isEmpty() && (grids.size() != 1 || slopes.size() != nodes.size())) {
            throw new IllegalArgumentException(slopes.size() + " slopes for " + nodes.size() + " nodes of " + grids.size() + " params");
        }
        this.slopes = List.copyOf(slopes);
        List<TrainedSolution> all = new ArrayList<>(nodes);
        all.addAll(slopes);
        this.interpolated = List.copyOf(all);
        this.report = report;
        this.compiler = compiler;
    }

    public CompiledProblem problem() {
        return problem;
    }

    public ParamRanges ranges() {
        return problem.ranges();
    }

    public BundleReport report() {
        return report;
    }

    public int nodesPerParam() {
        return grids.get(0).count();
    }

    public List<TrainedSolution> nodes() {
        return nodes;
    }

    /** Per node, ∂u/∂p as a solution; empty when the interpolation is Lagrange's (values only). */
    public List<TrainedSolution> slopes() {
        return slopes;
    }

    /** Whether the interpolant is Hermite's (values and slopes at the nodes). */
    public boolean isHermite() {
        return !slopes.isEmpty();
    }

    /** The values of the ranged params at node {@code index} (the last param varying fastest). */
    public double[] nodePoint(int index) {
        return nodePoint(index, nodesPerParam(), grids);
    }

    static double[] nodePoint(int index, int n, List<ChebyshevNodes> grids) {
        double[] p = new double[grids.size()];
        for (int m = grids.size() - 1; m >= 0; m--) {
            p[m] = grids.get(m).node(index % n);
            index /= n;
        }
        return p;
    }

    /** The params' values as an array, in the problem's order; every ranged param must be named. */
    public double[] point(Map<String, Double> values) {
        List<RangedParam> params = problem.ranges().params();
        double[] p = new double[params.size()];
        for (int m = 0; m < p.length; m++) {
            Double v = values.get(params.get(m).name());
            if (v == null) {
                throw new IllegalArgumentException("no value for " + params.get(m).name());
            }
            p[m] = v;
        }
        return p;
    }

    public Map<String, Double> named(double[] p) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int m = 0; m < p.length; m++) {
            out.put(problem.ranges().params().get(m).name(), p[m]);
        }
        return out;
    }

    /** The problem compiled at p (empty when it does not compile there). */
    public Optional<CompiledProblem> problemAt(double[] p) {
        return compiler.apply(named(p));
    }

    /** The function that compiles the problem at given values of the ranged params. */
    public Function<Map<String, Double>, Optional<CompiledProblem>> compiler() {
        return compiler;
    }

    /** Whether every node solution covers x (training may stop early at some). */
    public boolean covers(double x) {
        return nodes.stream().allMatch(node -> node.covers(x));
    }

    public double coveredLower() {
        return nodes.stream().mapToDouble(TrainedSolution::coveredLower).max().orElseThrow();
    }

    public double coveredUpper() {
        return nodes.stream().mapToDouble(TrainedSolution::coveredUpper).min().orElseThrow();
    }

    public boolean coversDomain() {
        return nodes.stream().allMatch(TrainedSolution::coversDomain);
    }

    /** {@code u^(order)(x; p)}. */
    public double value(int unknown, int order, double x, double[] p) {
        return contract(nodeValues(unknown, order, x), weights(p, -1));
    }

    /** {@code ∂u^(order)(x; p)/∂p_m}. */
    public double sensitivity(int unknown, int order, double x, double[] p, int m) {
        return contract(nodeValues(unknown, order, x), weights(p, m));
    }

    /** {@code u^(order)} at several points, at one p: one pass of each node solution over the points. */
    public double[] values(int unknown, int order, double[] xs, double[] p) {
        double[][] weights = weights(p, -1);
        List<TrainedSolution> all = interpolated;
        double[][] atNodes = new double[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            atNodes[i] = all.get(i).values(unknown, order, xs);
        }
        double[] out = new double[xs.length];
        double[] f = new double[all.size()];
        for (int k = 0; k < xs.length; k++) {
            for (int i = 0; i < f.length; i++) {
                f[i] = atNodes[i][k];
            }
            out[k] = contract(f, weights);
        }
        return out;
    }

    /** The node solutions' values of {@code u^(order)(x)}, kept for the next query at the same point. */
    private double[] nodeValues(int unknown, int order, double x) {
        PointValue key = new PointValue(unknown, order, x);
        synchronized (cache) {
            double[] known = cache.get(key);
            if (known != null) {
                return known;
            }
        }
        List<TrainedSolution> all = interpolated;
        double[] f = new double[all.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = all.get(i).value(unknown, order, x);
        }
        synchronized (cache) {
            cache.put(key, f);
        }
        return f;
    }

    /** Per param, the cardinal functions at p (their derivatives for param {@code by}). */
    private double[][] weights(double[] p, int by) {
        if (!slopes.isEmpty()) {
            ChebyshevNodes grid = grids.get(0);
            return new double[][] {by == 0 ? grid.hermiteDerivativeWeights(p[0]) : grid.hermiteWeights(p[0])};
        }
        double[][] w = new double[grids.size()][];
        for (int m = 0; m < w.length; m++) {
            w[m] = m == by ? grids.get(m).derivativeWeights(p[m]) : grids.get(m).weights(p[m]);
        }
        return w;
    }

    /** {@code Σ_{i_1 … i_d} w_1[i_1] ⋯ w_d[i_d] f[i_1 … i_d]}, the last index fastest. */
    static double contract(double[] f, double[][] weights) {
        double[] current = f;
        for (int m = weights.length - 1; m >= 0; m--) {
            double[] w = weights[m];
            int n = w.length;
            double[] next = new double[current.length / n];
            for (int outer = 0; outer < next.length; outer++) {
                double sum = 0;
                int base = outer * n;
                for (int j = 0; j < n; j++) {
                    sum += w[j] * current[base + j];
                }
                next[outer] = sum;
            }
            current = next;
        }
        return current[0];
    }

    /** A query's value at its params' values; for {@code d(E, k)} the derivative of E's interpolant in k. */
    public double evaluate(Query query) {
        double[] p = point(query.at());
        if (!query.isSensitivity()) {
            return evaluate(query.expression(), p);
        }
        return derivative(query.expression(), p, problem.ranges().names().indexOf(query.respectTo()));
    }

    /** An expression of point values at p. */
    public double evaluate(Expr expression, double[] p) {
        return Evaluator.evaluate(expression, leaf -> {
            if (leaf instanceof PointValue) {
                PointValue v = (PointValue) leaf;
                return value(v.unknown(), v.order(), v.point(), p);
            }
            throw new IllegalArgumentException("a query cannot depend on " + leaf);
        });
    }

    /**
     * {@code ∂E/∂p_m} at p. Lagrange: E evaluated along the nodes of param m (the others at p)
     * and the derivative of that interpolant, which for E linear in the point values is the chain
     * rule exactly and otherwise agrees with it to the interpolation accuracy. Hermite: the chain
     * rule, {@code Σ_v ∂E/∂v · ∂v/∂p} over E's point values v.
     */
    public double derivative(Expr expression, double[] p, int m) {
        if (!slopes.isEmpty()) {
            double sum = 0;
            for (PointValue v : org.neuroform.compiler.sym.BatchProgram.compile(List.of(expression)).points()) {
                double partial = evaluate(org.neuroform.compiler.sym.Sym.partial(expression, v), p);
                sum += partial == 0 ? 0 : partial * sensitivity(v.unknown(), v.order(), v.point(), p, m);
            }
            return sum;
        }
        ChebyshevNodes grid = grids.get(m);
        double[] along = new double[grid.count()];
        double[] q = p.clone();
        for (int j = 0; j < along.length; j++) {
            q[m] = grid.node(j);
            along[j] = evaluate(expression, q);
        }
        double[] w = grid.derivativeWeights(p[m]);
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            sum += w[j] * along[j];
        }
        return sum;
    }

    /**
     * The largest equation residual at x for the problem compiled at p, with the interpolated
     * derivatives: what the interpolation (not only the node solves) leaves in the equations.
     */
    public double residualAt(CompiledProblem atP, double x, double[] p) {
        double worst = 0;
        for (org.neuroform.compiler.Equation equation : atP.equations()) {
            double r = Evaluator.evaluate(equation.residual(), leaf -> {
                if (leaf instanceof Variable) {
                    return x;
                }
                if (leaf instanceof Derivative) {
                    Derivative d = (Derivative) leaf;
                    return value(d.unknown(), d.order(), x, p);
                }
                throw new IllegalArgumentException("a residual cannot depend on " + leaf);
            });
            if (Double.isNaN(r)) {
                return Double.NaN;
            }
            worst = Math.max(worst, Math.abs(r));
        }
        return worst;
    }
}
