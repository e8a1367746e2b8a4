package org.neuroform.repl.cli;

import java.io.IOException;
import org.neuroform.repl.fit.Fitting;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import org.neuroform.repl.common.ExitCode;
import org.neuroform.runtime.suite.CorpusRunner;
import org.neuroform.runtime.suite.Suite;
import org.neuroform.runtime.suite.SuiteProblem;
import org.neuroform.runtime.suite.SuiteRunner;

/**
 * {@code neuroform bench}: trains every problem of the public suite with the default settings
 * and writes a Markdown and a CSV table (problem, max error, training seconds, iterations,
 * segments, time per iteration), with the machine and the date. A second run per problem with
 * {@code train accuracy = 1e-4} gives the time to an answer good to 1e−4, the figure the peers
 * are compared on (bench/README.md).
 */
final class BenchCommand {
    /** The CSV's format version, in its first column. */
    static final int CSV_VERSION = 1;
    /** fits.csv: version 2 added bundle_seconds (a ranged param fitted over its bundle). */
    static final int FITS_CSV_VERSION = 2;

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Trains the corpus (examples/corpus/*.ode) and writes its tables; returns the exit code. */
    int corpus(Path examples, Path output) {
        try {
            CorpusRunner.run(examples, output, out);
            return ExitCode.OK;
        } catch (IOException e) {
            err.println("neuroform bench --corpus: " + e.getMessage());
            return ExitCode.FILE_ERROR;
        }
    }

    /**
     * Fits every inverse-problem example (examples/fit-*.ode, default settings) twice — the first
     * run warms the JIT up — and writes DIR/fits.md and DIR/fits.csv: params, observations,
     * starts, solves, seconds of the second run, and what the fit found.
     */
    int fits(Path examples, Path output) {
        List<Path> files;
        try (var listing = java.nio.file.Files.list(examples)) {
            files = listing.filter(f -> f.getFileName().toString().matches("fit-.*\\.ode")).sorted().toList();
        } catch (IOException e) {
            err.println("neuroform bench --fits: " + e.getMessage());
            return ExitCode.FILE_ERROR;
        }
        String machine = machine();
        String date = java.time.LocalDate.now().toString();
        StringBuilder md = new StringBuilder("# Fits of the inverse-problem examples\n\n");
        md.append("`neuroform bench --fits` on ").append(date).append(", ").append(machine).append(".\n")
                .append("Each example fitted twice with default settings; the second run's fit is timed (in-process, JVM start and the "
                        + "final training excluded).\n\n")
                .append("A ranged param (`param c in [a, b]`) is fitted over its bundle: the bundle's training is timed apart, "
                        + "and the solves are only the polish's.\n\n")
                .append("| example | params | observations | starts | solves | seconds | bundle s | explains the data | estimates |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder csv = new StringBuilder("# neuroform fits, version " + FITS_CSV_VERSION + ", " + date + ", " + machine + "\n");
        csv.append("example,params,observations,starts,solves,seconds,bundle_seconds,explains,identifiable\n");
        for (Path file : files) {
            Optional<Fitted> fit = Optional.empty();
            for (int run = 0; run < 2; run++) {
                fit = fitOnce(file);
            }
            String name = file.getFileName().toString().replace(".ode", "");
            if (fit.isEmpty()) {
                md.append("| ").append(name).append(" | failed | | | | | | | |\n");
                continue;
            }
            org.neuroform.runtime.fit.FitResult f = fit.get().fit();
            double bundleSeconds = fit.get().bundleSeconds();
            List<String> estimates = new ArrayList<>();
            boolean identifiable = true;
            for (var p : f.parameters()) {
                identifiable &= p.identifiable();
                estimates.add(p.name() + " = " + org.neuroform.repl.format.Numbers.compact(p.value(), 6)
                        + (Double.isFinite(p.stderr()) ? " ± " + org.neuroform.repl.format.Numbers.brief(p.stderr()) : " (not determined)"));
            }
            String bundle = Double.isNaN(bundleSeconds) ? "" : String.format(java.util.Locale.ROOT, "%.2f", bundleSeconds);
            md.append(String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d | %d | %.2f | %s | %s | %s |%n", name, f.parameters().size(),
                    f.goodness().observations(), f.starts(), f.evaluations(), f.seconds(), bundle, f.goodness().explains() ? "yes" : "no",
                    String.join(", ", estimates)));
            csv.append(String.format(java.util.Locale.ROOT, "%s,%d,%d,%d,%d,%.3f,%s,%s,%s%n", name, f.parameters().size(),
                    f.goodness().observations(), f.starts(), f.evaluations(), f.seconds(), bundle, f.goodness().explains(), identifiable));
            out.printf(java.util.Locale.ROOT, "%-24s %2d solves  %6.2f s%n", name, f.evaluations(), f.seconds());
        }
        try {
            java.nio.file.Files.createDirectories(output);
            java.nio.file.Files.writeString(output.resolve("fits.md"), md.toString());
            java.nio.file.Files.writeString(output.resolve("fits.csv"), csv.toString());
        } catch (IOException e) {
            err.println("neuroform bench: cannot write to " + output + ": " + e.getMessage());
            return ExitCode.FILE_ERROR;
        }
        return ExitCode.OK;
    }

    /** Runs per bundle example: the first two warm the JIT up, the medians of the rest are reported. */
    static final int BUNDLE_RUNS = 7;

    /**
     * Trains every parametric example (examples/bundle-*.ode, default settings) and one forward
     * solve of each at the middle of its ranges, and writes DIR/bundle-examples.md and .csv: the
     * node count, the interpolation estimate, the seconds of each (medians) and their ratio, the
     * cost of the bundle in forward solves (issue 15 asks for at most 20 with one ranged param).
     */
    int bundles(Path examples, Path output) {
        List<Path> files;
        try (var listing = Files.list(examples)) {
            files = listing.filter(f -> f.getFileName().toString().matches("bundle-.*\\.ode")).sorted().toList();
        } catch (IOException e) {
            err.println("neuroform bench --bundles: " + e.getMessage());
            return ExitCode.FILE_ERROR;
        }
        String machine = machine();
        String date = java.time.LocalDate.now().toString();
        int threads = Runtime.getRuntime().availableProcessors();
        StringBuilder md = new StringBuilder("# Parametric examples: a bundle against one forward solve\n\n");
        md.append("`neuroform bench --bundles` on ").append(date).append(", ").append(machine).append(".\n")
                .append("Each example trained ").append(BUNDLE_RUNS).append(" times (default settings: nodes side by side on ").append(threads)
                .append(threads == 1 ? " core" : " cores").append(" once they take 20 ms or more) and solved once at the middle of its ranges")
                .append(" as many times;")
                .append(" medians of the last ").append(BUNDLE_RUNS - 2).append(" runs, in-process.\n\n")
                .append("| example | ranged params | nodes | interpolation estimate | bundle s | one solve s | ratio |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        StringBuilder csv = new StringBuilder("# neuroform bundle examples, version " + CSV_VERSION + ", " + date + ", " + machine + "\n");
        csv.append("example,params,nodes,interpolation_error,bundle_seconds,solve_seconds,ratio\n");
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".ode", "");
            Optional<org.neuroform.compiler.CompiledProblem> problem;
            try {
                problem = org.neuroform.compiler.frontend.Compiler.compile(org.neuroform.repl.common.SourceLoader.load(file)).problem();
            } catch (org.neuroform.repl.common.SourceLoader.LoadException e) {
                err.println(file + ": " + e.getMessage());
                problem = Optional.empty();
            }
            if (problem.isEmpty() || !problem.get().isParametric()) {
                md.append("| ").append(name).append(" | not a parametric problem that compiles | | | | | |\n");
                continue;
            }
            double[] bundleSeconds = new double[BUNDLE_RUNS - 2];
            double[] solveSeconds = new double[BUNDLE_RUNS - 2];
            org.neuroform.runtime.bundle.ParametricSolution bundle = null;
            for (int run = 0; run < BUNDLE_RUNS; run++) {
                long t0 = System.nanoTime();
                bundle = new org.neuroform.runtime.bundle.BundleTrainer(problem.get(), org.neuroform.runtime.optim.TrainingMonitor.SILENT).train();
                long t1 = System.nanoTime();
                new org.neuroform.runtime.train.Trainer(problem.get(), org.neuroform.runtime.optim.TrainingMonitor.SILENT).train();
                long t2 = System.nanoTime();
                if (run >= 2) {
                    bundleSeconds[run - 2] = (t1 - t0) / 1e9;
                    solveSeconds[run - 2] = (t2 - t1) / 1e9;
                }
            }
            java.util.Arrays.sort(bundleSeconds);
            java.util.Arrays.sort(solveSeconds);
            double b = bundleSeconds[bundleSeconds.length / 2];
            double one = solveSeconds[solveSeconds.length / 2];
            String params = String.join(", ", problem.get().ranges().params().stream()
                    .map(p -> p.name() + " in " + org.neuroform.repl.format.Reports.interval(p.lower(), p.upper())).toList());
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.3f | %.4f | %.1f |%n", name, params, bundle.report().nodes(),
                    org.neuroform.repl.format.Numbers.brief(bundle.report().interpolationError()), b, one, b / one));
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.3g,%.4f,%.5f,%.2f%n", name,
                    String.join(" ", problem.get().ranges().names()), bundle.report().nodes(), bundle.report().interpolationError(), b, one, b / one));
            out.printf(Locale.ROOT, "%-24s %3d nodes  %7.3f s  %5.1f solves%n", name, bundle.report().nodes(), b, b / one);
        }
        try {
            Files.createDirectories(output);
            Files.writeString(output.resolve("bundle-examples.md"), md.toString());
            Files.writeString(output.resolve("bundle-examples.csv"), csv.toString());
        } catch (IOException e) {
            err.println("neuroform bench: cannot write to " + output + ": " + e.getMessage());
            return ExitCode.FILE_ERROR;
        }
        return ExitCode.OK;
    }

    /** A fit, and the training time of the bundle it was made over (NaN when it fitted by solves). */
    private record Fitted(org.neuroform.runtime.fit.FitResult fit, double bundleSeconds) {}

    private Optional<Fitted> fitOnce(Path file) {
        try {
            var source = org.neuroform.repl.common.SourceLoader.load(file);
            var problem = org.neuroform.compiler.frontend.Compiler.compile(source).problem();
            if (problem.isEmpty()) {
                return Optional.empty();
            }
            Fitting.Loaded loaded = Fitting.load(problem.get());
            if (loaded.data().isEmpty()) {
                err.print(loaded.rendered());
                return Optional.empty();
            }
            if (problem.get().isParametric()) {
                // ranged params: the bundle trained first (its time is not the fit's), then the fit over it
                long start = System.nanoTime();
                var bundle = new org.neuroform.runtime.bundle.BundleTrainer(problem.get(), org.neuroform.runtime.optim.TrainingMonitor.SILENT)
                        .train();
                double seconds = (System.nanoTime() - start) / 1e9;
                return Optional.of(new Fitted(Fitting.fitOverBundle(bundle, loaded.data().get().observations(),
                        org.neuroform.runtime.optim.TrainingMonitor.SILENT), seconds));
            }
            return Optional.of(new Fitted(Fitting.fit(problem.get(), loaded.data().get().observations(),
                    org.neuroform.runtime.optim.TrainingMonitor.SILENT), Double.NaN));
        } catch (org.neuroform.repl.common.SourceLoader.LoadException | org.neuroform.runtime.fit.FitException e) {
            err.println(file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    int xpp(Path folder, Path output) {
        try {
            org.neuroform.runtime.suite.XppCorpusRunner.run(folder, output, out);
            return ExitCode.OK;
        } catch (IOException e) {
            err.println("neuroform bench --xpp: " + e.getMessage());
            return ExitCode.FILE_ERROR;
        }
    }

    /** One problem's measurements. */
    record Measurement(SuiteRunner.Row full, SuiteRunner.Row quick) {}

    int run(Path examples, Path output, List<String> names, boolean timeTo) {
        List<SuiteProblem> problems = new ArrayList<>();
        for (String name : names) {
            if (Suite.named(name).isEmpty()) {
                err.println("neuroform bench: no suite problem named " + name + " (the suite: "
                        + String.join(", ", Suite.PROBLEMS.stream().map(SuiteProblem::name).toList()) + ")");
                return ExitCode.USAGE;
            }
            problems.add(Suite.named(name).get());
        }
        if (problems.isEmpty()) {
            problems.addAll(Suite.PROBLEMS);
        }
        List<Measurement> measurements = new ArrayList<>();
        for (SuiteProblem problem : problems) {
            try {
                SuiteRunner.run(problem, examples, ""); // warm-up: measured as in a session that has run before, not the JIT's first pass
                SuiteRunner.Row full = SuiteRunner.run(problem, examples, "");
                SuiteRunner.Row quick = timeTo ? SuiteRunner.run(problem, examples, "train accuracy = 1e-4") : null;
                measurements.add(new Measurement(full, quick));
                out.println(line(full, quick));
            } catch (IOException e) {
                err.println("neuroform bench: cannot read " + examples.resolve(problem.file()) + ": " + e.getMessage());
                return ExitCode.FILE_ERROR;
            }
        }
        String machine = machine();
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        try {
            Files.createDirectories(output);
            Files.writeString(output.resolve("suite.md"), markdown(measurements, machine, date));
            Files.writeString(output.resolve("suite.csv"), csv(measurements, machine, date));
        } catch (IOException e) {
            err.println("neuroform bench: cannot write to " + output + ": " + e.getMessage());
            return ExitCode.FILE_ERROR;
        }
        out.println("wrote " + output.resolve("suite.md") + " and " + output.resolve("suite.csv"));
        boolean all = measurements.stream().allMatch(m -> m.full.converged() && m.full.maxError() <= 1e-6);
        return all ? ExitCode.OK : ExitCode.NOT_CONVERGED;
    }

    private static String line(SuiteRunner.Row full, SuiteRunner.Row quick) {
        return String.format(Locale.ROOT, "%-16s max error %9.2e  %7.2f s  %7d iterations  %4d segments%s", full.problem(),
                full.maxError(), full.seconds(), full.iterations(), full.segments(),
                quick == null ? "" : String.format(Locale.ROOT, "  |  to 1e-4: %6.3f s (error %.1e)", quick.seconds(), quick.maxError()));
    }

    static String markdown(List<Measurement> measurements, String machine, String date) {
        StringBuilder md = new StringBuilder();
        md.append("Suite: ../shared/benchmarks/problems.md as examples/*.ode, default settings (no train line).\n");
        md.append("Max error over 1001 equally spaced points, against the exact solution or DormandPrince853 at 1e-12.\n");
        md.append("Training seconds in-process, each problem trained once before it is measured (JIT warm-up).\n");
        md.append("Machine: ").append(machine).append("; ").append(date).append(".\n\n");
        boolean timeTo = measurements.stream().anyMatch(m -> m.quick != null);
        md.append("| problem | max error | training s | iterations | segments | µs per iteration |");
        md.append(timeTo ? " to 1e-4: s | (its error) |\n" : "\n");
        md.append("|---|---:|---:|---:|---:|---:|").append(timeTo ? "---:|---:|\n" : "\n");
        for (Measurement m : measurements) {
            SuiteRunner.Row r = m.full;
            md.append(String.format(Locale.ROOT, "| %s | %.1e | %.2f | %d | %d | %.0f |", r.problem(), r.maxError(), r.seconds(),
                    r.iterations(), r.segments(), perIteration(r)));
            if (timeTo) {
                md.append(m.quick == null ? " | |" : String.format(Locale.ROOT, " %.3f | %.1e |", m.quick.seconds(), m.quick.maxError()));
            }
            md.append('\n');
        }
        return md.toString();
    }

    static String csv(List<Measurement> measurements, String machine, String date) {
        StringBuilder csv = new StringBuilder(
                "version,problem,max_error,training_seconds,iterations,segments,microseconds_per_iteration,converged,"
                        + "seconds_to_1e-4,error_at_1e-4,machine,date\n");
        for (Measurement m : measurements) {
            SuiteRunner.Row r = m.full;
            csv.append(String.format(Locale.ROOT, "%d,%s,%.6e,%.4f,%d,%d,%.1f,%b,%s,%s,\"%s\",%s%n", CSV_VERSION, r.problem(),
                    r.maxError(), r.seconds(), r.iterations(), r.segments(), perIteration(r), r.converged(),
                    m.quick == null ? "" : String.format(Locale.ROOT, "%.4f", m.quick.seconds()),
                    m.quick == null ? "" : String.format(Locale.ROOT, "%.6e", m.quick.maxError()),
                    machine.replace("\"", "'"), date));
        }
        return csv.toString();
    }

    private static double perIteration(SuiteRunner.Row row) {
        return row.iterations() == 0 ? 0 : row.seconds() * 1e6 / row.iterations();
    }

    /** The processor, core count, memory, OS and Java, as far as they can be read. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: keep "unknown CPU"
        }
        long memory = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, JVM heap " + memory + " MiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }
}
