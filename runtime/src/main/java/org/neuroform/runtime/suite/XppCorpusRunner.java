package org.neuroform.runtime.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.xpp.XppReader;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.train.Trainer;

/**
 * The XPP corpus ({@code examples/xpp/*.ode}: models in XPPAUT's format, each saying what it
 * expects on a {@code # neuroform-expect:} line): every file is read as XPP; a supported one is
 * trained with the defaults and compared with the classical integrator (DormandPrince853 at
 * 1e−12) on 1001 equally spaced points of its own horizon, a refused one must fail with the
 * expected diagnostic code. The deviation is {@code max |u − ref| / max(1, |ref|)} over the
 * values of every variable.
 *
 * <p>On a chaotic model the reference itself is only good for a while: a second integration at
 * 1e−10 tells how long. The comparison covers the points where the two agree to 1e−7
 * (relative), and the table says where that part ends.
 */
public final class XppCorpusRunner {
    /** What a supported file must reach. */
    public static final double TARGET = 1e-6;
    /** Where the reference at 1e−12 and the one at 1e−10 part: beyond, neither is trusted. */
    static final double TRUST = 1e-7;
    public static final int POINTS = 1001;
    public static final double MAX_SECONDS = 60;
    private static final Pattern EXPECT = Pattern.compile("(?m)^#\\s*neuroform-expect:\\s*(\\S+)");

    /**
     * One file's outcome.
     *
     * @param expected {@code train} or the diagnostic code a refusal must have
     * @param refusal empty, or the first error: {@code line:col: code: message}
     * @param code empty, or the first error's code
     * @param trustedUntil the end of the part of the horizon compared (the horizon's end unless the reference parts)
     */
    public record Row(String file, String expected, String code, String refusal, double lower, double upper, double trustedUntil,
            double deviation, double seconds, int segments, boolean converged, String failure) {
        public boolean trained() {
            return code.isEmpty() && failure.isEmpty();
        }

        /** As the file expects: within {@link #TARGET} of the reference, or refused with the expected code. */
        public boolean asExpected() {
            return expected.equals("train") ? trained() && deviation <= TARGET : code.equals(expected);
        }
    }

    private XppCorpusRunner() {}

    public static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".ode")).sorted().toList();
        }
    }

    /** Reads, trains (when supported) and compares one file; training stops after {@code maxSeconds} (≤ 0: no cap). */
    public static Row run(Path file, double maxSeconds) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = EXPECT.matcher(text);
        String expected = m.find() ? m.group(1) : "train";
        String name = file.getFileName().toString();
        SourceFile source = new SourceFile(name, text);
        Compilation compilation = XppReader.read(source).compile();
        if (compilation.problem().isEmpty()) {
            Diagnostic first = compilation.errors().get(0);
            String where = first.span().isKnown() ? first.span().line() + ":" + first.span().column() + ": " : "";
            return new Row(name, expected, first.code(), where + first.message(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0,
                    false, "");
        }
        CompiledProblem problem = compilation.problem().get();
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        long start = System.nanoTime();
        TrainedSolution solution;
        try {
            solution = new Trainer(problem, maxSeconds > 0 ? CorpusRunner.deadline(maxSeconds) : org.neuroform.runtime.optim.TrainingMonitor.SILENT)
                    .train();
        } catch (RuntimeException e) {
            return new Row(name, expected, "", "", lower, upper, Double.NaN, Double.NaN, (System.nanoTime() - start) / 1e9, 0, false,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        TrainingReport report = solution.report();
        Optional<ClassicalReference> fine;
        Optional<ClassicalReference> coarse;
        try {
            fine = ClassicalReference.of(problem);
            coarse = ClassicalReference.of(problem, 1e-10);
        } catch (ClassicalReference.ReferenceException e) {
            return new Row(name, expected, "", "", lower, upper, Double.NaN, Double.NaN, report.seconds(), report.segments(),
                    report.converged(), "the classical integrator failed: " + e.getMessage());
        }
        if (fine.isEmpty() || coarse.isEmpty()) {
            return new Row(name, expected, "", "", lower, upper, Double.NaN, Double.NaN, report.seconds(), report.segments(),
                    report.converged(), "no classical reference for this problem");
        }
        double[] x = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = i == POINTS - 1 ? upper : lower + (upper - lower) * i / (POINTS - 1);
        }
        int unknowns = problem.unknowns().size();
        int trusted = POINTS;
        for (int i = 0; i < POINTS && trusted == POINTS; i++) {
            for (int u = 0; u < unknowns; u++) {
                double a = fine.get().value(u, 0, x[i]);
                double b = coarse.get().value(u, 0, x[i]);
                if (!(Math.abs(a - b) <= TRUST * Math.max(1, Math.abs(a)))) {
                    trusted = i;
                    break;
                }
            }
        }
        double deviation = trusted == 0 ? Double.NaN : 0;
        for (int u = 0; u < unknowns; u++) {
            double[] values = solution.values(u, 0, java.util.Arrays.copyOf(x, Math.max(1, trusted)));
            for (int i = 0; i < trusted; i++) {
                double reference = fine.get().value(u, 0, x[i]);
                double d = Math.abs(values[i] - reference) / Math.max(1, Math.abs(reference));
                deviation = Double.isNaN(d) || Double.isNaN(deviation) ? Double.NaN : Math.max(deviation, d);
            }
        }
        double until = trusted == 0 ? lower : x[trusted - 1];
        return new Row(name, expected, "", "", lower, upper, until, deviation, report.seconds(), report.segments(), report.converged(),
                "");
    }

    /** Runs every file of {@code folder}, prints a line each, writes {@code results/xpp.md} and {@code xpp.csv}. */
    public static List<Row> run(Path folder, Path results, PrintStream out) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path file : files(folder)) {
            Row row = run(file, MAX_SECONDS);
            rows.add(row);
            out.println(line(row));
            out.flush();
        }
        Files.createDirectories(results);
        Files.writeString(results.resolve("xpp.md"), markdown(rows));
        Files.writeString(results.resolve("xpp.csv"), csv(rows));
        out.println(summary(rows));
        return rows;
    }

    public static String line(Row row) {
        return String.format(Locale.ROOT, "%-28s %s", row.file(), outcome(row));
    }

    static String outcome(Row row) {
        if (!row.code().isEmpty()) {
            return "refused (" + row.code() + (row.code().equals(row.expected()) ? "" : ", expected " + row.expected()) + "): "
                    + row.refusal();
        }
        if (!row.failure().isEmpty()) {
            return "FAILED: " + row.failure();
        }
        String part = row.trustedUntil() < row.upper() ? " on [" + CorpusRunner.number(row.lower()) + ", "
                + CorpusRunner.number(row.trustedUntil()) + "] (the reference is trustworthy there only: chaotic)" : "";
        return String.format(Locale.ROOT, "deviation %s%s, %.2f s, %d segments%s", CorpusRunner.number(row.deviation()), part,
                row.seconds(), row.segments(), row.asExpected() ? "" : "  ABOVE " + CorpusRunner.number(TARGET));
    }

    public static String summary(List<Row> rows) {
        long supported = rows.stream().filter(r -> r.code().isEmpty()).count();
        long within = rows.stream().filter(r -> r.trained() && r.deviation() <= TARGET).count();
        long refused = rows.stream().filter(r -> !r.code().isEmpty()).count();
        long asExpected = rows.stream().filter(Row::asExpected).count();
        double seconds = rows.stream().mapToDouble(Row::seconds).sum();
        double slowest = rows.stream().mapToDouble(Row::seconds).max().orElse(0);
        return String.format(Locale.ROOT, "%d files: %d read and trained, %d of them within %s of the classical integrator (%.0f %%);"
                + " %d refused with a diagnostic; %d of %d as the file expects; %.1f s of training, the slowest %.1f s",
                rows.size(), supported, within, CorpusRunner.number(TARGET), supported == 0 ? 0 : 100.0 * within / supported, refused,
                asExpected, rows.size(), seconds, slowest);
    }

    static String markdown(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# XPPAUT files\n\n");
        md.append("Every file of examples/xpp (models in XPPAUT's .ode format, written for the tests after published\n");
        md.append("models; each names its origin) read by the XPP reader with the defaults, by `XppCorpusRunner`\n");
        md.append("(`neuroform bench --xpp`). A supported file is trained and compared with DormandPrince853 (tolerances\n");
        md.append("1e−12) on ").append(POINTS).append(" equally spaced points of its own horizon: deviation = max |u − ref| / max(1, |ref|)\n");
        md.append("over the values of every variable. Where a second integration at 1e−10 parts from the first by more\n");
        md.append("than 1e−7 (chaos), the comparison stops there and the table says so. Training is capped at ")
                .append(CorpusRunner.number(MAX_SECONDS)).append(" s a file.\n\n");
        md.append(summary(rows)).append(".\n\n");
        md.append("| file | expected | outcome | deviation | compared on | training s | segments |\n");
        md.append("|---|---|---|---:|---|---:|---:|\n");
        for (Row row : rows) {
            String compared = row.trained() ? "[" + CorpusRunner.number(row.lower()) + ", " + CorpusRunner.number(row.trustedUntil()) + "]"
                    + (row.trustedUntil() < row.upper() ? " of [" + CorpusRunner.number(row.lower()) + ", "
                    + CorpusRunner.number(row.upper()) + "] (chaotic: the reference parts after)" : "") : "";
            String outcome = !row.code().isEmpty() ? "refused: " + row.refusal() : !row.failure().isEmpty() ? "failed: " + row.failure()
                    : row.deviation() <= TARGET ? "trained" : "trained, above " + CorpusRunner.number(TARGET);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", row.file(), row.expected(),
                    outcome.replace("|", "/"), row.trained() ? CorpusRunner.number(row.deviation()) : "", compared,
                    row.trained() ? String.format(Locale.ROOT, "%.2f", row.seconds()) : "", row.trained() ? row.segments() : ""));
        }
        return md.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder csv = new StringBuilder("file,expected,code,lower,upper,compared_until,deviation,seconds,segments,converged,as_expected\n");
        for (Row row : rows) {
            csv.append(String.join(",", row.file(), row.expected(), row.code(), CorpusRunner.number(row.lower()),
                    CorpusRunner.number(row.upper()), CorpusRunner.number(row.trustedUntil()), CorpusRunner.number(row.deviation()),
                    String.format(Locale.ROOT, "%.3f", row.seconds()), Integer.toString(row.segments()), Boolean.toString(row.converged()),
                    Boolean.toString(row.asExpected()))).append("\n");
        }
        return csv.toString();
    }

    /** {@code java ... XppCorpusRunner FOLDER RESULTS}. */
    public static void main(String[] args) throws IOException {
        run(Path.of(args[0]), Path.of(args[1]), System.out);
    }
}
