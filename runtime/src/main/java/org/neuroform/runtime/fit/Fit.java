package org.neuroform.runtime.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.neuroform.compiler.EstimatedParam;
import org.neuroform.runtime.optim.TrainingMonitor;

/**
 * Estimation and what it can say: the best of several starts ({@link Estimator}), standard
 * errors from the Fisher information {@code JᵀJ/s²}, 95 % intervals (linearised, or from the
 * profile likelihood where the two differ by more than 10 %), the directions of parameter space
 * the data do not determine (small singular values of the Jacobian in relative units, named as
 * the combination that is determined), correlations above 0.9, and whether the model explains
 * the data (χ² when the data give sigma; a runs test of the residuals' signs in any case).
 * The classical references: Bates &amp; Watts, <i>Nonlinear Regression Analysis</i> (1988);
 * Raue et al., <i>Bioinformatics</i> 25 (2009) for profile likelihoods and identifiability.
 */
public final class Fit {
    /** A singular value this far below the largest, in relative units, is a direction the data do not see. */
    static final double NULL_DIRECTION = 1e-6;
    /** Profile and linearised interval ends differing by more than this share of the half-width: the profile is reported. */
    static final double PROFILE_TOLERANCE = 0.1;
    /** The accuracy of the search for the best fit (solves to 1e−4 of it); the best is then polished at the problem's own. */
    static final double SEARCH_ACCURACY = 1e-4;
    /**
     * The share of the data's variation (R²) below which a fit to data without sigma is said not
     * to explain them. Data without sigma get their noise from the misfit, so χ² is 1 by
     * construction and cannot test the model; R² compares the misfit with the data's own spread.
     * The right model through noise-free data has R² ≈ 1; R² = 0.9 is a misfit of a third of
     * the spread (RMS), which a model that has found the data's shape does not leave unless the
     * noise is that large; a wrong local minimum of an oscillation is near 0 or below.
     */
    static final double EXPLAINED = 0.9;
    /** Evaluations one side of one profile may take. */
    static final int PROFILE_EVALUATIONS = 40;

    private static final boolean TRACE = System.getenv("NEUROFORM_TRACE") != null;

    private Fit() {}

    /**
     * @param starts how many starts (the default start and seeded random ones inside the bounds)
     * @param seed the random starts' seed
     */
    public record Settings(int starts, long seed, double[] first, boolean scan) {
        /**
         * @param first the first start (null: each param's default start, the middle of its bounds)
         * @param scan whether the other starts of a fit of one or two params are the best of a scan
         *     of the misfit over their ranges (else seeded random ones)
         */
        public Settings {
            first = first == null ? null : first.clone();
        }

        public Settings(int starts, long seed, double[] first) {
            this(starts, seed, first, true);
        }

        public Settings(int starts, long seed) {
            this(starts, seed, null);
        }

        public static Settings defaults(int params, long seed) {
            return new Settings(3, seed);
        }
    }

    public static FitResult run(ParamProblem problem, Observations data, Settings settings, TrainingMonitor monitor) throws FitException {
        return run(problem, data, settings, monitor, null);
    }

    /**
     * Estimates a parametric problem's ranged params from data, within their ranges, over its
     * trained {@code bundle}: {@link #run} with the bundle as the surrogate, and the problem (its
     * program parsed again from its source) compiled at each value a solve needs.
     */
    public static FitResult overBundle(org.neuroform.runtime.bundle.ParametricSolution bundle, Observations data, Settings settings,
            TrainingMonitor monitor) throws FitException {
        org.neuroform.compiler.CompiledProblem problem = bundle.problem();
        List<EstimatedParam> params = problem.ranges().params().stream()
                .map(r -> new EstimatedParam(r.name(), r.lower(), r.upper(), r.span())).toList();
        ParamProblem paramProblem = ParamProblem.of(org.neuroform.grammar.SourceParser.parse(problem.source()).program(), params);
        return run(paramProblem, data, settings, monitor, bundle);
    }

    /**
     * The same, the search for the best fit and the profile checks made on {@code surrogate}, a
     * parametric solution over exactly the estimated params (same order, their bounds its
     * ranges): interpolations instead of solves. The best fit is still polished by solves at the
     * problem's own accuracy, so that the estimates, their standard errors and the solution
     * returned are those of solved problems, verified like any. Null: solves throughout.
     */
    public static FitResult run(ParamProblem problem, Observations data, Settings settings, TrainingMonitor monitor,
            org.neuroform.runtime.bundle.ParametricSolution surrogate) throws FitException {
        long begin = System.nanoTime();
        int n = data.size();
        int count = problem.count();
        if (n <= count) {
            throw new FitException(n + " observation" + (n == 1 ? "" : "s") + " cannot determine " + count + " param"
                    + (count == 1 ? "" : "s") + " with an uncertainty: at least " + (count + 1) + " are needed");
        }
        double[] first = settings.first() != null ? settings.first()
                : problem.params().stream().mapToDouble(EstimatedParam::defaultStart).toArray();
        // The search at a coarser accuracy, then the best polished at the problem's own.
        Estimator search = surrogate != null ? new Estimator(problem, data, monitor, surrogate)
                : new Estimator(problem.coarse(SEARCH_ACCURACY), data, monitor);
        double[][] starts = settings.scan() ? search.scanned(first, settings.starts(), settings.seed())
                : search.starts(first, settings.starts(), settings.seed());
        List<Estimator.Run> runs = new ArrayList<>(search.multistart(starts));
        if (TRACE) {
            System.err.printf(Locale.ROOT, "search: %.2f s, %d solves%n", (System.nanoTime() - begin) / 1e9, search.evaluations());
        }
        Estimator estimator = new Estimator(problem, data, monitor);
        estimator.add(search.evaluations());
        boolean[] all = new boolean[count];
        Arrays.fill(all, true);
        // (a surrogate's points carry no solution: the best one that a solve can polish is taken)
        for (boolean polishing = !runs.isEmpty(); polishing; ) {
            Estimator.Run best = runs.get(0);
            Optional<Estimator.Run> polished = estimator.minimise(best.end().p(), all);
            if (polished.isPresent()) {
                runs.set(0, new Estimator.Run(best.start(), polished.get().end(), polished.get().converged(),
                        best.evaluations() + polished.get().evaluations()));
                polishing = false;
            } else {
                runs.remove(0);
                polishing = surrogate != null && !runs.isEmpty();
            }
        }
        if (runs.isEmpty()) {
            throw new FitException("the problem could not be solved at any of the " + settings.starts()
                    + " starting values; give the estimated params bounds (param k = ? in [a, b]) where the model is defined");
        }
        if (TRACE) {
            for (Estimator.Run run : runs) {
                System.err.printf(Locale.ROOT, "start %s -> %s cost %.6g, %d evaluations, converged %s%n", Arrays.toString(run.start()),
                        Arrays.toString(run.end().p()), run.end().cost(), run.evaluations(), run.converged());
            }
        }
        Estimator.Run best = runs.get(0);
        Estimator.Point at = best.end();
        if (TRACE) {
            System.err.printf(Locale.ROOT, "polished: %.2f s, %d solves%n", (System.nanoTime() - begin) / 1e9, estimator.evaluations());
        }
        Analysis analysis = new Analysis(estimator, search, at, data);
        List<FitResult.ParamEstimate> estimates = analysis.estimates(monitor);
        List<String> moved = new ArrayList<>();
        boolean stillBetter = false; // a profile found a better fit still after the re-analyses
        for (int again = 0; analysis.betterPoint != null && !monitor.stopRequested(); again++) {
            if (again == 2) {
                stillBetter = true;
                break;
            }
            // A profile re-optimising the others fitted better than the best fit: polish from there and analyse again.
            Optional<Estimator.Run> polished = estimator.minimise(analysis.betterPoint, all);
            if (polished.isEmpty() || !(polished.get().end().cost() < at.cost())) {
                break; // the solved problem does not confirm it: no evidence of a better fit
            }
            moved.add(String.format(Locale.ROOT, "a profile found a better fit than the search's best (misfit %.4g against %.4g);"
                    + " the estimates were polished from there", polished.get().end().cost(), at.cost()));
            at = polished.get().end();
            best = new Estimator.Run(best.start(), at, polished.get().converged(), best.evaluations() + polished.get().evaluations());
            runs.set(0, best);
            analysis = new Analysis(estimator, search, at, data);
            estimates = analysis.estimates(monitor);
        }
        FitResult.Goodness goodness = analysis.goodness(); // adds its warnings
        List<String> warnings = new ArrayList<>(analysis.warnings);
        List<String> notes = new ArrayList<>(moved);
        notes.addAll(analysis.notes);
        if (!best.converged()) {
            warnings.add("estimation stopped before converging (" + Estimator.MAX_EVALUATIONS + " evaluations): the estimates may not be the best fit");
        }
        if (stillBetter) {
            warnings.add("the profile checks keep finding better fits than the one reported: the estimates are a local minimum");
        }
        multimodality(runs, analysis, warnings, notes);
        if (surrogate != null) {
            notes.add("the search and the profile checks interpolated the parametric solution (" + surrogate.nodes().size()
                    + " node solutions) instead of solving; the estimates were then polished, and the solution at them made, by"
                    + " solves at the problem's accuracy");
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new FitResult(estimates, analysis.correlation(), analysis.identifiability, goodness, warnings, notes, runs.size(),
                estimator.evaluations(), seconds, at.compiled(), at.solution(), best.converged());
    }

    /** Other starts that ended as well as the best elsewhere (several fits), or worse (local minima). */
    private static void multimodality(List<Estimator.Run> runs, Analysis analysis, List<String> warnings, List<String> notes) {
        Estimator.Point best = runs.get(0).end();
        double threshold = analysis.threshold();
        int worse = 0;
        int unfinished = 0;
        List<String> others = new ArrayList<>();
        for (int r = 1; r < runs.size(); r++) {
            Estimator.Point other = runs.get(r).end();
            boolean elsewhere = false;
            for (int j = 0; j < best.p().length; j++) {
                double se = analysis.stderr[j];
                double allowed = Double.isFinite(se) ? Math.max(3 * se, 1e-4 * Math.abs(best.p()[j])) : 1e-3 * Math.max(Math.abs(best.p()[j]), 1e-12);
                // (and within 1e-8 of a bounded param's range is the same place: exact data of A = 0 end at 6e-15 and at
                // -9e-12 by round-off, which a standard error of round-off size called two minima)
                EstimatedParam param = analysis.params.get(j);
                if (param.bounded()) {
                    allowed = Math.max(allowed, 1e-8 * (param.upper() - param.lower()));
                }
                elsewhere |= Math.abs(other.p()[j] - best.p()[j]) > allowed;
            }
            if (!elsewhere) {
                continue;
            }
            // (noise-free data: the threshold is the round-off of the best fit; another fit exact to the search's accuracy is as good —
            // cos 3t sampled every 0.25 is fitted exactly by w = 3 and by its alias w = 2π/0.25 − 3)
            boolean asGood = other.cost() - best.cost() <= threshold || analysis.exact(other, 1e-2 * SEARCH_ACCURACY);
            if (asGood && runs.get(r).converged()) {
                others.add(analysis.describe(other.p()));
            } else if (runs.get(r).converged()) {
                worse++;
            } else {
                unfinished++;
            }
        }
        if (!others.isEmpty() && analysis.identifiability.isEmpty()) {
            warnings.add("several fits are about as good as the best: " + String.join("; ", others)
                    + " (the data may not decide between them)");
        }
        if (worse > 0) {
            notes.add(worse + " of " + runs.size() + " starts ended in worse local minima");
        }
        if (unfinished > 0) {
            // Not minima: starts left when their fit was far worse than the best's (or their budget was spent).
            notes.add(unfinished + " of " + runs.size() + " starts " + (unfinished == 1 ? "was" : "were")
                    + " not followed to convergence: " + (unfinished == 1 ? "its fit was" : "their fits were")
                    + " still worse than the best when the search left " + (unfinished == 1 ? "it" : "them"));
        }
    }

    /** The statistics at the best fit. */
    private static final class Analysis {
        final Estimator estimator;
        final Estimator profiler;
        final Estimator.Point at;
        final Observations data;
        final List<EstimatedParam> params;
        final int n;
        final int count;
        final int dof;
        final boolean sigmaKnown;
        final double s2;
        final double z;
        final double[] stderr;
        final double[][] covariance;
        final boolean[] determined;
        final List<String> identifiability = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        /** Where a profile found a lower cost than the best fit (the first such point), or null. */
        double[] betterPoint;
        final List<String> notes = new ArrayList<>();

        /**
         * @param estimator the fit's own (its weights and evaluation count)
         * @param profiler the coarse search's: profile points need cost differences good to a
         *     percent of the χ² quantile, which solves to 1e−8 give many times over
         */
        Analysis(Estimator estimator, Estimator profiler, Estimator.Point at, Observations data) {
            this.estimator = estimator;
            this.profiler = profiler;
            this.at = at;
            this.data = data;
            this.params = estimator.problem().params();
            n = data.size();
            count = params.size();
            dof = n - count;
            sigmaKnown = data.hasSigma();
            s2 = sigmaKnown ? 1 : at.cost() / dof;
            z = sigmaKnown ? new NormalDistribution(0, 1).inverseCumulativeProbability(0.975)
                    : new TDistribution(dof).inverseCumulativeProbability(0.975);
            double[] p = at.p();
            double[] scale = new double[count];
            boolean relative = true;
            for (int j = 0; j < count; j++) {
                relative &= p[j] > 0;
            }
            for (int j = 0; j < count; j++) {
                // relative units (log space) when every estimate is positive; the params' own units otherwise,
                // so that a null direction reads as a product (a·b) or as a sum (a + b) of the params themselves
                scale[j] = relative ? p[j] : 1;
            }
            RealMatrix scaled = new Array2DRowRealMatrix(n, count);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < count; j++) {
                    scaled.setEntry(i, j, at.jacobian()[i][j] * scale[j]);
                }
            }
            SingularValueDecomposition svd = new SingularValueDecomposition(scaled);
            double[] sv = svd.getSingularValues();
            RealMatrix v = svd.getV();
            determined = new boolean[count];
            Arrays.fill(determined, true);
            double largest = sv.length > 0 ? sv[0] : 0;
            covariance = new double[count][count];
            for (int k = 0; k < sv.length; k++) {
                if (sv[k] > NULL_DIRECTION * largest && sv[k] > 0) {
                    for (int a = 0; a < count; a++) {
                        for (int b = 0; b < count; b++) {
                            covariance[a][b] += s2 * v.getEntry(a, k) * v.getEntry(b, k) / (sv[k] * sv[k]) * scale[a] * scale[b];
                        }
                    }
                } else {
                    double[] direction = v.getColumn(k);
                    double top = Arrays.stream(direction).map(Math::abs).max().orElse(1);
                    // The same direction in the params' own units: a param is in it when it is in either. (In
                    // relative units alone a sum a + b with b at a tenth of a is nearly all b, and was said to be
                    // "b, which the fit does not depend on".)
                    double[] own = new double[count];
                    for (int j = 0; j < count; j++) {
                        own[j] = direction[j] * scale[j];
                    }
                    double ownTop = Arrays.stream(own).map(Math::abs).max().orElse(1);
                    List<Integer> involved = new ArrayList<>();
                    for (int j = 0; j < count; j++) {
                        if (Math.abs(direction[j]) > 0.1 * top || Math.abs(own[j]) > 0.1 * ownTop) {
                            involved.add(j);
                            determined[j] = false;
                        }
                    }
                    identifiability.add(sentence(involved, direction, relative, scale));
                }
            }
            stderr = new double[count];
            for (int j = 0; j < count; j++) {
                stderr[j] = determined[j] ? Math.sqrt(covariance[j][j]) : Double.NaN;
            }
        }

        /** The rise in cost that bounds a 95 % interval. */
        double threshold() {
            return z * z * s2;
        }

        String describe(double[] p) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < count; j++) {
                parts.add(params.get(j).name() + " = " + String.format(Locale.ROOT, "%.6g", p[j]));
            }
            return String.join(", ", parts);
        }

        /** What a null direction leaves determined, in words. */
        private String sentence(List<Integer> involved, double[] direction, boolean relative, double[] scale) {
            List<String> names = involved.stream().map(j -> params.get(j).name()).toList();
            if (involved.size() == 1) {
                return names.get(0) + " is not determined by these data: the fit does not depend on it";
            }
            String separately = names.size() == 2 ? names.get(0) + " and " + names.get(1)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
            if (involved.size() == 2) {
                int a = involved.get(0);
                int b = involved.get(1);
                // The determined combination's gradient is orthogonal to the null direction. In log
                // space that makes it a product a·b^r, in the params' own units a sum a + r·b; both
                // always exist for two params, and the one with the simpler r is the one the model has
                // (y' = −a·b·y gives r = 1 as a product, an unrecognisable r as a sum).
                double product = relative ? -direction[a] / direction[b] : Double.NaN;
                double sum = -(direction[a] * scale[a]) / (direction[b] * scale[b]);
                String combination;
                if (relative && simplicity(product) <= simplicity(sum)) {
                    combination = names.get(0) + power(product, names.get(1));
                } else {
                    combination = names.get(0) + (sum < 0 ? " - " : " + ") + coefficient(Math.abs(sum)) + names.get(1);
                }
                return "only " + combination + " is determined by these data; " + separately + " separately are not";
            }
            StringBuilder along = new StringBuilder();
            double first = direction[involved.get(0)];
            for (int j : involved) {
                if (along.length() > 0) {
                    along.append(", ");
                }
                double e = direction[j] / first;
                along.append(relative ? params.get(j).name() + "·s^" + number(e) : params.get(j).name() + " + " + number(e) + "·s");
            }
            return separately + " are not determined separately by these data: changing them together as " + along
                    + " for any s leaves the fit unchanged";
        }

        /** How far r is from a simple ratio (±1, ±2, ±1/2, ±3, ±1/3), relatively: 0 for a simple one. */
        private static double simplicity(double r) {
            double best = Double.POSITIVE_INFINITY;
            for (double simple : new double[] {1, 2, 0.5, 3, 1.0 / 3}) {
                best = Math.min(best, Math.abs(Math.abs(r) - simple) / simple);
            }
            return Double.isFinite(r) ? best : Double.POSITIVE_INFINITY;
        }

        private static String power(double exponent, String name) {
            // x_a + e x_b determined (log space) means a · b^e
            double rounded = Math.rint(exponent);
            boolean whole = Math.abs(exponent - rounded) < 0.05;
            if (whole && rounded == 1) {
                return "·" + name;
            }
            if (whole && rounded == -1) {
                return "/" + name;
            }
            return "·" + name + "^" + (whole ? String.valueOf((long) rounded) : number(exponent));
        }

        private static String coefficient(double c) {
            return Math.abs(c - 1) < 0.05 ? "" : number(c) + "·";
        }

        private static String number(double v) {
            return String.format(Locale.ROOT, "%.3g", v);
        }

        Optional<double[][]> correlation() {
            double[][] rho = new double[count][count];
            boolean strong = false;
            for (int a = 0; a < count; a++) {
                for (int b = 0; b < count; b++) {
                    double denominator = Math.sqrt(covariance[a][a] * covariance[b][b]);
                    rho[a][b] = determined[a] && determined[b] && denominator > 0 ? covariance[a][b] / denominator : Double.NaN;
                    if (a != b && Math.abs(rho[a][b]) > 0.9) {
                        strong = true;
                    }
                }
            }
            return strong ? Optional.of(rho) : Optional.empty();
        }

        List<FitResult.ParamEstimate> estimates(TrainingMonitor monitor) {
            List<FitResult.ParamEstimate> out = new ArrayList<>();
            double[] p = at.p();
            for (int j = 0; j < count; j++) {
                EstimatedParam param = params.get(j);
                boolean atBound = Math.abs(p[j] - param.lower()) <= 1e-9 * Math.max(1, Math.abs(p[j]))
                        || Math.abs(p[j] - param.upper()) <= 1e-9 * Math.max(1, Math.abs(p[j]));
                if (atBound) {
                    notes.add(param.name() + " is at its bound " + String.format(Locale.ROOT, "%.6g", p[j])
                            + ": the best fit may lie beyond it, and its uncertainty is only that of the others' side");
                }
                if (!determined[j]) {
                    out.add(new FitResult.ParamEstimate(param.name(), p[j], Double.NaN, param.lower(), param.upper(), false, "none", atBound));
                    continue;
                }
                double half = z * stderr[j];
                double[] ends = {p[j] - half, p[j] + half};
                boolean profiled = false;
                boolean bounded = true;
                for (int side = 0; side < 2 && !monitor.stopRequested() && !exact(); side++) {
                    double sign = side == 0 ? -1 : 1;
                    Side result = side(j, sign, half);
                    if (result.profiled && !(sign * (result.end - p[j]) >= 0)) {
                        // A profile end on the estimate's other side is no interval end: keep the linearised one.
                        notes.add("the profile likelihood of " + param.name() + " could not be followed "
                                + (sign < 0 ? "below" : "above") + " the estimate: that end of its interval is the linearised one");
                        continue;
                    }
                    if (result.profiled) {
                        profiled = true;
                        ends[side] = result.end;
                    }
                    bounded &= result.bounded;
                }
                double low = Math.max(param.lower(), ends[0]);
                double high = Math.min(param.upper(), ends[1]);
                if (low <= param.lower() && high >= param.upper()) {
                    // An interval that is the whole range says nothing the bounds did not: the data do not determine the param
                    // (exact data of order 1 with a stated sigma of 100: k's interval was [0.01, 10], "identifiable").
                    bounded = false;
                    identifiability.add(param.name() + " is not determined by these data: its 95 % interval is its whole range ["
                            + org.neuroform.compiler.sym.Printer.compact(param.lower(), 6) + ", "
                            + org.neuroform.compiler.sym.Printer.compact(param.upper(), 6) + "]");
                } else if (!bounded) {
                    notes.add("the data do not bound " + param.name() + " on one side: its interval reaches "
                            + (Double.isFinite(param.lower()) || Double.isFinite(param.upper()) ? "a bound" : "infinity"));
                }
                out.add(new FitResult.ParamEstimate(param.name(), p[j], stderr[j], low, high, bounded, profiled ? "profile" : "linearised",
                        atBound));
            }
            return out;
        }

        /** One end of the interval: profiled or not, where, and whether the data bound it. */
        private record Side(boolean profiled, double end, boolean bounded) {}

        /**
         * Checks the linearised end {@code p_j + sign·half} against the model: the cost along the
         * linear profile path there should have risen by the threshold. Where it is off by more
         * than 10 %, the profile likelihood (the others re-optimised at each p_j) is followed to
         * the point where it has.
         */
        private Side side(int j, double sign, double half) {
            double[] p = at.p();
            EstimatedParam param = params.get(j);
            double target = threshold();
            double linearEnd = p[j] + sign * half;
            double[] path = new double[count];
            for (int a = 0; a < count; a++) {
                path[a] = p[a] + sign * half * covariance[a][j] / covariance[j][j];
            }
            boolean inside = true;
            for (int a = 0; a < count; a++) {
                inside &= path[a] >= params.get(a).lower() && path[a] <= params.get(a).upper();
            }
            if (inside) {
                Optional<Estimator.Point> there = profiler.evaluate(path, false);
                estimator.add(profiler.interpolates() ? 0 : 1);
                if (TRACE) {
                    System.err.printf(Locale.ROOT, "param %d side %+.0f: path %s rise %s target %.6g%n", j, sign, Arrays.toString(path),
                            there.map(t -> String.valueOf(t.cost() - at.cost())).orElse("failed"), target);
                }
                if (there.isPresent()) {
                    double rise = there.get().cost() - at.cost();
                    if (Math.abs(Math.sqrt(rise / target) - 1) <= PROFILE_TOLERANCE) {
                        return new Side(false, linearEnd, true);
                    }
                }
            }
            return profile(j, sign, half, target);
        }

        /** Follows the profile of param j from the estimate towards {@code sign} until its cost has risen by {@code target}. */
        private Side profile(int j, double sign, double half, double target) {
            double[] p = at.p();
            EstimatedParam param = params.get(j);
            boolean[] free = new boolean[count];
            Arrays.fill(free, true);
            free[j] = false;
            double limit = sign < 0 ? param.lower() : param.upper();
            // g(v) = √(rise/s²) − z is nearly linear in v: secant steps from v = p_j (g = −z).
            double v0 = p[j];
            double g0 = -z;
            double v1 = p[j] + sign * half;
            int spent = 0;
            double[] others = p.clone();
            double lastInside = p[j];
            for (int iteration = 0; iteration < 8 && spent < PROFILE_EVALUATIONS; iteration++) {
                boolean clipped = false;
                if (sign < 0 ? v1 <= limit : v1 >= limit) {
                    v1 = limit;
                    clipped = true;
                }
                double[] start = others.clone();
                start[j] = v1;
                for (int a = 0; a < count; a++) {
                    if (a != j) {
                        start[a] = p[a] + (v1 - p[j]) * covariance[a][j] / covariance[j][j];
                    }
                }
                Optional<Estimator.Run> run = profiler.minimise(start, free, iteration == 0 ? 4 : 8);
                int used = run.map(Estimator.Run::evaluations).orElse(1);
                spent += used;
                estimator.add(profiler.interpolates() ? 0 : used);
                if (run.isEmpty()) {
                    // not solvable there: the model ends before the data bound it
                    return new Side(true, lastInside, false);
                }
                others = run.get().end().p();
                if (run.get().end().cost() < at.cost() * (1 - 1e-3) - 1e-9 && betterPoint == null) {
                    // The profile, re-optimising the others with p_j moved, fitted clearly better than the best fit
                    // (by more than the profiler's coarser solves could account for): Fit.run polishes from here.
                    betterPoint = run.get().end().p().clone();
                }
                double rise = Math.max(0, run.get().end().cost() - at.cost());
                double g1 = Math.sqrt(rise / s2) - z;
                if (iteration == 0 && Math.abs(Math.sqrt(rise / target) - 1) <= PROFILE_TOLERANCE) {
                    return new Side(false, v1, true); // the profile agrees with the linearised end
                }
                if (Math.abs(g1) <= 0.02 * z) {
                    return new Side(true, v1, true);
                }
                if (g1 < 0 && clipped) {
                    return new Side(true, limit, false); // reaches the bound below the threshold
                }
                if (g1 < 0) {
                    lastInside = v1;
                }
                double slope = (g1 - g0) / (v1 - v0);
                double next = v1 - g1 / slope;
                if (!(slope * sign > 0) || !Double.isFinite(next)) {
                    next = v1 + sign * 2 * Math.abs(v1 - p[j]); // flat or turning profile: go further
                }
                if (!(sign * (next - p[j]) > 0)) {
                    next = p[j] + 0.5 * (v1 - p[j]); // a secant step back across the estimate: halve instead
                }
                if (Math.abs(next - p[j]) > 1e6 * Math.max(Math.abs(p[j]), half)) {
                    return new Side(true, sign * Double.POSITIVE_INFINITY, false);
                }
                v0 = v1;
                g0 = g1;
                v1 = next;
            }
            return new Side(true, v1, true);
        }

        /** Whether {@code point}'s RMS misfit is within {@code relative} of the data's largest value: an exact fit, to that accuracy. */
        boolean exact(Estimator.Point point, double relative) {
            double[] r = point.residuals();
            double[] w = estimator.weights();
            double squares = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                squares += r[i] * w[i] * r[i] * w[i];
                scale = Math.max(scale, Math.abs(data.value()[i]));
            }
            return Math.sqrt(squares / n) <= relative * Math.max(scale, 1e-300);
        }

        /** Data fitted to the solver's accuracy (noise-free): the intervals are the solver's, and not worth profiling. */
        boolean exact() {
            double[] r = at.residuals();
            double[] w = estimator.weights();
            double squares = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                squares += r[i] * w[i] * r[i] * w[i];
                scale = Math.max(scale, Math.abs(data.value()[i]));
            }
            return Math.sqrt(squares / n) <= 1e-8 * Math.max(scale, 1e-300);
        }

        FitResult.Goodness goodness() {
            double[] r = at.residuals();
            double[] w = estimator.weights();
            double squares = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                double misfit = r[i] * w[i];
                squares += misfit * misfit;
                scale = Math.max(scale, Math.abs(data.value()[i]));
            }
            double rms = Math.sqrt(squares / n);
            double chi2 = sigmaKnown ? at.cost() : Double.NaN;
            double reduced = sigmaKnown ? at.cost() / dof : Double.NaN;
            double sigma = sigmaKnown ? Double.NaN : Math.sqrt(at.cost() / dof);
            boolean exact = rms <= 1e-8 * Math.max(scale, 1e-300);
            boolean explains = true;
            if (sigmaKnown && !exact) {
                double tail = 1 - new ChiSquaredDistribution(dof).cumulativeProbability(at.cost());
                if (tail < 1e-3) {
                    explains = false;
                    warnings.add(String.format(Locale.ROOT,
                            "the model does not explain these data: chi-squared per degree of freedom is %.3g (p = %.2g); "
                                    + "the misfit is larger than the noise the data state", reduced, tail));
                }
            }
            double explained = explained(r, w);
            if (!sigmaKnown && !exact && explained < EXPLAINED) {
                // Where sigma is estimated from the misfit, χ² cannot test the model (it is 1 by construction);
                // the misfit against the data's own spread can: a fit no closer than a constant is no explanation.
                explains = false;
                warnings.add(String.format(Locale.ROOT, "the model does not explain these data: the fit explains %s of the data's"
                        + " variation (R² = %.3g; RMS misfit %s against the data's spread about their mean %s): a wrong local"
                        + " minimum, or the wrong model (or noise as large as the signal, which data without sigma cannot tell apart)",
                        explained <= 0 ? "none" : "only " + Math.round(100 * explained) + " %", explained,
                        org.neuroform.compiler.sym.Printer.compact(rms, 2), org.neuroform.compiler.sym.Printer.compact(spread(), 2)));
            }
            if (sigmaKnown && dof > 0) {
                double below = new ChiSquaredDistribution(dof).cumulativeProbability(at.cost());
                if (below < 1e-3) {
                    notes.add(String.format(Locale.ROOT, "chi-squared per degree of freedom is %.3g, far below 1 (p = %.2g): the"
                            + " misfit is much smaller than the sigma the data state, which is then overstated (or the data were not"
                            + " drawn with it); the uncertainties, computed from that sigma, are as wide as it", reduced, below));
                }
            }
            if (!exact) {
                for (String systematic : runs(r)) {
                    if (explains) {
                        warnings.add("the model does not explain these data: " + systematic);
                    }
                    explains = false;
                }
            }
            return new FitResult.Goodness(n, dof, rms, chi2, reduced, sigma, explains, explained);
        }

        /**
         * The coefficient of determination {@code R² = 1 − SS_res/SS_tot}, weighted by 1/σ²: the
         * weighted squared misfit against the weighted squares of the data about their weighted
         * mean, each observed unknown about its own mean (a constant per unknown is the trivial
         * model it is compared with). 1 for an exact fit, 0 for one no better than those constants,
         * negative for a worse one; NaN when the data do not vary.
         */
        double explained(double[] r, double[] w) {
            double residual = 0;
            for (double v : r) {
                residual += v * v;
            }
            double total = 0;
            int unknowns = at.compiled().unknowns().size();
            for (int u = 0; u < unknowns; u++) {
                double sum = 0;
                double weight = 0;
                for (int i = 0; i < n; i++) {
                    if (data.unknown()[i] == u) {
                        sum += data.value()[i] / (w[i] * w[i]);
                        weight += 1 / (w[i] * w[i]);
                    }
                }
                if (weight == 0) {
                    continue;
                }
                double mean = sum / weight;
                for (int i = 0; i < n; i++) {
                    if (data.unknown()[i] == u) {
                        double d = (data.value()[i] - mean) / w[i];
                        total += d * d;
                    }
                }
            }
            return total > 0 ? 1 - residual / total : Double.NaN;
        }

        /** The RMS of the data about each unknown's mean (unweighted), in the data's units. */
        private double spread() {
            int unknowns = at.compiled().unknowns().size();
            double total = 0;
            for (int u = 0; u < unknowns; u++) {
                double sum = 0;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (data.unknown()[i] == u) {
                        sum += data.value()[i];
                        count++;
                    }
                }
                for (int i = 0; i < n && count > 0; i++) {
                    if (data.unknown()[i] == u) {
                        double d = data.value()[i] - sum / count;
                        total += d * d;
                    }
                }
            }
            return Math.sqrt(total / n);
        }

        /** Unknowns whose residuals keep their sign over long stretches (Wald–Wolfowitz runs test, p &lt; 0.001). */
        private List<String> runs(double[] r) {
            List<String> out = new ArrayList<>();
            int unknowns = at.compiled().unknowns().size();
            for (int u = 0; u < unknowns; u++) {
                List<double[]> points = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (data.unknown()[i] == u && r[i] != 0) {
                        points.add(new double[] {data.time()[i], r[i]});
                    }
                }
                if (points.size() < 10) {
                    continue;
                }
                points.sort((a, b) -> Double.compare(a[0], b[0]));
                int plus = 0;
                int minus = 0;
                int runs = 0;
                double previous = 0;
                for (double[] point : points) {
                    if (point[1] > 0) {
                        plus++;
                    } else {
                        minus++;
                    }
                    if (Math.signum(point[1]) != Math.signum(previous)) {
                        runs++;
                    }
                    previous = point[1];
                }
                double total = plus + minus;
                double expected = 1 + 2.0 * plus * minus / total;
                double variance = 2.0 * plus * minus * (2.0 * plus * minus - total) / (total * total * (total - 1));
                if (variance <= 0) {
                    out.add("every residual of " + at.compiled().unknowns().get(u).name() + " has the same sign");
                    continue;
                }
                double score = (runs - expected) / Math.sqrt(variance);
                double p = new NormalDistribution(0, 1).cumulativeProbability(score);
                if (p < 1e-3) {
                    out.add(String.format(Locale.ROOT, "the residuals of %s keep their sign over long stretches (%d runs where about %.0f "
                            + "were expected; runs test p = %.2g)", at.compiled().unknowns().get(u).name(), runs, expected, p));
                }
            }
            return out;
        }
    }
}
