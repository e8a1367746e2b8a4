package org.neuroform.repl.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalDouble;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Query;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.repl.format.Coverage;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;
import org.neuroform.runtime.verify.QueryAccuracy;
import org.neuroform.runtime.verify.UnknownDeviation;
import org.neuroform.runtime.verify.Verification;
import org.neuroform.runtime.verify.Verifier;

/**
 * Writes the training report and the command-line documents as JSON. JSON has no NaN or
 * infinity: a number that is not finite is written {@code null}.
 */
public final class JsonWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonWriter() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The training object ({@link TrainingKeys}): {@code epochs} and {@code iterations} (the same
     * number), {@code loss}, {@code seconds}, {@code segments}, {@code restarts}, {@code converged},
     * {@code stopped}, {@code notes}, {@code max_residual} when it was measured, and {@code covered}:
     * the part of the domain the segments cover, {@code {"lower": …, "upper": …}} (the whole
     * domain unless training stopped part of the way).
     */
    public static ObjectNode training(TrainedSolution solution, OptionalDouble maxResidual) {
        TrainingReport report = solution.report();
        ObjectNode node = MAPPER.createObjectNode();
        node.put(TrainingKeys.EPOCHS, report.iterations());
        node.put(TrainingKeys.ITERATIONS, report.iterations());
        putNumber(node, TrainingKeys.LOSS, report.loss());
        node.put(TrainingKeys.SECONDS, report.seconds());
        node.put(TrainingKeys.SEGMENTS, report.segments());
        node.put(TrainingKeys.RESTARTS, report.restarts());
        node.put(TrainingKeys.CONVERGED, report.converged());
        node.put(TrainingKeys.STOPPED, report.stopped());
        ArrayNode notes = node.putArray(TrainingKeys.NOTES);
        report.notes().forEach(notes::add);
        if (maxResidual.isPresent()) {
            putNumber(node, TrainingKeys.MAX_RESIDUAL, maxResidual.getAsDouble());
        }
        node.putObject(TrainingKeys.COVERED).put("lower", solution.coveredLower()).put("upper", solution.coveredUpper());
        return node;
    }

    /**
     * {@code run --json}: {@code {"queries": [{"query", "value", "reliable", "residual",
     * "deviation"}], "reference": {"available", "method", "reason"}, "training": {…}}}, on one line.
     */
    public static String run(CompiledProblem problem, TrainedSolution solution, OptionalDouble maxResidual, Verifier verifier) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode queries = root.putArray("queries");
        for (Query query : problem.queries()) {
            ObjectNode node = queries.addObject();
            node.put("query", query.text());
            Optional<Diagnostic> beyond = Coverage.refusal(solution, query);
            if (refused(node, beyond)) {
                continue;
            }
            putNumber(node, "value", solution.evaluate(query.expression()));
            node.put("reliable", solution.report().converged());
            QueryAccuracy accuracy = verifier.accuracy(query.expression());
            putNumber(node, "residual", accuracy.residual());
            putNumber(node, "deviation", accuracy.deviation());
        }
        ObjectNode reference = root.putObject("reference");
        reference.put("available", !verifier.description().isEmpty());
        reference.put("method", verifier.description());
        if (verifier.description().isEmpty()) {
            reference.put("reason", verifier.unavailable());
        }
        ObjectNode training = training(solution, maxResidual);
        if (maxResidual.isPresent() && Double.isFinite(maxResidual.getAsDouble())) {
            training.put(TrainingKeys.MAX_RESIDUAL_OLD, maxResidual.getAsDouble()); // the old spelling, for old scripts
        }
        root.set("training", training);
        return root.toString();
    }

    /**
     * {@code verify --json}: {@code {"max_deviation", "max_scaled_deviation", "tolerance", "passed", "reference", "reason",
     * "points", "max_residual", "unknowns": [{"name", "max_deviation", "at", "max_scaled_deviation"}], "training": {…}}}.
     * {@code passed} is true only for a finite scaled deviation ({@code |u − ref| / max(1, |ref|)}) within the tolerance.
     */
    public static String verification(Verification verification, TrainedSolution solution, OptionalDouble maxResidual, double tolerance) {
        ObjectNode root = MAPPER.createObjectNode();
        putNumber(root, "max_deviation", verification.maxDeviation());
        putNumber(root, "max_scaled_deviation", verification.maxScaledDeviation());
        root.put("tolerance", tolerance);
        root.put("passed", verification.passes(tolerance));
        root.put("reference", verification.reference());
        if (!verification.hasReference()) {
            root.put("reason", verification.unavailable());
        }
        root.put("points", verification.points());
        if (verification.partial()) { // verified on the part a stopped training covered
            ArrayNode covered = root.putArray("covered");
            covered.add(verification.from());
            covered.add(verification.to());
        }
        putNumber(root, TrainingKeys.MAX_RESIDUAL, verification.maxResidual());
        ArrayNode unknowns = root.putArray("unknowns");
        for (UnknownDeviation unknown : verification.unknowns()) {
            ObjectNode node = unknowns.addObject();
            node.put("name", unknown.name());
            putNumber(node, "max_deviation", unknown.maxDeviation());
            putNumber(node, "at", unknown.at());
            putNumber(node, "max_scaled_deviation", unknown.maxScaledDeviation());
        }
        root.set("training", training(solution, maxResidual));
        return root.toString();
    }

    /**
     * A fit, into a {@code run --json} document: {@code "parameters": [{"name", "value", "stderr",
     * "interval": [low, high], "identifiable", "method", "at_bound"}]} and {@code "fit": {"observations",
     * "degrees_of_freedom", "rms", "chi_squared", "reduced_chi_squared", "sigma", "explains",
     * "r_squared", "identifiability", "correlation", "warnings", "notes", "converged", "starts", "solves", "seconds"}}.
     * Infinite interval ends (the data do not bound the param) are null.
     */
    public static String withFit(String runDocument, org.neuroform.runtime.fit.FitResult fit) {
        ObjectNode root;
        try {
            root = (ObjectNode) MAPPER.readTree(runDocument);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the run document is not JSON", e);
        }
        ArrayNode parameters = MAPPER.createArrayNode();
        for (org.neuroform.runtime.fit.FitResult.ParamEstimate p : fit.parameters()) {
            ObjectNode node = parameters.addObject();
            node.put("name", p.name());
            putNumber(node, "value", p.value());
            putNumber(node, "stderr", p.stderr());
            ArrayNode interval = node.putArray("interval");
            if (Double.isFinite(p.low())) {
                interval.add(p.low());
            } else {
                interval.addNull();
            }
            if (Double.isFinite(p.high())) {
                interval.add(p.high());
            } else {
                interval.addNull();
            }
            node.put("identifiable", p.identifiable());
            node.put("method", p.method());
            node.put("at_bound", p.atBound());
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("parameters", parameters);
        root.fields().forEachRemaining(entry -> out.set(entry.getKey(), entry.getValue()));
        ObjectNode node = out.putObject("fit");
        var g = fit.goodness();
        node.put("observations", g.observations());
        node.put("degrees_of_freedom", g.degreesOfFreedom());
        putNumber(node, "rms", g.rms());
        putNumber(node, "chi_squared", g.chiSquared());
        putNumber(node, "reduced_chi_squared", g.reducedChiSquared());
        putNumber(node, "sigma", g.sigma());
        node.put("explains", g.explains());
        putNumber(node, "r_squared", g.rSquared());
        ArrayNode identifiability = node.putArray("identifiability");
        fit.identifiability().forEach(identifiability::add);
        if (fit.correlation().isPresent()) {
            ArrayNode matrix = node.putArray("correlation");
            for (double[] row : fit.correlation().get()) {
                ArrayNode r = matrix.addArray();
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        r.add(v);
                    } else {
                        r.addNull();
                    }
                }
            }
        } else {
            node.putNull("correlation");
        }
        ArrayNode warnings = node.putArray("warnings");
        fit.warnings().forEach(warnings::add);
        ArrayNode notes = node.putArray("notes");
        fit.notes().forEach(notes::add);
        node.put("converged", fit.converged());
        node.put("starts", fit.starts());
        node.put("solves", fit.evaluations());
        node.put("seconds", fit.seconds());
        return out.toString();
    }

    /** A number when it is finite, null otherwise. */
    /** A query not answered (beyond the trained part): a null value, and why. Whether it was refused. */
    static boolean refused(ObjectNode node, Optional<Diagnostic> refusal) {
        if (refusal.isEmpty()) {
            return false;
        }
        node.putNull("value");
        node.put("reliable", false);
        node.put("refused", refusal.get().message());
        return true;
    }

    public static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
