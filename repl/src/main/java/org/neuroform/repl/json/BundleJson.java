package org.neuroform.repl.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.RangedParam;
import org.neuroform.runtime.bundle.BundleVerifier;
import org.neuroform.runtime.bundle.ParametricSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.verify.QueryAccuracy;

/**
 * The {@code run --json} and {@code verify --json} documents of a parametric solution: the same
 * shapes as {@link JsonWriter}'s, each query with the params' values it was answered at
 * ({@code "at": {"k": 0.3}}, and {@code "by": "k"} for a derivative by a param), and a
 * {@code "bundle"} object: the ranges, the node count, the interpolation error estimate.
 */
public final class BundleJson {
    private BundleJson() {}

    public static String run(CompiledProblem problem, ParametricSolution bundle, BundleVerifier verifier) {
        ObjectNode root = JsonWriter.mapper().createObjectNode();
        ArrayNode queries = root.putArray("queries");
        for (Query query : problem.queries()) {
            ObjectNode node = queries.addObject();
            node.put("query", query.text());
            ObjectNode at = node.putObject("at");
            query.at().forEach(at::put);
            if (query.isSensitivity()) {
                node.put("by", query.respectTo());
            }
            if (JsonWriter.refused(node, org.neuroform.repl.format.Coverage.refusal(bundle, query))) {
                continue; // as for one solution
            }
            JsonWriter.putNumber(node, "value", bundle.evaluate(query));
            node.put("reliable", bundle.report().training().converged());
            QueryAccuracy accuracy = verifier.accuracy(query);
            JsonWriter.putNumber(node, "residual", accuracy.residual());
            JsonWriter.putNumber(node, "deviation", accuracy.deviation());
        }
        ObjectNode reference = root.putObject("reference");
        reference.put("available", !verifier.description().isEmpty());
        reference.put("method", verifier.description());
        if (verifier.description().isEmpty()) {
            reference.put("reason", verifier.unavailable());
        }
        root.set("training", training(bundle));
        root.set("bundle", bundle(bundle));
        return root.toString();
    }

    public static String verification(BundleVerifier.Verification verification, ParametricSolution bundle, double tolerance) {
        ObjectNode root = JsonWriter.mapper().createObjectNode();
        JsonWriter.putNumber(root, "max_deviation", verification.maxDeviation());
        JsonWriter.putNumber(root, "max_scaled_deviation", verification.maxScaledDeviation());
        root.put("tolerance", tolerance);
        root.put("passed", verification.passes(tolerance));
        root.put("reference", verification.reference());
        if (!verification.hasReference()) {
            root.put("reason", verification.unavailable());
        }
        root.put("points", verification.points());
        JsonWriter.putNumber(root, TrainingKeys.MAX_RESIDUAL, verification.maxResidual());
        ArrayNode values = root.putArray("values");
        for (BundleVerifier.AtValue at : verification.values()) {
            ObjectNode node = values.addObject();
            ObjectNode params = node.putObject("at");
            at.values().forEach(params::put);
            JsonWriter.putNumber(node, "max_deviation", at.maxDeviation());
            JsonWriter.putNumber(node, "max_scaled_deviation", at.maxScaledDeviation());
            node.put("unknown", at.unknown());
            JsonWriter.putNumber(node, "where", at.at());
            JsonWriter.putNumber(node, TrainingKeys.MAX_RESIDUAL, at.maxResidual());
        }
        root.set("training", training(bundle));
        root.set("bundle", bundle(bundle));
        return root.toString();
    }

    /** The bundle's training report, as {@link JsonWriter#training} writes one solution's. */
    public static ObjectNode training(ParametricSolution bundle) {
        TrainingReport report = bundle.report().training();
        ObjectNode node = JsonWriter.mapper().createObjectNode();
        node.put(TrainingKeys.EPOCHS, report.iterations());
        node.put(TrainingKeys.ITERATIONS, report.iterations());
        JsonWriter.putNumber(node, TrainingKeys.LOSS, report.loss());
        node.put(TrainingKeys.SECONDS, report.seconds());
        node.put(TrainingKeys.SEGMENTS, report.segments());
        node.put(TrainingKeys.RESTARTS, report.restarts());
        node.put(TrainingKeys.CONVERGED, report.converged());
        node.put(TrainingKeys.STOPPED, report.stopped());
        ArrayNode notes = node.putArray(TrainingKeys.NOTES);
        report.notes().forEach(notes::add);
        node.putObject(TrainingKeys.COVERED).put("lower", bundle.coveredLower()).put("upper", bundle.coveredUpper());
        return node;
    }

    /**
     * {@code {"ranges": [{"name", "lower", "upper"}], "nodes_per_param", "nodes", "interpolation",
     * "interpolation_error"}}; {@code "interpolation"} is {@code "hermite"} (values and slopes ∂u/∂k
     * at the nodes) or {@code "lagrange"} (values).
     */
    public static ObjectNode bundle(ParametricSolution bundle) {
        ObjectNode node = JsonWriter.mapper().createObjectNode();
        ArrayNode ranges = node.putArray("ranges");
        for (RangedParam p : bundle.ranges().params()) {
            ranges.addObject().put("name", p.name()).put("lower", p.lower()).put("upper", p.upper());
        }
        node.put("nodes_per_param", bundle.nodesPerParam());
        node.put("nodes", bundle.report().nodes());
        node.put("interpolation", bundle.isHermite() ? "hermite" : "lagrange");
        JsonWriter.putNumber(node, "interpolation_error", bundle.report().interpolationError());
        return node;
    }
}
