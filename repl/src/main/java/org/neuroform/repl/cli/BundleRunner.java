package org.neuroform.repl.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Query;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.repl.common.ExitCode;
import org.neuroform.repl.format.Accuracy;
import org.neuroform.repl.format.BundleText;
import org.neuroform.repl.format.Coverage;
import org.neuroform.repl.format.Numbers;
import org.neuroform.repl.format.Reports;
import org.neuroform.repl.json.BundleJson;
import org.neuroform.runtime.bundle.BundleTrainer;
import org.neuroform.runtime.bundle.BundleVerifier;
import org.neuroform.runtime.bundle.ParametricSolution;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainingReport;

/**
 * {@code run} and {@code verify} for a problem with ranged params ({@code param k in [a, b]}):
 * the parametric solution trained, then each query answered at its own values of the params, with
 * its accuracy there; {@code verify} compares with the classical integrator at 21 values (or a
 * grid of them) across the ranges.
 */
final class BundleRunner {
    private final PrintStream out;
    private final PrintStream err;

    BundleRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(CompiledProblem problem, TrainingMonitor monitor, boolean json, boolean quiet, boolean verify, double tolerance,
            java.util.function.BooleanSupplier interrupted) {
        // Data with ranged params: the ranged params are fitted to them over the bundle (not for verify).
        java.util.Optional<org.neuroform.repl.fit.Fitting.Data> data = java.util.Optional.empty();
        if (!problem.data().isEmpty() && !verify) {
            org.neuroform.repl.fit.Fitting.Loaded loaded = org.neuroform.repl.fit.Fitting.load(problem);
            err.print(loaded.rendered());
            if (loaded.data().isEmpty()) {
                return ExitCode.INPUT_ERROR;
            }
            data = loaded.data();
        }
        ParametricSolution bundle;
        try {
            bundle = new BundleTrainer(problem, monitor).train();
        } catch (BundleTrainer.BundleException e) {
            err.println(problem.source().name() + ": error: " + e.getMessage());
            return ExitCode.NOT_CONVERGED;
        }
        org.neuroform.runtime.fit.FitResult fit = null;
        if (data.isPresent() && !interrupted.getAsBoolean()) {
            try {
                fit = org.neuroform.repl.fit.Fitting.fitOverBundle(bundle, data.get().observations(), monitor);
            } catch (org.neuroform.runtime.fit.FitException e) {
                err.println(problem.source().name() + ": error: " + e.getMessage());
                return ExitCode.NOT_CONVERGED;
            }
        }
        TrainingReport report = bundle.report().training();
        BundleVerifier verifier = new BundleVerifier(bundle);
        BundleVerifier.Verification verification = verify ? verifier.verify() : null;
        String variable = problem.domain().variable();
        if (verify) {
            if (json) {
                out.println(BundleJson.verification(verification, bundle, tolerance));
            } else {
                if (!quiet) {
                    printSummary(bundle);
                }
                out.print(BundleText.verificationText(verification, variable));
            }
        } else if (json) {
            String document = BundleJson.run(problem, bundle, verifier);
            out.println(fit == null ? document : org.neuroform.repl.json.JsonWriter.withFit(document, fit));
        } else {
            if (fit != null) {
                out.print(quiet ? org.neuroform.repl.format.FitText.values(fit) : org.neuroform.repl.format.FitText.text(fit, data.get().files()));
                if (quiet) {
                    org.neuroform.repl.format.FitText.quietWarnings(fit).forEach(err::println);
                }
            }
            if (!quiet) {
                printSummary(bundle);
                out.println(verifier.description().isEmpty()
                        ? "reference: none (" + verifier.unavailable() + "); accuracy is the residual only"
                        : "reference: " + verifier.description() + ", at each query's values of the params");
            }
            for (Query query : problem.queries()) {
                Optional<Diagnostic> beyond = Coverage.refusal(bundle, query); // a node's training stopped before this point
                if (beyond.isPresent()) {
                    out.flush();
                    err.print(DiagnosticRenderer.render(problem.source(), List.of(beyond.get())));
                    continue;
                }
                double value = bundle.evaluate(query);
                out.println(query.text() + " = " + Numbers.value(value));
                if (!quiet || !report.converged()) {
                    out.println(Accuracy.queryLine(verifier.accuracy(query), report.converged()));
                }
            }
        }
        if (interrupted.getAsBoolean()) {
            err.println("neuroform: stopped by Ctrl-C: the values above interpolate the node solutions trained so far");
            return ExitCode.INTERRUPTED;
        }
        if (fit != null && !fit.converged()) {
            if (!quiet) {
                err.println(org.neuroform.repl.format.FitText.NOT_CONVERGED);
            }
            return ExitCode.NOT_CONVERGED;
        }
        if (!report.converged()) {
            err.println("warning: training did not converge over the whole range: the values above are unreliable");
            return ExitCode.NOT_CONVERGED;
        }
        if (verify && verification.hasReference() && !verification.passes(tolerance)) {
            err.println("neuroform: verification failed: the solution deviates by " + Numbers.brief(verification.maxDeviation())
                        + Accuracy.relative(verification.maxDeviation(), verification.maxScaledDeviation(), "u")
                    + " from the classical one (tolerance " + Numbers.brief(tolerance) + ")");
            return ExitCode.NOT_CONVERGED;
        }
        return ExitCode.OK;
    }

    private void printSummary(ParametricSolution bundle) {
        out.println(Reports.summary(bundle.report().training()));
        out.println(BundleText.summary(bundle));
        for (String note : bundle.report().training().notes()) {
            out.println("note: " + note);
        }
    }
}
