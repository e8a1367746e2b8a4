package org.neuroform.repl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neuroform.repl.format.Numbers;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.verify.QueryAccuracy;
import org.neuroform.runtime.verify.UnknownDeviation;
import org.neuroform.runtime.verify.Verification;
import org.neuroform.runtime.verify.Verifier;

/**
 * How accuracy is printed: the line under each query value, the reference line, and the
 * text and JSON forms of {@code verify}. The {@code QUERY = VALUE} line itself never changes:
 * accuracy goes on its own line, so scripts reading those lines keep working.
 */
public final class Accuracy {
    private Accuracy() {}

    /** Which classical solution the deviations are measured against. */
    public static String referenceLine(Verifier verifier) {
        return verifier.description().isEmpty()
                ? "reference: none (" + verifier.unavailable() + "); accuracy is the residual only"
                : "reference: " + verifier.description();
    }

    /** {@code   (residual 3.1e-09; differs from the reference by 2.2e-10)} under a query's value. */
    public static String queryLine(QueryAccuracy accuracy) {
        return queryLine(accuracy, true);
    }

    /** The same, marked unreliable when training did not converge. */
    public static String queryLine(QueryAccuracy accuracy, boolean converged) {
        StringBuilder line = new StringBuilder(converged ? "  (" : "  (unreliable: training did not converge; ");
        line.append(Double.isNaN(accuracy.residual()) ? "no residual known" : "residual " + Numbers.brief(accuracy.residual()));
        if (!Double.isNaN(accuracy.deviation())) {
            line.append("; differs from the reference by ").append(Numbers.brief(accuracy.deviation()));
        }
        return line.append(')').toString();
    }

    public static String verificationText(Verification verification, String variable) {
        StringBuilder out = new StringBuilder();
        if (!verification.hasReference()) {
            out.append("no classical reference: ").append(verification.unavailable()).append('\n');
            out.append("max residual ").append(Numbers.brief(verification.maxResidual())).append(" (residual only)\n");
            return out.toString();
        }
        out.append("verified against ").append(verification.reference()).append(" on ").append(verification.points())
                .append(" points:\n");
        for (UnknownDeviation unknown : verification.unknowns()) {
            out.append("  ").append(unknown.name()).append(": max deviation ").append(Numbers.brief(unknown.maxDeviation()))
                    .append(" at ").append(variable).append(" = ").append(Numbers.compact(unknown.at(), 6)).append('\n');
        }
        out.append("max deviation ").append(Numbers.brief(verification.maxDeviation())).append(", max residual ")
                .append(Numbers.brief(verification.maxResidual())).append('\n');
        return out.toString();
    }

    public static String verificationJson(Verification verification, TrainingReport report, double tolerance) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        putNumber(root, "max_deviation", verification.maxDeviation());
        root.put("tolerance", tolerance);
        root.put("passed", verification.hasReference() && verification.maxDeviation() <= tolerance);
        root.put("reference", verification.reference());
        if (!verification.hasReference()) {
            root.put("reason", verification.unavailable());
        }
        root.put("points", verification.points());
        putNumber(root, "max_residual", verification.maxResidual());
        ArrayNode unknowns = root.putArray("unknowns");
        for (UnknownDeviation unknown : verification.unknowns()) {
            ObjectNode node = unknowns.addObject();
            node.put("name", unknown.name());
            putNumber(node, "max_deviation", unknown.maxDeviation());
            putNumber(node, "at", unknown.at());
        }
        ObjectNode training = root.putObject("training");
        training.put("epochs", report.iterations());
        training.put("loss", report.loss());
        training.put("seconds", report.seconds());
        training.put("segments", report.segments());
        training.put("converged", report.converged());
        return root.toString();
    }

    /** JSON has no NaN: a number when there is one, null otherwise. */
    static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
