package org.neuroform.runtime.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.train.Trainer;

/** Trains suite problems with their files' settings and measures them. */
public final class SuiteRunner {

    /** One row of the benchmark table. */
    public record Row(String problem, double maxError, double seconds, int iterations, int segments, int restarts,
            double loss, boolean converged) {}

    private SuiteRunner() {}

    public static CompiledProblem compile(Path file, String extraTrainLine) throws IOException {
        String text = Files.readString(file) + (extraTrainLine.isBlank() ? "" : "\n" + extraTrainLine + "\n");
        SourceFile source = new SourceFile(file.getFileName().toString(), text);
        Compilation compilation = Compiler.compile(source);
        return compilation.problem().orElseThrow(() -> new IllegalArgumentException(file + " does not compile: " + compilation.diagnostics()));
    }

    public static Row run(SuiteProblem problem, Path examples, String extraTrainLine) throws IOException {
        CompiledProblem compiled = compile(examples.resolve(problem.file()), extraTrainLine);
        TrainedSolution solution = new Trainer(compiled, TrainingMonitor.SILENT).train();
        Accuracy.Deviation deviation = Accuracy.maxError(solution, problem);
        var report = solution.report();
        return new Row(problem.name(), deviation.maxError(), report.seconds(), report.iterations(), report.segments(),
                report.restarts(), report.loss(), report.converged());
    }

    /** {@code java ... SuiteRunner EXAMPLES_DIR [NAME ...] [-- TRAIN OPTIONS]}: prints a table. */
    public static void main(String[] args) throws IOException {
        Path examples = Path.of(args[0]);
        List<String> names = new ArrayList<>();
        StringBuilder train = new StringBuilder();
        boolean options = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                options = true;
            } else if (options) {
                train.append(train.length() == 0 ? "train " : " ").append(args[i]);
            } else {
                names.add(args[i]);
            }
        }
        for (SuiteProblem problem : Suite.PROBLEMS) {
            if (!names.isEmpty() && !names.contains(problem.name())) {
                continue;
            }
            Row row = run(problem, examples, train.toString());
            System.out.printf("%-16s error %9.2e  %6.2f s  %6d it  %3d seg  %d restarts  loss %9.2e%s%n", row.problem(),
                    row.maxError(), row.seconds(), row.iterations(), row.segments(), row.restarts(), row.loss(),
                    row.converged() ? "" : "  NOT CONVERGED");
        }
    }
}
