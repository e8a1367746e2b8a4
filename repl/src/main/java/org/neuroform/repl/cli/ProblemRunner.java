package org.neuroform.repl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Query;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.train.Trainer;
import org.neuroform.repl.format.Numbers;

/** {@code neuroform run}: train a compiled problem, then answer its queries. */
final class ProblemRunner {
    private final PrintStream out;
    private final PrintStream err;

    ProblemRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(CompiledProblem problem, boolean json, boolean quiet, TrainingMonitor monitor) {
        TrainedSolution solution = new Trainer(problem, monitor).train();
        TrainingReport report = solution.report();
        if (json) {
            out.println(json(problem, solution));
        } else {
            if (!quiet) {
                out.println(org.neuroform.repl.format.Reports.summary(report));
                for (String note : report.notes()) {
                    out.println("note: " + note);
                }
            }
            for (Query query : problem.queries()) {
                out.println(query.text() + " = " + Numbers.value(solution.evaluate(query.expression())));
            }
        }
        if (!report.converged()) {
            err.println("warning: training did not converge (loss " + Numbers.brief(report.loss()) + "): the values above are unreliable");
            return ExitCode.NOT_CONVERGED;
        }
        return ExitCode.OK;
    }

    static String json(CompiledProblem problem, TrainedSolution solution) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode queries = root.putArray("queries");
        for (Query query : problem.queries()) {
            ObjectNode node = queries.addObject();
            node.put("query", query.text());
            node.put("value", solution.evaluate(query.expression()));
        }
        TrainingReport report = solution.report();
        ObjectNode training = root.putObject("training");
        training.put("epochs", report.iterations());
        training.put("loss", report.loss());
        training.put("seconds", report.seconds());
        training.put("segments", report.segments());
        training.put("restarts", report.restarts());
        training.put("converged", report.converged());
        return root.toString();
    }
}
