package org.neuroform.repl.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.EstimatedParam;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.grammar.SourceParser;
import org.neuroform.runtime.fit.DataFile;
import org.neuroform.runtime.fit.Fit;
import org.neuroform.runtime.fit.FitException;
import org.neuroform.runtime.fit.FitResult;
import org.neuroform.runtime.fit.Observations;
import org.neuroform.runtime.fit.ParamProblem;
import org.neuroform.runtime.optim.TrainingMonitor;

/** Reading a problem's data files and fitting its estimated params: what {@code run} and the shell's {@code :fit} share. */
public final class Fitting {
    private Fitting() {}

    /** The pooled observations, and the files they came from (for the report). */
    public record Data(Observations observations, String files) {}

    /** The data, or nothing when some file has an error; {@code rendered} holds every diagnostic, warnings included. */
    public record Loaded(Optional<Data> data, String rendered) {}

    /** Reads the data files the problem names (and checks that estimated params have data). */
    public static Loaded load(CompiledProblem problem) {
        return load(problem, null);
    }

    /** The same, with relative data paths resolved against {@code directory} (the shell's :load-ed file's), when given. */
    public static Loaded load(CompiledProblem problem, java.nio.file.Path directory) {
        StringBuilder rendered = new StringBuilder();
        if (problem.data().isEmpty()) {
            EstimatedParam first = problem.estimated().get(0);
            Diagnostic missing = Diagnostic.error("no-data", first.span(), "param " + Diagnostic.quote(first.name())
                    + " is to be estimated from data, but the problem names no data file", "add a line: data \"FILE.csv\"");
            return new Loaded(Optional.empty(), DiagnosticRenderer.render(problem.source(), List.of(missing)));
        }
        Observations pooled = null;
        boolean failed = false;
        List<String> files = new ArrayList<>();
        List<DataFile.Read> reads = directory == null ? DataFile.readAll(problem) : problem.data().stream()
                .map(reference -> {
                    try {
                        return DataFile.read(directory.resolve(reference.path()), problem.source(), reference.span(), problem);
                    } catch (java.nio.file.InvalidPathException e) {
                        return DataFile.read(reference, problem);
                    }
                })
                .toList();
        String withSigma = null;
        int withoutSigma = -1;
        for (int i = 0; i < reads.size(); i++) {
            DataFile.Read read = reads.get(i);
            rendered.append(read.render());
            if (read.hasErrors() || read.observations().isEmpty()) {
                failed = true;
                continue;
            }
            files.add(read.source().name());
            if (read.observations().get().hasSigma()) {
                withSigma = withSigma == null ? problem.data().get(i).path() : withSigma;
            } else if (withoutSigma < 0) {
                withoutSigma = i;
            }
            pooled = pooled == null ? read.observations().get() : pooled.plus(read.observations().get());
        }
        if (failed || pooled == null) {
            return new Loaded(Optional.empty(), rendered.toString());
        }
        if (withSigma != null && withoutSigma >= 0) {
            // Pooled, the rows without a sigma would get one of 1 (and the stated ones be rescaled by the misfit).
            String name = problem.data().get(withoutSigma).path(); // as written in the problem
            Diagnostic mixed = Diagnostic.error("data-missing-sigma", problem.data().get(withoutSigma).span(),
                    "the data file " + name + " has no sigma while " + withSigma + " has: either every observation has a"
                            + " sigma or none has",
                    "add a sigma column to " + name + " (or remove the sigmas from the other files, to estimate the noise"
                            + " from the misfit)");
            rendered.append(DiagnosticRenderer.render(problem.source(), List.of(mixed)));
            return new Loaded(Optional.empty(), rendered.toString());
        }
        if (problem.isInverse() || problem.isParametric()) {
            // (a parametric problem's ranged params are what :fit estimates, over its bundle)
            int params = problem.isInverse() ? problem.estimated().size() : problem.ranges().params().size();
            org.neuroform.diagnostic.Span span = problem.isInverse() ? problem.estimated().get(0).span()
                    : problem.ranges().params().get(0).span();
            Optional<Diagnostic> count = DataFile.checkCount(pooled, params, span);
            if (count.isPresent()) {
                rendered.append(DiagnosticRenderer.render(problem.source(), List.of(count.get())));
                if (count.get().isError()) {
                    return new Loaded(Optional.empty(), rendered.toString());
                }
            }
        } else {
            rendered.append(problem.source().name()).append(": note: the data are used to estimate params written 'param k = ?'; "
                    + "this problem has none, so they are not used\n");
        }
        return new Loaded(Optional.of(new Data(pooled, String.join(", ", files))), rendered.toString());
    }

    /**
     * Estimates a parametric problem's ranged params from the observations, within their ranges:
     * the search and the profile checks interpolate {@code bundle} (no solves), the best fit is
     * polished by solves of the problem compiled at the trial values ({@link Fit#run} with a
     * surrogate). The result's problem and solution are the forward problem at the estimates.
     */
    public static FitResult fitOverBundle(org.neuroform.runtime.bundle.ParametricSolution bundle, Observations observations,
            TrainingMonitor monitor) throws FitException {
        int count = bundle.ranges().params().size();
        return Fit.overBundle(bundle, observations, Fit.Settings.defaults(count, bundle.problem().settings().seed()), monitor);
    }

    /** Estimates the problem's params from the observations (the program parsed again from its source, compiled at each trial value). */
    public static FitResult fit(CompiledProblem problem, Observations observations, TrainingMonitor monitor) throws FitException {
        var program = SourceParser.parse(problem.source()).program();
        ParamProblem params = ParamProblem.of(program, problem.estimated());
        return Fit.run(params, observations, Fit.Settings.defaults(problem.estimated().size(), problem.settings().seed()), monitor);
    }
}
