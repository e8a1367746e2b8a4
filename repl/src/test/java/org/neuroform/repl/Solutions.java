package org.neuroform.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.compiler.trial.TrialSystemBuilder;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.bundle.BundleTrainer;
import org.neuroform.runtime.bundle.ParametricSolution;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.train.Trainer;

/** Small trained solutions for tests, each trained once per JVM. */
public final class Solutions {
    private static final Map<String, TrainedSolution> CACHE = new ConcurrentHashMap<>();

    /** y' = -y, y(0) = 1 on [0, 1]: Lagaris's form, no corrections. */
    public static final String DECAY = String.join("\n",
            "domain x in [0, 1]",
            "y' = -y",
            "y(0) = 1",
            "train epochs = 100, optimizer = lm, hidden = [8]",
            "y(0.5)",
            "");

    /** A second-order problem with a derivative condition at the far end: a correction term in the trial form. */
    public static final String NEUMANN = String.join("\n",
            "domain t in [0, 1.5]",
            "param w = 1.2",
            "y'' + w^2*y = 0",
            "y(0) = 1",
            "y'(1.5) + y(1.5) = cos(1.8) - 1.2*sin(1.8)",
            "train epochs = 60, optimizer = lm, hidden = [6], activation = sigmoid",
            "");

    /** A system with one shared network and the projection family: every condition is corrected. */
    public static final String SYSTEM = String.join("\n",
            "domain x in [-1, 1]",
            "u' = v",
            "v' = -u",
            "u(-1) = 0",
            "v(-1) = 1",
            "train epochs = 60, optimizer = lm, hidden = [6], network = shared, trial = projection, activation = sin",
            "");

    /** A second-order initial value problem, marched over several segments by the default optimizer. */
    public static final String MARCHED_SECOND_ORDER = String.join("\n",
            "domain x in [0, 3]",
            "y'' + y = 0",
            "y(0) = 0",
            "y'(0) = 1",
            "train accuracy = 1e-4",
            "");

    /** A system marched over several segments. */
    public static final String MARCHED_SYSTEM = String.join("\n",
            "domain t in [0, 2]",
            "u' = v",
            "v' = -u",
            "u(0) = 1",
            "v(0) = 0",
            "train accuracy = 1e-4",
            "");

    /** A condition at the right end: marched backward, from 2 down to 0. */
    public static final String BACKWARD = String.join("\n",
            "domain x in [0, 2]",
            "y' = -2*y",
            "y(2) = 1",
            "train accuracy = 1e-4",
            "");

    private Solutions() {}

    /**
     * What a stop (Ctrl-C) part of the way leaves: the segments of {@code solution} nearest its
     * initial point, about half of them ({@code fromEnd}: the last ones, as a backward march
     * keeps). The report says it was stopped.
     */
    public static TrainedSolution stopped(TrainedSolution solution, boolean fromEnd) {
        List<Segment> all = solution.segments();
        if (all.size() < 2) {
            throw new IllegalStateException("needs a marched solution, this one has " + all.size() + " segment");
        }
        int keep = Math.max(1, all.size() / 2);
        List<Segment> kept = fromEnd ? all.subList(all.size() - keep, all.size()) : all.subList(0, keep);
        TrainingReport full = solution.report();
        TrainingReport report = new TrainingReport(full.iterations(), full.loss(), full.seconds(), kept.size(), full.restarts(),
                full.converged(), true, List.of());
        return new TrainedSolution(solution.problem(), kept, report);
    }

    public static CompiledProblem compile(String text) {
        Compilation compilation = Compiler.compile(new SourceFile("test.ode", text));
        if (compilation.problem().isEmpty()) {
            throw new IllegalStateException("does not compile: " + compilation.diagnostics());
        }
        return compilation.problem().get();
    }

    /** Decay with its rate ranged: one ranged param. */
    public static final String DECAY_BUNDLE = String.join("\n",
            "domain x in [0, 2]", "param k in [0.5, 2]", "y' = -k*y", "y(0) = 1", "");
    /** Two ranged params, one in the equation and one in a condition, and a second-order equation marched on two segments. */
    public static final String OSCILLATOR_BUNDLE = String.join("\n",
            "domain t in [0, 3]", "param w in [1, 1.5], v0 in [0.5, 1]", "y'' = -w^2*y", "y(0) = 0", "y'(0) = v0",
            "train segments = 2", "");
    private static final Map<String, ParametricSolution> BUNDLES = new ConcurrentHashMap<>();

    public static ParametricSolution bundle(String text) {
        return BUNDLES.computeIfAbsent(text, t -> new BundleTrainer(compile(t), TrainingMonitor.SILENT).train());
    }

    public static TrainedSolution trained(String text) {
        return CACHE.computeIfAbsent(text, t -> new Trainer(compile(t), TrainingMonitor.SILENT).train());
    }

    /**
     * Decay on two segments [0, 0.4] and [0.4, 1], as marching would make them: the second
     * segment's condition is the first one's value at 0.4; networks with random weights (values need
     * not be accurate to test saving and exporting, only well defined).
     */
    public static TrainedSolution twoSegments() {
        TrainedSolution one = trained(DECAY);
        CompiledProblem problem = one.problem();
        Segment first = one.segments().get(0);
        List<Segment> segments = new ArrayList<>();
        double middle = 0.4;
        TrialSystem left = TrialSystemBuilder.build(problem.orders(), first.trial().conditions(), CoordinateMap.of(0, middle),
                first.trial().family());
        segments.add(new Segment(0, middle, left, first.layout(), random(first.parameters().length, 1), new double[] {1}));
        TrainedSolution partial = new TrainedSolution(problem, List.of(segments.get(0), first), one.report());
        double start = partial.value(0, 0, middle);
        LinearCondition condition = new LinearCondition(List.of(new ConditionTerm(0, 0, middle, 1)), start, "y(0.4) = " + start);
        TrialSystem right = TrialSystemBuilder.build(problem.orders(), List.of(condition), CoordinateMap.of(middle, 1),
                first.trial().family());
        segments.add(new Segment(middle, 1, right, first.layout(), random(first.parameters().length, 2), new double[] {start}));
        TrainingReport report = new TrainingReport(7, 1e-9, 0.5, 2, 0, true, false, List.of("two segments"));
        return new TrainedSolution(problem, segments, report);
    }

    private static double[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble(-1, 1);
        }
        return out;
    }

    /**
     * {@code count} points from lower to upper of the part the solution covers (the domain, unless
     * it was stopped), ends included, plus a few awkward ones inside.
     */
    public static double[] points(TrainedSolution solution, int count) {
        double lower = solution.coveredLower();
        double upper = solution.coveredUpper();
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            xs.add(i == count - 1 ? upper : lower + (upper - lower) * i / (count - 1));
        }
        for (Segment segment : solution.segments()) {
            xs.add(segment.upper());
            xs.add(Math.nextUp(segment.lower()));
            xs.add(Math.nextDown(segment.upper()));
        }
        return xs.stream().mapToDouble(Double::doubleValue).filter(x -> x >= lower && x <= upper).toArray();
    }
}
