package org.neuroform.repl.cli;

import java.io.PrintStream;
import org.neuroform.repl.fit.Fitting;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Query;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.repl.common.ExitCode;
import org.neuroform.repl.format.Accuracy;
import org.neuroform.repl.format.FitText;
import org.neuroform.runtime.fit.FitException;
import org.neuroform.runtime.fit.FitResult;
import org.neuroform.repl.format.Numbers;
import org.neuroform.repl.format.ProgressLine;
import org.neuroform.repl.format.Reports;
import org.neuroform.repl.json.JsonWriter;
import org.neuroform.repl.format.Coverage;
import org.neuroform.repl.solution.Residuals;
import org.neuroform.repl.terminal.Terminals;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.train.Trainer;
import org.neuroform.runtime.verify.Verification;
import org.neuroform.runtime.verify.Verifier;

/**
 * {@code neuroform run}: train a compiled problem, then answer its queries. The first Ctrl-C
 * stops training (the answers come from the best weights so far); a second one ends the process.
 */
final class ProblemRunner {
    private final PrintStream out;
    private final PrintStream err;

    ProblemRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(CompiledProblem problem, boolean json, boolean quiet) {
        return run(problem, json, quiet, false, 0);
    }

    /**
     * Trains, then answers the queries ({@code verify} false) or compares the whole solution
     * with the classical one ({@code verify} true: exit code 3 when it deviates by more than
     * {@code tolerance}).
     */
    int run(CompiledProblem problem, boolean json, boolean quiet, boolean verify, double tolerance) {
        AtomicInteger interrupts = new AtomicInteger();
        ProgressLine progress = null;
        TrainingMonitor monitor = new TrainingMonitor() {
            @Override
            public boolean stopRequested() {
                return interrupts.get() > 0;
            }
        };
        if (!quiet && Terminals.isStandardErrorTerminal()) {
            int width = Terminals.standardErrorWidth();
            progress = new ProgressLine(new ProgressLine.Display() {
                @Override
                public void show(String line) {
                    err.print("\r" + (line.length() >= width ? line.substring(0, width - 2) + "…" : line) + "\u001b[K");
                    err.flush();
                }

                @Override
                public void clear() {
                    err.print("\r\u001b[K");
                    err.flush();
                }
            }, problem.settings().epochs(), () -> interrupts.get() > 0);
            monitor = progress;
        }
        if (problem.isParametric()) {
            Terminals.Registration bundleRegistration = Terminals.onInterrupt(() -> {
                if (interrupts.incrementAndGet() > 1) {
                    Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
                }
            });
            try {
                return new BundleRunner(out, err).run(problem, monitor, json, quiet, verify, tolerance, () -> interrupts.get() > 0);
            } finally {
                bundleRegistration.close();
                if (progress != null) {
                    progress.finish();
                }
            }
        }
        TrainedSolution solution;
        FitResult fit = null;
        Optional<Fitting.Data> data = Optional.empty();
        if (problem.isInverse() || !problem.data().isEmpty()) {
            Fitting.Loaded loaded = Fitting.load(problem);
            err.print(loaded.rendered());
            if (loaded.data().isEmpty()) {
                return ExitCode.INPUT_ERROR;
            }
            data = loaded.data();
        }
        Terminals.Registration registration = Terminals.onInterrupt(() -> {
            if (interrupts.incrementAndGet() > 1) {
                Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
            }
        });
        try {
            if (problem.isInverse()) {
                try {
                    fit = Fitting.fit(problem, data.get().observations(), monitor);
                } catch (FitException e) {
                    err.println(problem.source().name() + ": error: " + e.getMessage());
                    return ExitCode.NOT_CONVERGED;
                }
                problem = fit.problem();
                solution = fit.solution();
            } else {
                solution = new Trainer(problem, monitor).train();
            }
        } finally {
            registration.close();
            if (progress != null) {
                progress.finish();
            }
        }
        TrainingReport report = solution.report();
        OptionalDouble residual = json || !quiet ? Residuals.max(solution) : OptionalDouble.empty(); // for the summary and JSON
        // The classical reference is computed only when something is printed from it.
        boolean accuracyShown = verify || json || !quiet || !report.converged();
        Verifier verifier = accuracyShown ? new Verifier(solution) : null;
        Verification verification = verify ? verifier.verify() : null;
        if (verify) {
            if (json) {
                String document = JsonWriter.verification(verification, solution, residual, tolerance);
                out.println(fit == null ? document : JsonWriter.withFit(document, fit));
            } else {
                if (fit != null) {
                    // verify, like run, fits first: the solution verified is the one at the estimates, which it names
                    out.println("verified at the estimates from data: " + fit.parameters().stream()
                            .map(p -> p.name() + " = " + Numbers.value(p.value())).collect(java.util.stream.Collectors.joining(", ")));
                }
                if (!quiet) {
                    printSummary(solution, residual);
                }
                out.print(Accuracy.verificationText(verification, problem.domain().variable()));
            }
        } else if (json) {
            String document = JsonWriter.run(problem, solution, residual, verifier);
            out.println(fit == null ? document : JsonWriter.withFit(document, fit));
        } else {
            if (fit != null) {
                out.print(quiet ? FitText.values(fit) : FitText.text(fit, data.map(Fitting.Data::files).orElse("")));
                if (quiet) {
                    FitText.quietWarnings(fit).forEach(err::println);
                }
            }
            if (!quiet) {
                printSummary(solution, residual);
                out.println(Accuracy.referenceLine(verifier));
            }
            for (Query query : problem.queries()) {
                Optional<Diagnostic> beyond = Coverage.refusal(solution, query);
                if (beyond.isPresent()) {
                    out.flush();
                    err.print(DiagnosticRenderer.render(problem.source(), List.of(beyond.get())));
                    continue;
                }
                out.println(query.text() + " = " + Numbers.value(solution.evaluate(query.expression())));
                if (!quiet || !report.converged()) {
                    out.println(Accuracy.queryLine(verifier.accuracy(query.expression()), report.converged()));
                }
            }
        }
        if (interrupts.get() > 0) {
            err.println("neuroform: stopped by Ctrl-C: the values above come from the best weights reached");
            return ExitCode.INTERRUPTED;
        }
        if (fit != null && !fit.converged()) {
            // Estimates that may not be the best fit are a result that may be wrong, like an unconverged training's.
            if (!quiet) {
                err.println(FitText.NOT_CONVERGED);
            }
            return ExitCode.NOT_CONVERGED;
        }
        if (!report.converged()) {
            err.println("warning: training did not converge (loss " + Numbers.brief(report.loss()) + "): the values above are unreliable");
            return ExitCode.NOT_CONVERGED;
        }
        if (!verify) {
            // A solution that ends early (a blow-up) converged on what it covers; a query beyond it got no answer.
            final TrainedSolution trained = solution;
            long refused = problem.queries().stream().filter(q -> Coverage.refusal(trained, q).isPresent()).count();
            if (refused > 0) {
                err.println("warning: " + refused + (refused == 1 ? " query lies" : " queries lie")
                        + " beyond the part of the domain the solution covers and " + (refused == 1 ? "was" : "were") + " not answered");
                return ExitCode.NOT_CONVERGED;
            }
        }
        if (verify) {
            if (verification.hasReference() && !verification.passes(tolerance)) {
                err.println("neuroform: verification failed: the solution deviates by " + Numbers.brief(verification.maxDeviation())
                        + Accuracy.relative(verification.maxDeviation(), verification.maxScaledDeviation(), "u")
                        + " from the classical one (tolerance " + Numbers.brief(tolerance) + ")");
                return ExitCode.NOT_CONVERGED;
            }
        }
        return ExitCode.OK;
    }

    /** The summary line, what a partial solution covers, and the notes. */
    private void printSummary(TrainedSolution solution, OptionalDouble residual) {
        out.println(Reports.summary(solution.report(), residual));
        if (!solution.coversDomain()) {
            out.println(Reports.coverage(solution) + "; queries beyond it are not answered");
        }
        for (String note : solution.report().notes()) {
            out.println("note: " + note);
        }
    }
}
