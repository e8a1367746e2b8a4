package org.neuroform.runtime.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.train.Trainer;

/**
 * Trains every corpus problem with the defaults (the file has no train line) and measures it
 * against its reference on 1001 equally spaced points: the error is
 * {@code max |u − ref| / max(1, |ref|)} over the values and the first derivatives of every
 * unknown. A NaN anywhere (solution or reference) makes the error NaN. Writes
 * bench/results/corpus.md and corpus.csv.
 *
 * <p>Entry points: {@link #run(Path, Path, PrintStream)} for {@code neuroform bench --corpus},
 * {@link #run(CorpusProblem, Path, double)} for one problem (the CI test), and {@link #main}.
 */
public final class CorpusRunner {
    /** Points of the error metric. */
    public static final int POINTS = Accuracy.POINTS;
    /** An answer off by more than this must be marked unreliable. */
    public static final double WRONG = 1e-4;
    /** The time cap per problem of {@link #run(Path, Path, PrintStream)}: today's trainer can take minutes on a stiff problem. */
    public static final double DEFAULT_MAX_SECONDS = 60;

    /** Where the worst deviation is: unknown, derivative order (0 or 1), point. */
    public record Deviation(double maxError, double valueError, double derivativeError, String unknown, int order, double at) {}

    /**
     * One problem's measurement.
     *
     * @param failure null, or the exception training threw
     * @param stopped training hit the time cap (its answer is then not to be trusted)
     */
    public record Row(String problem, String family, int unknowns, Deviation deviation, double seconds, int iterations,
            int segments, boolean converged, boolean stopped, String failure, String reference, List<String> notes) {
        public double maxError() {
            return deviation.maxError();
        }

        /** What the product tells a user: converged, not stopped, no exception. */
        public boolean reliable() {
            return failure == null && converged && !stopped;
        }

        /** The invariant of issue 12: an answer off by more than 1e-4 (or NaN) is never marked reliable. */
        public boolean wrongButReliable() {
            return !(maxError() <= WRONG) && reliable();
        }
    }

    /** A train line for every problem, from {@link #main}'s {@code --train "KEY = VALUE"} (measurements only). */
    private static String trainLineForMain = "";

    private CorpusRunner() {}

    /** Trains and measures one problem with the defaults; {@code maxSeconds} ≤ 0 means no cap. */
    public static Row run(CorpusProblem problem, Path examples, double maxSeconds) throws IOException {
        return run(problem, examples, maxSeconds, "");
    }

    /**
     * The same with a train line appended to the file ({@code train accuracy = 1e-4}: less
     * effort), or none when {@code trainLine} is blank.
     */
    public static Row run(CorpusProblem problem, Path examples, double maxSeconds, String trainLine) throws IOException {
        CompiledProblem compiled = SuiteRunner.compile(examples.resolve(problem.file()), trainLine);
        checkMatches(problem, compiled);
        CorpusReference reference = problem.reference();
        TrainingMonitor monitor = maxSeconds > 0 ? deadline(maxSeconds) : TrainingMonitor.SILENT;
        long start = System.nanoTime();
        TrainedSolution solution;
        try {
            solution = new Trainer(compiled, monitor).train();
        } catch (RuntimeException e) {
            double seconds = (System.nanoTime() - start) / 1e9;
            Deviation none = new Deviation(Double.NaN, Double.NaN, Double.NaN, "", 0, Double.NaN);
            return new Row(problem.name(), problem.family(), problem.unknowns().size(), none, seconds, 0, 0, false, false,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), reference.description(), List.of());
        }
        Deviation deviation = maxError(solution, problem, reference);
        TrainingReport report = solution.report();
        return new Row(problem.name(), problem.family(), problem.unknowns().size(), deviation, report.seconds(), report.iterations(),
                report.segments(), report.converged(), report.stopped(), null, reference.description(), report.notes());
    }

    /** The file must state the problem the reference solves: same interval, same unknowns. */
    static void checkMatches(CorpusProblem problem, CompiledProblem compiled) {
        Domain domain = compiled.domain();
        double scale = Math.max(1, Math.abs(problem.upper() - problem.lower()));
        if (Math.abs(domain.lower() - problem.lower()) > 1e-12 * scale || Math.abs(domain.upper() - problem.upper()) > 1e-12 * scale) {
            throw new IllegalStateException(problem.file() + ": domain [" + domain.lower() + ", " + domain.upper()
                    + "], the reference covers [" + problem.lower() + ", " + problem.upper() + "]");
        }
        List<String> names = compiled.unknowns().stream().map(UnknownFunction::name).sorted().toList();
        List<String> expected = problem.unknowns().stream().sorted().toList();
        if (!names.equals(expected)) {
            throw new IllegalStateException(problem.file() + ": unknowns " + names + ", the reference has " + expected);
        }
    }

    /**
     * {@code max |u^(k) − ref^(k)| / max(1, |ref^(k)|)} over k = 0, 1, every unknown and 1001
     * equally spaced points. NaN as soon as one term is NaN.
     */
    public static Deviation maxError(TrainedSolution solution, CorpusProblem problem, CorpusReference reference) {
        return maxError(solution, problem, reference, Accuracy.grid(solution.problem().domain(), POINTS));
    }

    /** The same on the given points of the domain. */
    public static Deviation maxError(TrainedSolution solution, CorpusProblem problem, CorpusReference reference, double[] x) {
        List<UnknownFunction> unknowns = solution.problem().unknowns();
        double[] worst = {0, 0}; // per order
        String where = unknowns.get(0).name();
        int whereOrder = 0;
        double whereAt = x[0];
        boolean nan = false;
        for (int u = 0; u < unknowns.size(); u++) {
            int r = problem.unknowns().indexOf(unknowns.get(u).name());
            for (int order = 0; order <= 1; order++) {
                double[] values = solution.values(u, order, x);
                for (int i = 0; i < x.length; i++) {
                    double expected = reference.value(r, order, x[i]);
                    double error = Math.abs(values[i] - expected) / Math.max(1, Math.abs(expected));
                    if (Double.isNaN(error)) {
                        if (!nan) { // the first NaN is the place to look
                            where = unknowns.get(u).name();
                            whereOrder = order;
                            whereAt = x[i];
                        }
                        nan = true;
                    } else if (!nan && error > Math.max(worst[0], worst[1])) {
                        where = unknowns.get(u).name();
                        whereOrder = order;
                        whereAt = x[i];
                    }
                    worst[order] = Accuracy.worse(worst[order], error); // keeps a NaN
                }
            }
        }
        return new Deviation(nan ? Double.NaN : Accuracy.worse(worst[0], worst[1]), worst[0], worst[1], where, whereOrder, whereAt);
    }

    static TrainingMonitor deadline(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        return new TrainingMonitor() {
            @Override
            public boolean stopRequested() {
                return System.nanoTime() > end;
            }
        };
    }

    /**
     * Runs the whole corpus with the defaults (each problem capped at {@link #DEFAULT_MAX_SECONDS}),
     * prints a line per problem to {@code out}, writes {@code results/corpus.md} and
     * {@code corpus.csv}, and returns the rows.
     */
    public static List<Row> run(Path examples, Path results, PrintStream out) throws IOException {
        return run(examples, results, out, Corpus.PROBLEMS, DEFAULT_MAX_SECONDS);
    }

    public static List<Row> run(Path examples, Path results, PrintStream out, List<CorpusProblem> problems, double maxSeconds)
            throws IOException {
        List<Row> rows = new ArrayList<>();
        for (CorpusProblem problem : problems) {
            Row row = run(problem, examples, maxSeconds, trainLineForMain);
            rows.add(row);
            out.println(line(row));
            out.flush();
        }
        Files.createDirectories(results);
        Files.writeString(results.resolve("corpus.md"), markdown(rows, maxSeconds));
        Files.writeString(results.resolve("corpus.csv"), csv(rows));
        out.println(summary(rows));
        return rows;
    }

    public static String line(Row row) {
        return String.format(Locale.ROOT, "%-22s %-14s error %9s  %7.2f s  %4d seg  %s", row.problem(), row.family(),
                number(row.maxError()), row.seconds(), row.segments(), status(row));
    }

    static String status(Row row) {
        if (row.failure() != null) {
            return "FAILED: " + row.failure();
        }
        String s = row.reliable() ? "reliable" : row.stopped() ? "stopped at the time cap (unreliable)" : "marked unreliable";
        return row.wrongButReliable() ? s + "  WRONG BUT MARKED RELIABLE" : s;
    }

    public static String summary(List<Row> rows) {
        long within8 = rows.stream().filter(r -> r.maxError() <= 1e-8).count();
        long within4 = rows.stream().filter(r -> r.maxError() <= WRONG).count();
        long wrongReliable = rows.stream().filter(Row::wrongButReliable).count();
        double seconds = rows.stream().mapToDouble(Row::seconds).sum();
        return String.format(Locale.ROOT,
                "%d problems: %d within 1e-8, %d within 1e-4; %d wrong (>1e-4 or NaN) but marked reliable; %.1f s of training",
                rows.size(), within8, within4, wrongReliable, seconds);
    }

    static String markdown(List<Row> rows, double maxSeconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Corpus results\n\n");
        md.append("Every problem of examples/corpus with the default settings (no train line), trained by\n");
        md.append("`CorpusRunner` (`neuroform bench --corpus`). Error: max |u − ref| / max(1, |ref|) over the values\n");
        md.append("and first derivatives of every unknown, on ").append(POINTS).append(" equally spaced points; NaN when any\n");
        md.append("point is NaN. References are computed outside the product's compiled equations (Corpus.java):\n");
        md.append("exact solutions, or hand-written right-hand sides integrated by DormandPrince853 at 1e−14.\n");
        if (maxSeconds > 0) {
            md.append("Training is stopped after ").append(number(maxSeconds)).append(" s per problem (then marked unreliable).\n");
        }
        md.append("\n").append(summary(rows)).append(".\n\n");
        md.append("| problem | family | unknowns | max error | values | y' | worst at | training s | segments | status |\n");
        md.append("|---|---|---:|---:|---:|---:|---|---:|---:|---|\n");
        for (Row row : rows) {
            Deviation d = row.deviation();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %.2f | %d | %s |%n", row.problem(), row.family(),
                    row.unknowns(), number(d.maxError()), number(d.valueError()), number(d.derivativeError()),
                    d.unknown().isEmpty() ? "" : d.unknown() + (d.order() == 1 ? "'" : "") + " at " + number(d.at()), row.seconds(),
                    row.segments(), status(row).replace("|", "/")));
        }
        md.append("\nReferences:\n\n");
        for (Row row : rows) {
            md.append("- ").append(row.problem()).append(": ").append(row.reference()).append("\n");
        }
        return md.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder csv = new StringBuilder(
                "problem,family,unknowns,max_error,value_error,derivative_error,worst_unknown,worst_order,worst_at,seconds,iterations,segments,converged,stopped,reliable,failure\n");
        for (Row row : rows) {
            Deviation d = row.deviation();
            csv.append(String.join(",", row.problem(), quote(row.family()), Integer.toString(row.unknowns()), number(d.maxError()),
                    number(d.valueError()), number(d.derivativeError()), d.unknown(), Integer.toString(d.order()), number(d.at()),
                    String.format(Locale.ROOT, "%.3f", row.seconds()), Integer.toString(row.iterations()),
                    Integer.toString(row.segments()), Boolean.toString(row.converged()), Boolean.toString(row.stopped()),
                    Boolean.toString(row.reliable()), quote(row.failure() == null ? "" : row.failure()))).append("\n");
        }
        return csv.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 || v == 0 ? "%.4g" : "%.2e", v);
    }

    /**
     * {@code java ... CorpusRunner EXAMPLES_DIR RESULTS_DIR [--max-seconds S] [NAME ...]}: runs the
     * named problems (all when none is named) and writes the tables.
     */
    public static void main(String[] args) throws IOException {
        Path examples = Path.of(args[0]);
        Path results = Path.of(args[1]);
        double maxSeconds = DEFAULT_MAX_SECONDS;
        List<String> names = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--max-seconds")) {
                maxSeconds = Double.parseDouble(args[++i]);
            } else if (args[i].equals("--train")) {
                trainLineForMain = "train " + args[++i];
            } else {
                names.add(args[i]);
            }
        }
        List<CorpusProblem> problems = names.isEmpty() ? Corpus.PROBLEMS
                : Corpus.PROBLEMS.stream().filter(p -> names.contains(p.name())).toList();
        run(examples, results, System.out, problems, maxSeconds);
    }
}
