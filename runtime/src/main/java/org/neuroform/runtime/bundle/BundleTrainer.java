package org.neuroform.runtime.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.RangedParam;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.train.Sensitivities;
import org.neuroform.runtime.train.Trainer;

/**
 * Trains a parametric solution: the problem solved (by its own trainer, the least-squares core by
 * default, marching and all) at the Chebyshev–Lobatto nodes of its ranged params, 5 per param,
 * then 9, 17, 33, … (or a tripling where the tail's rate foresees it is needed: {@link #nextCount})
 * — each count's nodes include the previous count's, so no solve is repeated —
 * until the interpolation error in the params, estimated from the last two Chebyshev coefficients
 * along every param at every point of a grid of the domain, is below a tenth of the accuracy aimed
 * at ({@code train accuracy}, relative to max(1, |u|)).
 *
 * <p>With one ranged param (and the least-squares core, no penalty conditions) each node also
 * carries its slope ∂u/∂p, exact for its discrete solution ({@link Sensitivities#derivatives}),
 * and the interpolant is Hermite's, of degree 2n − 1: 3, 5, 9, … nodes, about half as many as
 * values alone need (measured: decay 9 instead of 17, Lotka–Volterra 65 instead of 129). Its
 * error is estimated the same way, from the last two Chebyshev coefficients of the degree-(2n − 1)
 * interpolant. A node whose slope cannot be had makes the bundle Lagrange's from there on.
 *
 * <p>For an analytic dependence on the params the coefficients fall geometrically and the
 * interpolation error is about the size of the last ones (measured: Lotka–Volterra's estimate
 * 7e−8 relative went with an error of 4e−6 on values up to 60 — the same size, not a bound with room
 * to spare; hence the tenth). The estimate is a statement about interpolation only; the comparison
 * with the classical integrator at params between the nodes is {@link BundleVerifier}'s.
 */
public final class BundleTrainer {
    /** The first node count per param with values only, and the last, per number of ranged params (the grid has count^d nodes). */
    private static final int FIRST = 5;
    private static final int[] CAPS = {129, 33, 17};
    /** The first and the last node count with values and slopes (one ranged param). */
    private static final int HERMITE_FIRST = 3;
    private static final int HERMITE_CAP = 65;
    /** Points of the domain the tail of the coefficients is looked at. */
    private static final int CHECK_POINTS = 201;
    private static final boolean DEBUG = System.getenv("NEUROFORM_TRACE") != null;

    private final CompiledProblem problem;
    private final Function<Map<String, Double>, Optional<CompiledProblem>> compiler;
    /** The problem compiled at several values at once (one front-end call per count of nodes). */
    private final Function<List<Map<String, Double>>, List<Optional<CompiledProblem>>> compileEach;
    private final TrainingMonitor monitor;
    private final Map<String, TrainedSolution> trained = new HashMap<>();
    /** Per node (by key), ∂u/∂p as a solution, while the interpolation is Hermite's. */
    private final Map<String, TrainedSolution> slopes = new HashMap<>();
    /** Per node (by key), its slope's values at the check points of its whole domain (those of {@link #tail} when every node covers it). */
    private final Map<String, TrainedSolution.Samples> slopeSamples = new HashMap<>();
    /** Values and slopes at the nodes (Hermite), or values only. */
    private boolean hermite;
    /** Per node (by key), each unknown's values at {@link #checkPoints}: computed once, used at every count. */
    private final Map<String, double[][]> checkValues = new HashMap<>();
    private double[] checkPoints;
    private int threads = Runtime.getRuntime().availableProcessors();
    /**
     * Nodes train side by side only once the nodes trained so far took this long each, on average:
     * starting threads costs more than it saves on millisecond solves (measured: decay's 17 nodes
     * 20 % slower on two threads, Lotka–Volterra's 129 nodes of 0.1 s 1.8× faster).
     */
    double sideBySideSeconds = 0.02;
    private double nodeSeconds;
    private int nodesTrained;
    private final List<String> notes = new ArrayList<>();
    private int iterations;
    private double worstLoss;
    private int segments;
    private boolean converged = true;
    private boolean stopped;

    /**
     * @param problem the problem compiled at the middle of its ranges
     * @param compiler the problem compiled at given values of its ranged params
     */
    public BundleTrainer(CompiledProblem problem, Function<Map<String, Double>, Optional<CompiledProblem>> compiler,
            TrainingMonitor monitor) {
        if (!problem.isParametric()) {
            throw new IllegalArgumentException("no ranged param");
        }
        this.problem = problem;
        this.compiler = compiler;
        this.compileEach = values -> values.stream().map(compiler).toList();
        this.monitor = monitor;
    }

    /** For a problem compiled from its source: trains with the program parsed again and compiled at each node. */
    public BundleTrainer(CompiledProblem problem, TrainingMonitor monitor) {
        if (!problem.isParametric()) {
            throw new IllegalArgumentException("no ranged param");
        }
        org.neuroform.ast.Program program = org.neuroform.grammar.SourceParser.parse(problem.source()).program();
        this.problem = problem;
        this.compiler = values -> org.neuroform.compiler.frontend.Compiler.compileAt(program, values).problem();
        this.compileEach = values -> org.neuroform.compiler.frontend.Compiler.compileAtEach(program, values).stream()
                .map(org.neuroform.compiler.Compilation::problem).toList();
        this.monitor = monitor;
    }

    /** The problem's program (parsed again from its source) compiled at given values of its ranged params. */
    public static Function<Map<String, Double>, Optional<CompiledProblem>> compilerFor(CompiledProblem problem) {
        org.neuroform.ast.Program program = org.neuroform.grammar.SourceParser.parse(problem.source()).program();
        return values -> org.neuroform.compiler.frontend.Compiler.compileAt(program, values).problem();
    }

    /**
     * The number of nodes trained side by side at most (default: one per core; only when a node
     * takes 20 ms or more). The node solutions, and so the parametric solution, are the same for any
     * number: each node is its own seeded solve.
     */
    public BundleTrainer threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads " + count);
        }
        this.threads = count;
        return this;
    }

    public ParametricSolution train() {
        long start = System.nanoTime();
        List<RangedParam> params = problem.ranges().params();
        hermite = params.size() == 1 && problem.penalties().isEmpty()
                && problem.settings().optimizer() == org.neuroform.compiler.settings.OptimizerChoice.AUTO;
        // The tail estimates the interpolation error itself (not a bound with room to spare): a tenth of the accuracy.
        double target = 0.1 * problem.settings().accuracy();
        List<TrainedSolution> solutions = null;
        List<TrainedSolution> nodeSlopes = List.of();
        int count = 0; // the node count of the last complete grid
        double estimate = Double.NaN;
        int first = hermite ? HERMITE_FIRST : FIRST;
        int cap = hermite ? HERMITE_CAP : CAPS[params.size() - 1];
        int degree = 0; // of the interpolant at the last count, per param
        int previousDegree = 0;
        double previousEstimate = Double.NaN;
        for (int following = first;;) {
            Optional<List<TrainedSolution>> level = solveAll(params, following);
            if (level.isEmpty()) {
                break; // stopped: keep the last complete grid
            }
            count = following;
            solutions = level.get();
            List<String> keys = keys(count, params.size());
            if (hermite && !keys.stream().allMatch(slopes::containsKey)) {
                hermite = false; // a slope could not be had: values only, from here on with the cap for them
                slopes.clear();
                slopeSamples.clear();
                cap = CAPS[0];
                previousEstimate = Double.NaN; // a Hermite estimate says nothing of the values-only rate
                if (count < FIRST) {
                    following = FIRST; // fewer nodes than values alone start with (FIRST − 1 is a multiple of count − 1)
                    continue;
                }
            }
            nodeSlopes = hermite ? keys.stream().map(slopes::get).toList() : List.of();
            estimate = tail(params, count, solutions, nodeSlopes, keys);
            degree = (hermite ? 2 : 1) * count - 1;
            if (DEBUG) {
                System.err.printf(java.util.Locale.ROOT, "bundle: %d nodes per param, interpolation estimate %.3g, at %.3f s%n", count,
                        estimate, (System.nanoTime() - start) / 1e9);
            }
            if (estimate <= target) {
                break;
            }
            int next = count >= cap ? cap + 1 : nextCount(count, hermite ? 2 : 1, degree, estimate, previousDegree, previousEstimate, target, cap);
            if (next > cap) {
                notes.add("the interpolation in " + String.join(", ", problem.ranges().names()) + " reached "
                        + String.format(java.util.Locale.ROOT, "%.3g", estimate) + " with " + count + " nodes per param, above the"
                        + " accuracy aimed at (" + String.format(java.util.Locale.ROOT, "%.3g", target) + ")"
                        + (estimate <= target * 10 ? ", though within train accuracy" : "") + ": a narrower range helps");
                break;
            }
            following = next;
            previousDegree = degree;
            previousEstimate = estimate;
        }
        if (solutions == null) {
            throw new BundleException("stopped before the first " + (int) Math.pow(first, params.size())
                    + " node solutions were trained: there is nothing to interpolate yet");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean met = estimate <= target * 10; // the accuracy itself
        TrainingReport report = new TrainingReport(iterations, worstLoss, seconds, segments, 0, converged && met, stopped, notes);
        return new ParametricSolution(problem, count, solutions, nodeSlopes, new BundleReport(count, solutions.size(), estimate, report),
                compiler);
    }

    /**
     * The node count after {@code count}: one whose nodes include these ({@code (count − 1)q + 1} for
     * q = 2 or 3). The tail falls geometrically in the degree once the param dependence is resolved,
     * so the rate between the last two counts tells about where it will be: doubling (q = 2) unless
     * that is foreseen to miss the target by more than twice and tripling is foreseen to get there with
     * ten times to spare. (A doubling that falls short costs 4(n − 1) new nodes in all, tripling
     * 3(n − 1), a doubling that makes it 2(n − 1): doubling pays while it is about as likely to make it
     * as not, and the foreseen tails were off by 1.1–1.4× either way.) Measured, Lotka–Volterra with a
     * rate ±20 %: estimates 1.0e−2, 1.4e−4 at 9 and 17 Hermite nodes foresee 2.8e−8 at 33 — it was
     * 3.8e−8, above the 1e−8 aimed at — and 5e−12 at 49, so 49 nodes in all where doubling trained 65;
     * Van der Pol, μ ∈ [0.5, 1.5]: 13 nodes where doubling trained 17; a logistic rate r ∈ [0.5, 1.5]:
     * 1.0e−8 foreseen at 9, 8.9e−9 found, so it doubles. Without a rate (the first count, or a tail
     * that did not fall) it doubles.
     * It never triples past the last count tried ({@code cap}: a tensor grid of two params at 49 per
     * param would be 2401 solves); a doubling past it ends the search (with a note).
     *
     * @param factor 2 with slopes (degree 2n − 1), 1 with values alone (degree n − 1)
     */
    static int nextCount(int count, int factor, int degree, double estimate, int previousDegree, double previousEstimate, double target,
            int cap) {
        int doubled = 2 * (count - 1) + 1;
        if (!(previousEstimate > estimate && estimate > 0) || degree <= previousDegree) {
            return doubled;
        }
        double rate = Math.log(previousEstimate / estimate) / (degree - previousDegree); // per degree
        java.util.function.IntToDoubleFunction foreseen = n -> estimate * Math.exp(-rate * (factor * n - 1 - degree));
        if (foreseen.applyAsDouble(doubled) <= 2 * target) {
            return doubled;
        }
        int tripled = 3 * (count - 1) + 1;
        return tripled <= cap && foreseen.applyAsDouble(tripled) <= 0.1 * target ? tripled : doubled;
    }

    private static List<String> keys(int count, int dimensions) {
        int total = (int) Math.pow(count, dimensions);
        List<String> keys = new ArrayList<>(total);
        for (int index = 0; index < total; index++) {
            keys.add(key(index, count, dimensions));
        }
        return keys;
    }

    /**
     * The node solutions of one count; empty when training stopped. The nodes not solved at an
     * earlier count are solved side by side ({@link #threads}), each compiled at its values and
     * trained on its own; what they report is gathered in node order, so that notes and totals do
     * not depend on which finished first.
     */
    private Optional<List<TrainedSolution>> solveAll(List<RangedParam> params, int count) {
        List<ChebyshevNodes> grids = params.stream().map(p -> new ChebyshevNodes(p.lower(), p.upper(), count)).toList();
        int total = (int) Math.pow(count, params.size());
        List<Integer> missing = new ArrayList<>();
        for (int index = 0; index < total; index++) {
            if (!trained.containsKey(key(index, count, params.size()))) {
                missing.add(index);
            }
        }
        if (monitor.stopRequested()) {
            return stop();
        }
        List<Map<String, Double>> values = new ArrayList<>();
        for (int index : missing) {
            values.add(values(params, ParametricSolution.nodePoint(index, count, grids)));
        }
        // With slopes, each node's problem also at k ± h (what k changes in it), in the same front-end call.
        List<Map<String, Double>> all = new ArrayList<>(values);
        double[] steps = new double[values.size()];
        if (hermite) {
            String name = params.get(0).name();
            for (int i = 0; i < values.size(); i++) {
                double k = values.get(i).get(name);
                steps[i] = Sensitivities.ParamEffects.step(k);
                all.add(Map.of(name, k + steps[i]));
                all.add(Map.of(name, k - steps[i]));
            }
        }
        List<Optional<CompiledProblem>> compiled = compileEach.apply(all);
        List<CompiledProblem> problems = new ArrayList<>();
        List<Optional<Sensitivities.ParamEffects>> effects = new ArrayList<>();
        for (int i = 0; i < missing.size(); i++) {
            Map<String, Double> at = values.get(i);
            CompiledProblem node = compiled.get(i).orElseThrow(() -> new BundleException("the problem does not compile at " + describe(at)));
            problems.add(node);
            int around = values.size() + 2 * i;
            effects.add(hermite ? Sensitivities.ParamEffects.byDifferences(node, compiled.subList(around, around + 2),
                    new double[] {steps[i]}) : Optional.empty());
        }
        // Each node marches along a neighbour's segments (one solved at a coarser count): neighbouring
        // nodes then share most of their steps. Only earlier counts guide, so that the nodes do not
        // depend on how many train at once.
        List<TrainedSolution> neighbours = new ArrayList<>();
        for (int index : missing) {
            neighbours.add(neighbour(index, count, params.size()));
        }
        // One at a time until the nodes are known to be slow enough to pay for threads (the first count's first
        // node tells), then the rest side by side.
        int alone = 0;
        while (alone < missing.size() && workers(missing.size() - alone) <= 1) {
            if (monitor.stopRequested()) {
                return stop();
            }
            Node node = node(problems.get(alone), neighbours.get(alone), effects.get(alone), monitor);
            keep(missing.get(alone), count, values.get(alone), node);
            alone++;
        }
        if (alone < missing.size()) {
            int workers = workers(missing.size() - alone);
            // Side by side the progress lines of several solves would interleave: only a stop request goes through.
            TrainingMonitor quiet = new TrainingMonitor() {
                @Override
                public boolean stopRequested() {
                    return monitor.stopRequested();
                }
            };
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers, work -> {
                Thread thread = new Thread(work, "neuroform-bundle");
                thread.setDaemon(true);
                return thread;
            });
            List<java.util.concurrent.Future<Node>> futures = new ArrayList<>();
            for (int i = alone; i < problems.size(); i++) {
                CompiledProblem node = problems.get(i);
                TrainedSolution plan = neighbours.get(i);
                Optional<Sensitivities.ParamEffects> effect = effects.get(i);
                futures.add(pool.submit(() -> quiet.stopRequested() ? null : node(node, plan, effect, quiet)));
            }
            try {
                for (int i = alone; i < missing.size(); i++) {
                    Node node = futures.get(i - alone).get();
                    if (node != null) {
                        keep(missing.get(i), count, values.get(i), node);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stop();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        if (monitor.stopRequested()) {
            return stop(); // a solve cut short by the stop is not a node of the solution
        }
        List<TrainedSolution> out = new ArrayList<>(total);
        for (int index = 0; index < total; index++) {
            out.add(trained.get(key(index, count, params.size())));
        }
        return Optional.of(out);
    }

    /** How many nodes to train side by side out of {@code remaining}: one until the nodes so far took 20 ms or more each. */
    private int workers(int remaining) {
        boolean slow = nodesTrained > 0 && nodeSeconds / nodesTrained >= sideBySideSeconds;
        return slow ? Math.min(threads, remaining) : 1;
    }

    /**
     * A node's solution and, with slopes, ∂u/∂p (null when it could not be had) and its values at the
     * check points of the node's whole domain when it covers it (computed where the node trained, side
     * by side with the others; otherwise null).
     */
    private record Node(TrainedSolution solution, TrainedSolution slope, TrainedSolution.Samples slopeSamples) {}

    /** Trains one node (guided by {@code plan}) and, when {@code effects} are given, its slope. */
    private static Node node(CompiledProblem problem, TrainedSolution plan, Optional<Sensitivities.ParamEffects> effects,
            TrainingMonitor monitor) {
        Trainer trainer = new Trainer(problem, monitor).guidedBy(plan);
        if (effects.isEmpty()) {
            return new Node(trainer.train(), null, null);
        }
        // No slope (a singular segment): the bundle interpolates values only.
        Trainer.WithSlopes trained = trainer.trainWithSlopes(effects.get());
        TrainedSolution slope = trained.slopes().map(slopes -> slopes.get(0)).orElse(null);
        if (slope == null || !trained.solution().coversDomain()) {
            return new Node(trained.solution(), slope, null); // (the check points of a part are the tail's to choose)
        }
        double[] xs = Grid.uniform(problem.domain().lower(), problem.domain().upper(), CHECK_POINTS);
        return new Node(trained.solution(), slope, new TrainedSolution.Samples(xs, valuesAt(slope, problem.unknowns().size(), xs)));
    }

    private void keep(int index, int count, Map<String, Double> values, Node node) {
        account(values, node.solution());
        String key = key(index, count, problem.ranges().count());
        trained.put(key, node.solution());
        if (node.slope() != null) {
            slopes.put(key, node.slope());
            if (node.slopeSamples() != null) {
                slopeSamples.put(key, node.slopeSamples());
            }
        }
    }

    /** A node next to {@code index} (±1 along some param) already trained, or null. */
    private TrainedSolution neighbour(int index, int count, int dimensions) {
        int stride = 1;
        for (int m = 0; m < dimensions; m++, stride *= count) {
            int j = index / stride % count;
            for (int side : new int[] {-1, 1}) {
                if (j + side >= 0 && j + side < count) {
                    TrainedSolution solution = trained.get(key(index + side * stride, count, dimensions));
                    if (solution != null) {
                        return solution;
                    }
                }
            }
        }
        return null;
    }

    private Optional<List<TrainedSolution>> stop() {
        stopped = true;
        notes.add("stopped: the solution interpolates the last complete grid of nodes");
        return Optional.empty();
    }

    private static Map<String, Double> values(List<RangedParam> params, double[] p) {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (int m = 0; m < p.length; m++) {
            values.put(params.get(m).name(), p[m]);
        }
        return values;
    }

    /** The node as reduced fractions j/(n−1) per param: the same node at every count. */
    private static String key(int index, int count, int dimensions) {
        StringBuilder key = new StringBuilder();
        for (int m = 0; m < dimensions; m++) {
            int j = index % count;
            index /= count;
            int g = gcd(j, count - 1);
            key.append(j / g).append('/').append((count - 1) / g).append(';');
        }
        return key.toString();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? Math.max(a, 1) : gcd(b, a % b);
    }

    /** Adds a node's report to the bundle's: iterations, the worst loss, segments, the first failure's note. */
    private void account(Map<String, Double> values, TrainedSolution solution) {
        TrainingReport report = solution.report();
        nodeSeconds += report.seconds();
        nodesTrained++;
        iterations += report.iterations();
        worstLoss = Math.max(worstLoss, report.loss());
        segments = Math.max(segments, report.segments());
        if (!report.converged() || !solution.coversDomain()) {
            if (converged) {
                notes.add("at " + describe(values) + " training " + (report.converged() ? "covered only part of the domain"
                        : "did not converge") + (report.notes().isEmpty() ? "" : ": " + report.notes().get(0)));
            }
            converged = false;
        }
    }

    static String describe(Map<String, Double> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> out.append(out.length() == 0 ? "" : ", ").append(name).append(" = ").append(Printer.number(value)));
        return out.toString();
    }

    /**
     * The largest |c_{N−2}| + |c_{N−1}| along any param, over a grid of the domain and the unknowns,
     * relative to max(1, |u|) there: N = n for values alone, 2n with slopes (the Hermite
     * interpolant's coefficients, from its values at the 2n Chebyshev–Lobatto points of the range).
     */
    private double tail(List<RangedParam> params, int count, List<TrainedSolution> solutions, List<TrainedSolution> nodeSlopes,
            List<String> keys) {
        double lower = solutions.stream().mapToDouble(TrainedSolution::coveredLower).max().orElseThrow();
        double upper = solutions.stream().mapToDouble(TrainedSolution::coveredUpper).min().orElseThrow();
        if (!(lower < upper)) {
            return Double.NaN;
        }
        double[] xs = Grid.uniform(lower, upper, CHECK_POINTS);
        if (checkPoints == null || !java.util.Arrays.equals(xs, checkPoints)) {
            checkValues.clear(); // the nodes' common part of the domain changed (a node stopped short)
            checkPoints = xs;
        }
        int unknowns = problem.unknowns().size();
        double[][][] atNodes = new double[solutions.size()][][];
        double[][][] slopesAtNodes = new double[nodeSlopes.size()][][];
        for (int i = 0; i < solutions.size(); i++) {
            TrainedSolution solution = solutions.get(i);
            atNodes[i] = checkValues.computeIfAbsent(keys.get(i), key -> {
                // the values training compared with the classical integrator, when on these points
                Optional<TrainedSolution.Samples> samples = solution.samples().filter(s -> java.util.Arrays.equals(s.x(), xs));
                return samples.isPresent() ? samples.get().values() : valuesAt(solution, unknowns, xs);
            });
            if (!nodeSlopes.isEmpty()) {
                TrainedSolution slope = nodeSlopes.get(i);
                TrainedSolution.Samples early = slopeSamples.get(keys.get(i)); // computed where the node trained
                slopesAtNodes[i] = checkValues.computeIfAbsent("slope " + keys.get(i),
                        key -> early != null && Arrays.equals(early.x(), xs) ? early.values() : valuesAt(slope, unknowns, xs));
            }
        }
        int dimensions = params.size();
        int n = nodeSlopes.isEmpty() ? count : 2 * count;
        double[][] lastTwo = ChebyshevNodes.lastTwoRows(n);
        // With slopes: the last two coefficients of the Hermite interpolant (its values at the 2n points from the node
        // values and slopes, then their coefficients) as rows over the node values and slopes at once.
        double[][] hermite = null;
        if (!nodeSlopes.isEmpty()) {
            ChebyshevNodes nodes = new ChebyshevNodes(params.get(0).lower(), params.get(0).upper(), count);
            ChebyshevNodes fine = new ChebyshevNodes(params.get(0).lower(), params.get(0).upper(), n);
            hermite = new double[2][2 * count];
            for (int j = 0; j < n; j++) {
                double[] weights = nodes.hermiteWeights(fine.node(j));
                for (int r = 0; r < 2; r++) {
                    for (int i = 0; i < weights.length; i++) {
                        hermite[r][i] += lastTwo[r][j] * weights[i];
                    }
                }
            }
        }
        double worst = 0;
        for (int u = 0; u < unknowns; u++) {
            for (int k = 0; k < xs.length; k++) {
                double[] f = new double[solutions.size()];
                double scale = 1;
                for (int i = 0; i < f.length; i++) {
                    f[i] = atNodes[i][u][k];
                    scale = Math.max(scale, Math.abs(f[i]));
                }
                if (hermite != null) {
                    double[] c = new double[2];
                    for (int r = 0; r < 2; r++) {
                        for (int i = 0; i < count; i++) {
                            c[r] += hermite[r][i] * f[i] + hermite[r][count + i] * slopesAtNodes[i][u][k];
                        }
                    }
                    double t = (Math.abs(c[0]) + Math.abs(c[1])) / scale;
                    if (Double.isNaN(t)) {
                        return Double.NaN;
                    }
                    worst = Math.max(worst, t);
                    continue;
                }
                for (int m = 0; m < dimensions; m++) {
                    double t = fiberTail(f, count, dimensions, m, lastTwo) / scale;
                    if (Double.isNaN(t)) {
                        return Double.NaN;
                    }
                    worst = Math.max(worst, t);
                }
            }
        }
        return worst;
    }

    private static double[][] valuesAt(TrainedSolution solution, int unknowns, double[] xs) {
        double[][] v = new double[unknowns][];
        for (int u = 0; u < unknowns; u++) {
            v[u] = solution.values(u, 0, xs);
        }
        return v;
    }

    /** The largest tail along dimension m over every fibre of the grid. */
    private static double fiberTail(double[] f, int n, int dimensions, int m, double[][] lastTwo) {
        int stride = (int) Math.pow(n, dimensions - 1 - m);
        int fibres = f.length / n;
        double worst = 0;
        for (int fibre = 0; fibre < fibres; fibre++) {
            int low = fibre % stride;
            int high = fibre / stride;
            int base = high * stride * n + low;
            double last = 0;
            double before = 0;
            for (int j = 0; j < n; j++) {
                before += lastTwo[0][j] * f[base + j * stride];
                last += lastTwo[1][j] * f[base + j * stride];
            }
            double t = Math.abs(last) + Math.abs(before);
            if (Double.isNaN(t)) {
                return Double.NaN;
            }
            worst = Math.max(worst, t);
        }
        return worst;
    }

    /** The problem cannot be solved over its range (it does not compile at a node). */
    public static final class BundleException extends RuntimeException {
        public BundleException(String message) {
            super(message);
        }
    }
}
