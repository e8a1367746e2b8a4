package org.neuroform.runtime.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.EstimatedParam;
import org.neuroform.runtime.bundle.ParametricSolution;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.train.Sensitivities;
import org.neuroform.runtime.train.Trainer;

/**
 * Estimates params from observations: weighted least squares
 * {@code min Σ ((u(t_i; p) − d_i)/σ_i)²} over the params, each u an exact solution of the
 * equations by the least-squares core (trained afresh at every trial p, to its usual accuracy),
 * by Levenberg–Marquardt with the Jacobian {@code ∂u(t_i)/∂p} from {@link Sensitivities} — exact
 * for the discrete solution, at the cost of one more QR solve per segment. Bounds are kept by
 * clipping steps. Several starts inside the bounds (the default start first, then seeded
 * random ones): the best fit is kept, and fits as good elsewhere are reported (multimodality).
 * {@link FitStatistics} then says how well the data determine the params.
 */
public final class Estimator {
    /** Levenberg–Marquardt evaluations per start at most. */
    static final int MAX_EVALUATIONS = 60;

    private static final boolean TRACE = System.getenv("NEUROFORM_TRACE") != null;

    private final ParamProblem problem;
    private final Observations data;
    private final TrainingMonitor monitor;
    private final double[] weights; // σ_i, or 1 when the data give none
    private final java.util.concurrent.atomic.AtomicInteger evaluations = new java.util.concurrent.atomic.AtomicInteger();
    private final ParametricSolution surrogate; // null: every evaluation a solve

    public Estimator(ParamProblem problem, Observations data, TrainingMonitor monitor) {
        this(problem, data, monitor, null);
    }

    /**
     * An estimator that evaluates the model on {@code surrogate}, a parametric solution over
     * exactly the estimated params (in the same order, over their bounds), instead of solving at
     * each p: the values and {@code ∂u/∂p} are the bundle's interpolants', no solve is made,
     * and its points carry no solution. Null: every evaluation is a solve.
     */
    Estimator(ParamProblem problem, Observations data, TrainingMonitor monitor, ParametricSolution surrogate) {
        this.problem = problem;
        this.data = data;
        this.monitor = monitor;
        this.surrogate = surrogate;
        weights = new double[data.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Double.isFinite(data.sigma()[i]) ? data.sigma()[i] : 1;
        }
    }

    /** The fit at one p: the compiled problem, its solution, weighted residuals r_i and (when asked) J. */
    record Point(double[] p, CompiledProblem compiled, TrainedSolution solution, double[] residuals, double cost, double[][] jacobian) {}

    /** A start's end: where it got, whether it converged, how many evaluations it took. */
    record Run(double[] start, Point end, boolean converged, int evaluations) {}

    int evaluations() {
        return evaluations.get();
    }

    /** True when evaluations are interpolations of a parametric solution, not solves. */
    boolean interpolates() {
        return surrogate != null;
    }

    /** Counts evaluations made elsewhere (a coarser search) as this estimator's. */
    void add(int more) {
        evaluations.addAndGet(more);
    }

    double[] weights() {
        return weights.clone();
    }

    Observations data() {
        return data;
    }

    ParamProblem problem() {
        return problem;
    }

    /** The starts: the params' default starts, then {@code starts − 1} seeded random ones inside the bounds. */
    double[][] starts(double[] first, int starts, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[starts][];
        out[0] = first.clone();
        for (int s = 1; s < starts; s++) {
            double[] p = new double[problem.count()];
            for (int j = 0; j < p.length; j++) {
                p[j] = spread(j, first[j], random.nextDouble());
            }
            out[s] = p;
        }
        return out;
    }

    /** The point a share u in [0, 1] of the way across param j's range (log-spaced over decades; about {@code first} when unbounded). */
    private double spread(int j, double first, double u) {
        EstimatedParam param = problem.params().get(j);
        if (param.bounded()) {
            double lo = param.lower();
            double hi = param.upper();
            // keep off the bounds themselves, where a model may be degenerate (a rate of 0)
            double margin = 0.02;
            u = margin + (1 - 2 * margin) * u;
            return lo > 0 && hi / lo > 100 ? Math.exp(Math.log(lo) + u * Math.log(hi / lo)) : lo + u * (hi - lo);
        }
        double centre = first == 0 ? 1 : first;
        return clip(param, centre * Math.pow(10, 2 * u - 1));
    }

    /** Grid points of the scan of one param's range. */
    static final int SCAN_ONE = 40;
    /** Grid points per param of the scan of two params' ranges. */
    static final int SCAN_TWO = 9;

    /**
     * The starts of a fit of one or two params: the default start, then the best {@code starts − 1}
     * local minima of the misfit on a grid over the ranges ({@link #SCAN_ONE} points, or
     * {@link #SCAN_TWO}² for two params; log-spaced where a range spans more than two decades),
     * seeded random ones where the grid has fewer. An oscillation's misfit has a local minimum
     * every few hundredths of its frequency's range: random starts land in the wrong one (w = 4.32
     * for cos 3t), a grid does not miss the deep one. An initial value problem's grid is evaluated
     * on the first quarter of the observation times, whose misfit is smoother (the starts'
     * continuation in the horizon then takes them to all the data). More params: {@link #starts}.
     */
    double[][] scanned(double[] first, int starts, long seed) {
        int count = problem.count();
        if (count > 2 || starts < 2) {
            return starts(first, starts, seed);
        }
        int per = count == 1 ? SCAN_ONE : SCAN_TWO;
        int size = count == 1 ? per : per * per;
        double[][] grid = new double[size][count];
        for (int k = 0; k < size; k++) {
            int[] index = count == 1 ? new int[] {k} : new int[] {k / per, k % per};
            for (int j = 0; j < count; j++) {
                grid[k][j] = spread(j, first[j], (index[j] + 0.5) / per);
            }
        }
        double[] sorted = data.time().clone();
        Arrays.sort(sorted);
        double upper = sorted[Math.max(0, (int) Math.ceil(0.25 * sorted.length) - 1)];
        Observations early = data.upTo(upper);
        boolean shorter = early.size() > count && early.size() < data.size();
        TrainingMonitor quiet = new TrainingMonitor() {
            @Override
            public boolean stopRequested() {
                return monitor.stopRequested();
            }
        };
        Estimator scanner = new Estimator(shorter ? problem.upTo(upper) : problem, shorter ? early : data, quiet, surrogate);
        double[] cost = new double[size];
        int threads = Math.max(1, Math.min(size, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "neuroform-scan");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                int at = k;
                futures.add(pool.submit(() -> {
                    cost[at] = monitor.stopRequested() ? Double.POSITIVE_INFINITY
                            : scanner.evaluate(grid[at], false).map(Point::cost).orElse(Double.POSITIVE_INFINITY);
                }));
            }
            for (java.util.concurrent.Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        evaluations.addAndGet(scanner.evaluations());
        List<Integer> minima = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            if (Double.isFinite(cost[k]) && localMinimum(cost, k, count, per) && !Arrays.equals(grid[k], first)) {
                minima.add(k);
            }
        }
        minima.sort(Comparator.comparingDouble(k -> cost[k]));
        double[][] random = starts(first, starts, seed);
        double[][] out = new double[starts][];
        out[0] = first.clone();
        for (int s = 1; s < starts; s++) {
            out[s] = s - 1 < minima.size() ? grid[minima.get(s - 1)].clone() : random[s];
        }
        if (TRACE) {
            System.err.printf(java.util.Locale.ROOT, "scan: %d points on %d observations, starts %s%n", size, scanner.data.size(),
                    Arrays.deepToString(out));
        }
        return out;
    }

    /** Whether grid point k's cost is no higher than its neighbours' (left and right; in two dimensions the eight around). */
    private static boolean localMinimum(double[] cost, int k, int count, int per) {
        int row = count == 1 ? 0 : k / per;
        int column = count == 1 ? k : k % per;
        for (int dr = count == 1 ? 0 : -1; dr <= (count == 1 ? 0 : 1); dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                int r = row + dr;
                int c = column + dc;
                if ((dr != 0 || dc != 0) && r >= 0 && c >= 0 && c < per && (count == 1 || r < per)
                        && cost[count == 1 ? c : r * per + c] < cost[k]) {
                    return false;
                }
            }
        }
        return true;
    }

    static double clip(EstimatedParam param, double v) {
        return Math.min(param.upper(), Math.max(param.lower(), v));
    }

    /** Evaluates the fit at p (with J when asked); empty when the problem cannot be solved there. */
    Optional<Point> evaluate(double[] p, boolean jacobian) {
        return evaluate(p, jacobian, null);
    }

    /** The same, the solve marching along {@code nearby}'s segments where they serve (null: none). */
    Optional<Point> evaluate(double[] p, boolean jacobian, TrainedSolution nearby) {
        if (surrogate != null) {
            return interpolate(p, jacobian);
        }
        evaluations.incrementAndGet();
        long c0 = System.nanoTime();
        Optional<CompiledProblem> compiled = problem.at(p);
        long compileNanos = System.nanoTime() - c0;
        if (compiled.isEmpty()) {
            return Optional.empty();
        }
        TrainedSolution solution;
        Optional<List<TrainedSolution>> slopes = Optional.empty();
        long t0 = System.nanoTime();
        try {
            Trainer trainer = new Trainer(compiled.get(), monitor).guidedBy(nearby);
            Optional<Sensitivities.ParamEffects> effects = jacobian ? problem.effects(compiled.get(), p) : Optional.empty();
            if (effects.isPresent()) {
                // The sensitivities from the factorizations the solve ended with.
                Trainer.WithSlopes trained = trainer.trainWithSlopes(effects.get());
                solution = trained.solution();
                slopes = trained.slopes();
            } else {
                solution = trainer.train();
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // a solve that fails at a trial value is a step too far, not an error
        }
        if (!solution.report().converged() || !solution.coversDomain()) {
            return Optional.empty();
        }
        TrainedSolution solved = solution;
        double[] r = residuals(i -> solved.value(data.unknown()[i], 0, data.time()[i]));
        double cost = sumOfSquares(r);
        if (!Double.isFinite(cost)) {
            return Optional.empty();
        }
        double[][] j = null;
        long t1 = System.nanoTime();
        if (jacobian) {
            j = slopes.isPresent() ? jacobian(slopes.get()) : null;
            if (j == null) {
                return Optional.empty();
            }
        }
        if (TRACE) {
            System.err.printf(java.util.Locale.ROOT, "evaluation %d: train %.3f s (%d segments), sensitivities %.3f s, cost %.6g, compile %.4f s%n",
                    evaluations.get(), (t1 - t0) / 1e9, solution.segments().size(), (System.nanoTime() - t1) / 1e9, cost, compileNanos / 1e9);
        }
        return Optional.of(new Point(p.clone(), compiled.get(), solution, r, cost, j));
    }

    /** The fit at p on the surrogate: its interpolated values and their derivatives in p. */
    private Optional<Point> interpolate(double[] p, boolean jacobian) {
        int n = data.size();
        double[] r = residuals(i -> surrogate.value(data.unknown()[i], 0, data.time()[i], p));
        double cost = sumOfSquares(r);
        double[][] j = jacobian ? new double[n][p.length] : null;
        for (int i = 0; jacobian && i < n; i++) {
            for (int c = 0; c < p.length; c++) {
                j[i][c] = surrogate.sensitivity(data.unknown()[i], 0, data.time()[i], p, c) / weights[i];
                if (!Double.isFinite(j[i][c])) {
                    return Optional.empty();
                }
            }
        }
        return Double.isFinite(cost) ? Optional.of(new Point(p.clone(), null, null, r, cost, j)) : Optional.empty();
    }

    /** The weighted residuals {@code r_i = (u_i − d_i)/σ_i} of the model's values {@code u_i} (by observation index). */
    private double[] residuals(java.util.function.IntToDoubleFunction model) {
        double[] r = new double[data.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (model.applyAsDouble(i) - data.value()[i]) / weights[i];
        }
        return r;
    }

    private static double sumOfSquares(double[] r) {
        double sum = 0;
        for (double v : r) {
            sum += v * v;
        }
        return sum;
    }

    /** J_ij = ∂u(t_i)/∂p_j / σ_i from the solution's sensitivities as solutions, or null when they are not finite. */
    private double[][] jacobian(List<TrainedSolution> derivatives) {
        double[][] s = Sensitivities.at(derivatives, data.time(), data.unknown());
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s[i].length; j++) {
                s[i][j] /= weights[i];
                if (!Double.isFinite(s[i][j])) {
                    return null;
                }
            }
        }
        return s;
    }

    /**
     * Levenberg–Marquardt from {@code start} with the params in {@code free} (the others fixed at
     * the start's values: a profile): steps {@code min ‖J δ + r‖² + λ ‖D δ‖²} by QR, D the
     * column norms of J (Marquardt's scaling), clipped to the bounds.
     */
    Optional<Run> minimise(double[] start, boolean[] free) {
        return minimise(start, free, MAX_EVALUATIONS);
    }

    /** The same, for at most {@code budget} evaluations. */
    Optional<Run> minimise(double[] start, boolean[] free, int budget) {
        int spent = 1; // this run's own evaluations (others may run at the same time)
        double[] p0 = start.clone();
        for (int j = 0; j < p0.length; j++) {
            p0[j] = clip(problem.params().get(j), p0[j]);
        }
        Optional<Point> first = evaluate(p0, true);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Point current = first.get();
        double floor = 0; // a cost at the round-off of the data themselves: an exact fit
        for (int i = 0; i < data.size(); i++) {
            double d = data.value()[i] / weights[i];
            floor += 1e-26 * d * d;
        }
        double lambda = 0;
        boolean converged = false;
        int quiet = 0;
        while (spent < budget && !monitor.stopRequested()) {
            // A param at a bound that the cost's gradient pushes outward is held there (the bound is active): the step is the
            // free params' best. Clipping the whole step instead bent it, and a step clipped to nothing at a corner was taken
            // for a minimum (Lotka–Volterra weighted by sigma_x = 0.2, sigma_y = 2 "converged" at the corner of its bounds).
            boolean[] loose = inward(current, free);
            boolean anyLoose = false;
            for (boolean l : loose) {
                anyLoose |= l;
            }
            if (!anyLoose) {
                converged = true; // every free param held at a bound by the gradient: a minimum on the bounds
                break;
            }
            double[] step = step(current, loose, lambda);
            if (step == null) {
                break;
            }
            double[] trial = current.p().clone();
            boolean moved = false;
            boolean clipped = false;
            for (int j = 0; j < trial.length; j++) {
                double next = clip(problem.params().get(j), trial[j] + step[j]);
                clipped |= next != trial[j] + step[j];
                moved |= Math.abs(next - trial[j]) > 1e-10 * Math.max(Math.abs(trial[j]), 1e-8);
                trial[j] = next;
            }
            // (only an undamped step measures what is left: a damped one is short by design)
            // (nor does a step cut short by a bound)
            if (!moved || lambda == 0 && !clipped && predictedReduction(current, trial) <= 1e-10 * current.cost()
                    || current.cost() <= floor) {
                converged = true; // the linear model promises nothing more: a minimum, to the solves' accuracy
                break;
            }
            Optional<Point> next = evaluate(trial, true, current.solution());
            spent++;
            if (next.isPresent() && next.get().cost() <= current.cost()) {
                double gain = current.cost() - next.get().cost();
                current = next.get();
                lambda = lambda / 4 < 1e-8 ? 0 : lambda / 4;
                quiet = gain <= 1e-10 * current.cost() + 1e-300 ? quiet + 1 : 0;
                if (quiet >= 2 || current.cost() == 0) {
                    converged = true;
                    break;
                }
            } else {
                lambda = lambda == 0 ? 1e-3 : lambda * 8;
                if (lambda > 1e8) {
                    converged = true; // no direction lowers the cost: a minimum, to the solves' accuracy
                    break;
                }
            }
        }
        return Optional.of(new Run(start.clone(), current, converged, spent));
    }

    /**
     * The free params not held at a bound: a param at its lower bound whose cost gradient
     * {@code (Jᵀr)_j} is positive (the cost falls only below the bound), or at its upper bound with
     * a negative one, is held.
     */
    private boolean[] inward(Point point, boolean[] free) {
        boolean[] out = free.clone();
        double[][] j = point.jacobian();
        double[] r = point.residuals();
        for (int c = 0; c < free.length; c++) {
            if (!free[c]) {
                continue;
            }
            EstimatedParam param = problem.params().get(c);
            double v = point.p()[c];
            double tiny = 1e-12 * Math.max(Math.abs(v), 1e-8);
            boolean atLower = v <= param.lower() + tiny;
            boolean atUpper = v >= param.upper() - tiny;
            if (!atLower && !atUpper) {
                continue;
            }
            double gradient = 0;
            for (int i = 0; i < r.length; i++) {
                gradient += j[i][c] * r[i];
            }
            if (atLower && gradient > 0 || atUpper && gradient < 0) {
                out[c] = false;
            }
        }
        return out;
    }

    /** {@code ‖r‖² − ‖r + J (q − p)‖²}: what the linearised model promises for a move from p to q. */
    private static double predictedReduction(Point point, double[] q) {
        double[][] j = point.jacobian();
        double[] r = point.residuals();
        double after = 0;
        for (int i = 0; i < r.length; i++) {
            double v = r[i];
            for (int c = 0; c < q.length; c++) {
                v += j[i][c] * (q[c] - point.p()[c]);
            }
            after += v * v;
        }
        return point.cost() - after;
    }

    /** The Levenberg–Marquardt step for the free params (zero for the others), or null when J is unusable. */
    private static double[] step(Point point, boolean[] free, double lambda) {
        double[][] j = point.jacobian();
        int n = j.length;
        int[] columns = java.util.stream.IntStream.range(0, free.length).filter(c -> free[c]).toArray();
        int m = columns.length;
        if (m == 0) {
            return null;
        }
        double[] norms = new double[m];
        for (int c = 0; c < m; c++) {
            double s = 0;
            for (double[] row : j) {
                s += row[columns[c]] * row[columns[c]];
            }
            norms[c] = s > 0 ? Math.sqrt(s) : 1;
        }
        RealMatrix a = new Array2DRowRealMatrix(n + m, m);
        double[] b = new double[n + m];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                a.setEntry(i, c, j[i][columns[c]] / norms[c]);
            }
            b[i] = -point.residuals()[i];
        }
        double root = Math.sqrt(lambda);
        for (int c = 0; c < m; c++) {
            a.setEntry(n + c, c, root);
        }
        double[] scaled;
        try {
            scaled = new QRDecomposition(a, 1e-12).getSolver().solve(new ArrayRealVector(b)).toArray();
        } catch (RuntimeException singular) {
            // rank deficient (a direction the data do not see): damp it away
            if (lambda > 0) {
                return null;
            }
            return step(point, free, 1e-8);
        }
        double[] out = new double[free.length];
        for (int c = 0; c < m; c++) {
            out[columns[c]] = scaled[c] / norms[c];
            if (!Double.isFinite(out[columns[c]])) {
                return null;
            }
        }
        return out;
    }

    /** Evaluations each start gets before only the promising ones go on. */
    static final int SCOUTING = 8;

    /**
     * Runs every start for a few evaluations, then takes the best on to convergence, and any other
     * that is not already where the best is (a run within 1e−3 of it is in the same basin) and whose
     * fit is within a factor 10 of the best's; the runs sorted best first (failed starts left out).
     * An initial value problem's starts are first fitted to the data of a quarter, then of half of
     * the observation times (continuation in the horizon): over a short horizon an oscillation has
     * not had time to drift out of phase, and the misfit has far fewer local minima.
     */
    List<Run> multistart(double[][] starts) {
        boolean[] all = new boolean[problem.count()];
        Arrays.fill(all, true);
        double[] sorted = data.time().clone();
        Arrays.sort(sorted);
        // The starts are independent: they run side by side, one per core.
        TrainingMonitor quiet = new TrainingMonitor() {
            @Override
            public boolean stopRequested() {
                return monitor.stopRequested();
            }
        };
        int threads = Math.max(1, Math.min(starts.length, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "neuroform-fit");
            thread.setDaemon(true);
            return thread;
        });
        List<java.util.concurrent.Future<Optional<Run>>> futures = new ArrayList<>();
        for (double[] start : starts) {
            futures.add(pool.submit(() -> scout(start, all, sorted, threads > 1 ? quiet : monitor)));
        }
        List<Run> scouts = new ArrayList<>();
        try {
            for (java.util.concurrent.Future<Optional<Run>> future : futures) {
                future.get().ifPresent(scouts::add);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        scouts.sort(Comparator.comparingDouble(r -> r.end().cost()));
        List<Run> runs = new ArrayList<>();
        for (Run scout : scouts) {
            Run run = scout;
            boolean same = !runs.isEmpty() && close(scout.end().p(), runs.get(0).end().p(), 1e-3);
            boolean promising = runs.isEmpty() || scout.end().cost() <= 10 * runs.get(0).end().cost();
            if (!scout.converged() && !same && promising && !monitor.stopRequested()) {
                Optional<Run> more = minimise(scout.end().p(), all);
                if (more.isPresent()) {
                    run = new Run(scout.start(), more.get().end(), more.get().converged(), scout.evaluations() + more.get().evaluations());
                }
            }
            runs.add(run);
            runs.sort(Comparator.comparingDouble(r -> r.end().cost()));
        }
        return runs;
    }

    /** One start's scouting: the horizon stages (an initial value problem's), then a few evaluations on all the data. */
    private Optional<Run> scout(double[] start, boolean[] all, double[] sorted, TrainingMonitor runMonitor) {
        if (runMonitor.stopRequested()) {
            return Optional.empty();
        }
        double[] p = start.clone();
        int spent = 0;
        for (double share : new double[] {0.25, 0.5}) {
            double upper = sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)];
            Observations early = data.upTo(upper);
            if (early.size() <= problem.count() || early.size() == data.size()) {
                continue;
            }
            Estimator stage = new Estimator(problem.upTo(upper), early, runMonitor, surrogate);
            Optional<Run> run = stage.minimise(p, all, 2 * SCOUTING);
            evaluations.addAndGet(stage.evaluations());
            if (run.isPresent()) {
                p = run.get().end().p();
                spent += run.get().evaluations();
            }
        }
        Estimator full = runMonitor == monitor ? this : new Estimator(problem, data, runMonitor, surrogate);
        Optional<Run> run = full.minimise(p, all, SCOUTING);
        if (full != this) {
            evaluations.addAndGet(full.evaluations());
        }
        int before = spent;
        return run.map(r -> new Run(start, r.end(), r.converged(), before + r.evaluations()));
    }

    static boolean close(double[] a, double[] b, double relative) {
        for (int j = 0; j < a.length; j++) {
            if (Math.abs(a[j] - b[j]) > relative * Math.max(Math.abs(a[j]), Math.abs(b[j]))) {
                return false;
            }
        }
        return true;
    }
}
