package org.neuroform.repl.solution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.settings.TrainOptions;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.TrialFamily;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.compiler.trial.TrialSystemBuilder;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.repl.json.JsonWriter;
import org.neuroform.repl.json.TrainingKeys;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.solution.TrainingReport;

/**
 * A trained solution as a JSON file ({@code :save} / {@code :open}): the problem's source text,
 * and per segment its interval, the exact linear conditions its trial solution was built from,
 * the trial family and coordinate map, the network layout, parameters and output scales, and the
 * training report. Numbers are written with Java's shortest round-trip form, so a solution read
 * back gives bit-identical values.
 *
 * <p>Reading trusts nothing: the file is validated field by field (types, sizes, finite numbers,
 * adjacent segments inside the domain), the source is recompiled, and each segment's trial system is
 * rebuilt with {@link TrialSystemBuilder#build}. Any problem is a {@link FormatException} with a
 * message naming the field; the caller's state is untouched.
 *
 * <pre>
 * {"format": "neuroform-solution", "version": 2, "writer": "neuroform 0.1.0",
 *  "source": {"name": "decay.ode", "text": "domain x in [0, 1]\n…"},
 *  "unknowns": [{"name": "y", "order": 1}],
 *  "report": {"epochs": 50, "iterations": 50, "loss": 1e-12, "seconds": 0.2, "segments": 1,
 *             "restarts": 0, "converged": true, "stopped": false, "notes": []},
 *  "segments": [{"lower": 0, "upper": 1, "map": {"origin": 0, "scale": 1}, "family": "lagaris",
 *                "conditions": [{"terms": [{"unknown": "y", "order": 0, "point": 0, "coefficient": 1}],
 *                                "value": 1, "label": "y(0) = 1"}],
 *                "layout": {"hidden": [16], "activation": "tanh", "shared": false},
 *                "scales": [1], "parameters": [ … ]}]}
 * </pre>
 */
public final class SolutionFile {
    public static final String FORMAT = "neuroform-solution";
    /**
     * The format version written. 2 added {@code report.epochs} (the same number as
     * {@code report.iterations}) and {@code report.covered}, the part of the domain the segments
     * cover (all of it unless training stopped early: Ctrl-C, a blow-up; it is derived from the
     * segments, so reading does not need it). 3 adds {@code "estimates": {"k": 0.7, …}}, the values
     * of params estimated from data ({@code param k = ?}) the solution was trained at, written only
     * for such a problem (so that a neuroform that cannot read them refuses the file rather than
     * recompiling the problem at other values); other solutions are still written as version 2.
     * Version 1 files still open.
     */
    public static final int VERSION = 3;
    /** The version written for a problem without estimated params. */
    static final int VERSION_WITHOUT_ESTIMATES = 2;
    /** The oldest format version read. */
    public static final int OLDEST_VERSION = 1;
    /** Larger files are refused before reading. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Why a file could not be read or written; the message is for the user. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormatException(String message) {
            super(message);
        }
    }

    private SolutionFile() {}

    // ------------------------------------------------------------------ writing

    /** The JSON text of a solution. */
    public static String write(TrainedSolution solution, String writer) {
        CompiledProblem problem = solution.problem();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", problem.isInverse() ? VERSION : VERSION_WITHOUT_ESTIMATES);
        root.put("writer", writer);
        ObjectNode source = root.putObject("source");
        source.put("name", problem.source().name());
        source.put("text", problem.source().text());
        if (problem.isInverse()) {
            ObjectNode estimates = root.putObject("estimates");
            for (org.neuroform.compiler.EstimatedParam param : problem.estimated()) {
                estimates.put(param.name(), problem.params().get(param.name()));
            }
        }
        ArrayNode unknowns = root.putArray("unknowns");
        for (UnknownFunction unknown : problem.unknowns()) {
            unknowns.addObject().put("name", unknown.name()).put("order", unknown.order());
        }
        root.set("report", JsonWriter.training(solution, OptionalDouble.empty()));
        ArrayNode segments = root.putArray("segments");
        for (Segment segment : solution.segments()) {
            ObjectNode s = segments.addObject();
            s.put("lower", segment.lower());
            s.put("upper", segment.upper());
            TrialSystem trial = segment.trial();
            s.putObject("map").put("origin", trial.map().origin()).put("scale", trial.map().scale());
            s.put("family", trial.family().keyword());
            ArrayNode conditions = s.putArray("conditions");
            for (LinearCondition condition : trial.conditions()) {
                ObjectNode c = conditions.addObject();
                ArrayNode terms = c.putArray("terms");
                for (ConditionTerm term : condition.terms()) {
                    terms.addObject()
                            .put("unknown", problem.unknowns().get(term.unknown()).name())
                            .put("order", term.order())
                            .put("point", term.point())
                            .put("coefficient", term.coefficient());
                }
                c.put("value", condition.value());
                c.put("label", condition.label());
            }
            NetworkLayout layout = segment.layout();
            ObjectNode l = s.putObject("layout");
            ArrayNode hidden = l.putArray("hidden");
            layout.hidden().forEach(hidden::add);
            l.put("activation", layout.activation().name().toLowerCase(Locale.ROOT));
            l.put("shared", layout.shared());
            ArrayNode scales = s.putArray("scales");
            for (double v : segment.scales()) {
                scales.add(v);
            }
            ArrayNode parameters = s.putArray("parameters");
            for (double v : segment.parameters()) {
                parameters.add(v);
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the file through a temporary file in the same directory and a rename, so that a
     * failed save never leaves a half-written file in place of a good one.
     */
    public static void save(TrainedSolution solution, String writer, Path path) throws FormatException {
        String text = write(solution, writer);
        Path absolute = path.toAbsolutePath();
        Path directory = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new FormatException(path + ": is a directory");
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new FormatException(path + ": no such directory");
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, ".neuroform-", ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (AccessDeniedException e) {
            throw new FormatException(path + ": permission denied");
        } catch (IOException e) {
            throw new FormatException(path + ": cannot write (" + e.getMessage() + ")");
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: the message above says what went wrong
                }
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /** Reads and validates a solution file. */
    public static TrainedSolution open(Path path) throws FormatException {
        String text;
        try {
            if (Files.isDirectory(path)) {
                throw new FormatException(path + ": is a directory, not a solution file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new FormatException(path + ": file too large (" + size + " bytes)");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FormatException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new FormatException(path + ": permission denied");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new FormatException(path + ": not a neuroform solution file (not UTF-8 text)");
        } catch (IOException e) {
            throw new FormatException(path + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            return read(text);
        } catch (FormatException e) {
            throw new FormatException(path + ": " + e.getMessage());
        }
    }

    /** Parses and validates the JSON text of a solution. */
    public static TrainedSolution read(String text) throws FormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            boolean truncated = e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input");
            throw new FormatException("not a valid solution file: " + (truncated ? "the JSON text ends early (truncated?)" : "broken JSON") + where);
        }
        if (root == null || !root.isObject()) {
            throw new FormatException("not a neuroform solution file (no JSON object)");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new FormatException("not a neuroform solution file (its \"format\" is not \"" + FORMAT + "\")");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw new FormatException("the solution file has no format version");
        }
        if (version.asLong() > VERSION) {
            throw new FormatException("written by a newer neuroform (format version " + version.asLong()
                    + "; this one reads versions " + OLDEST_VERSION + " to " + VERSION + ")");
        }
        if (version.asLong() < OLDEST_VERSION) {
            throw new FormatException("unsupported format version " + version.asLong() + " (this neuroform reads versions "
                    + OLDEST_VERSION + " to " + VERSION + ")");
        }
        return new Reader(root).solution();
    }

    /** Validates one parsed document; every message names the field it is about. */
    private static final class Reader {
        private final JsonNode root;

        Reader(JsonNode root) {
            this.root = root;
        }

        TrainedSolution solution() throws FormatException {
            JsonNode source = object(root, "source", "source");
            String name = string(source, "name", "source.name");
            String text = string(source, "text", "source.text");
            SourceFile file = new SourceFile(name, text);
            Compilation compilation = Compiler.compile(file);
            JsonNode estimates = root.get("estimates");
            if (estimates != null) {
                if (!estimates.isObject()) {
                    throw new FormatException("estimates: not an object");
                }
                java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
                for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) estimates::fields) {
                    if (!entry.getValue().isNumber() || !Double.isFinite(entry.getValue().asDouble())) {
                        throw new FormatException("estimates." + entry.getKey() + ": not a finite number");
                    }
                    values.put(entry.getKey(), entry.getValue().asDouble());
                }
                var parsed = org.neuroform.grammar.SourceParser.parse(file);
                if (!parsed.hasErrors()) {
                    compilation = Compiler.compileAt(parsed.program(), values);
                }
                if (compilation.problem().isPresent()) {
                    var names = compilation.problem().get().estimated().stream().map(org.neuroform.compiler.EstimatedParam::name).toList();
                    if (!new java.util.HashSet<>(names).equals(values.keySet())) {
                        throw new FormatException("estimates: " + values.keySet() + " are not the problem's estimated params " + names);
                    }
                }
            }
            if (compilation.problem().isEmpty()) {
                List<Diagnostic> errors = compilation.errors();
                throw new FormatException("its problem does not compile:\n" + DiagnosticRenderer.render(file, errors).stripTrailing());
            }
            CompiledProblem problem = compilation.problem().get();
            if (problem.isInverse() && estimates == null) {
                throw new FormatException("estimates: missing, and the problem estimates params from data (the values it was trained at are needed)");
            }
            checkUnknowns(problem);
            TrainingReport report = report(object(root, "report", "report"));
            JsonNode segmentsNode = array(root, "segments", "segments");
            if (segmentsNode.isEmpty()) {
                throw new FormatException("segments: no segment");
            }
            // The segments are adjacent and inside the domain. They cover all of it, or, when
            // training stopped part of the way (Ctrl-C, a blow-up), the part that was trained.
            List<Segment> segments = new ArrayList<>();
            double domainLower = problem.domain().lower();
            double domainUpper = problem.domain().upper();
            double previousUpper = Double.NaN;
            for (int k = 0; k < segmentsNode.size(); k++) {
                String where = "segments[" + k + "]";
                Segment segment = segment(problem, segmentsNode.get(k), where);
                if (k == 0 && segment.lower() < domainLower) {
                    throw new FormatException(where + ".lower: " + segment.lower() + " is below the domain, which starts at " + domainLower);
                }
                if (k > 0 && segment.lower() != previousUpper) {
                    throw new FormatException(where + ".lower: " + segment.lower() + " does not continue the previous segment (which ends at "
                            + previousUpper + ")");
                }
                previousUpper = segment.upper();
                segments.add(segment);
            }
            if (previousUpper > domainUpper) {
                throw new FormatException("segments: they end at " + previousUpper + ", beyond the domain, which ends at " + domainUpper);
            }
            return new TrainedSolution(problem, segments, report);
        }

        private void checkUnknowns(CompiledProblem problem) throws FormatException {
            JsonNode unknowns = array(root, "unknowns", "unknowns");
            List<UnknownFunction> expected = problem.unknowns();
            if (unknowns.size() != expected.size()) {
                throw new FormatException("unknowns: " + unknowns.size() + " listed, the problem has " + expected.size());
            }
            for (int u = 0; u < expected.size(); u++) {
                JsonNode node = unknowns.get(u);
                String where = "unknowns[" + u + "]";
                if (!node.isObject()) {
                    throw new FormatException(where + ": expected an object");
                }
                String name = string(node, "name", where + ".name");
                int order = integer(node, "order", where + ".order", 0, 64);
                if (!name.equals(expected.get(u).name()) || order != expected.get(u).order()) {
                    throw new FormatException(where + ": " + name + " of order " + order + " does not match the problem's "
                            + expected.get(u).name() + " of order " + expected.get(u).order());
                }
            }
        }

        private TrainingReport report(JsonNode node) throws FormatException {
            // Version 1 files have "iterations" only; later ones both it and "epochs", the same number.
            String iterationsKey = node.has(TrainingKeys.ITERATIONS) || !node.has(TrainingKeys.EPOCHS) ? TrainingKeys.ITERATIONS : TrainingKeys.EPOCHS;
            int iterations = integer(node, iterationsKey, "report." + iterationsKey, 0, Integer.MAX_VALUE);
            JsonNode lossNode = node.get("loss");
            double loss;
            if (lossNode == null) {
                throw new FormatException("report.loss: missing");
            } else if (lossNode.isNull()) {
                loss = Double.NaN;
            } else {
                loss = number(node, "loss", "report.loss");
            }
            double seconds = number(node, "seconds", "report.seconds");
            int segments = integer(node, "segments", "report.segments", 0, Integer.MAX_VALUE);
            int restarts = integer(node, "restarts", "report.restarts", 0, Integer.MAX_VALUE);
            boolean converged = bool(node, "converged", "report.converged");
            boolean stopped = bool(node, "stopped", "report.stopped");
            JsonNode notesNode = array(node, "notes", "report.notes");
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < notesNode.size(); i++) {
                if (!notesNode.get(i).isTextual()) {
                    throw new FormatException("report.notes[" + i + "]: expected text");
                }
                notes.add(notesNode.get(i).asText());
            }
            return new TrainingReport(iterations, loss, seconds, segments, restarts, converged, stopped, notes);
        }

        private Segment segment(CompiledProblem problem, JsonNode node, String where) throws FormatException {
            if (!node.isObject()) {
                throw new FormatException(where + ": expected an object");
            }
            double lower = number(node, "lower", where + ".lower");
            double upper = number(node, "upper", where + ".upper");
            if (!(lower < upper)) {
                throw new FormatException(where + ": lower " + lower + " is not below upper " + upper);
            }
            JsonNode mapNode = object(node, "map", where + ".map");
            double origin = number(mapNode, "origin", where + ".map.origin");
            double scale = number(mapNode, "scale", where + ".map.scale");
            if (!(scale > 0)) {
                throw new FormatException(where + ".map.scale: must be positive");
            }
            CoordinateMap map = new CoordinateMap(origin, scale);
            TrialFamily family = family(string(node, "family", where + ".family"), where + ".family");
            JsonNode conditionsNode = array(node, "conditions", where + ".conditions");
            List<LinearCondition> conditions = new ArrayList<>();
            for (int i = 0; i < conditionsNode.size(); i++) {
                conditions.add(condition(problem, conditionsNode.get(i), where + ".conditions[" + i + "]", lower, upper));
            }
            NetworkLayout layout = layout(object(node, "layout", where + ".layout"), where + ".layout");
            int unknowns = problem.unknowns().size();
            double[] scales = numbers(node, "scales", where + ".scales");
            if (scales.length != unknowns) {
                throw new FormatException(where + ".scales: " + scales.length + " values for " + unknowns + " unknown" + (unknowns == 1 ? "" : "s"));
            }
            for (int i = 0; i < scales.length; i++) {
                if (!(scales[i] > 0)) {
                    throw new FormatException(where + ".scales[" + i + "]: must be positive");
                }
            }
            double[] parameters = numbers(node, "parameters", where + ".parameters");
            int expected = layout.parameterCount(unknowns);
            if (parameters.length != expected) {
                throw new FormatException(where + ".parameters: " + parameters.length + " values, the layout needs " + expected);
            }
            TrialSystem trial;
            try {
                trial = TrialSystemBuilder.build(problem.orders(), conditions, map, family);
            } catch (RuntimeException e) {
                throw new FormatException(where + ".conditions: they do not give a trial solution (" + e.getMessage() + ")");
            }
            if (!trial.dependent().isEmpty()) {
                throw new FormatException(where + ".conditions: \"" + trial.dependent().get(0).label() + "\" depends on the others");
            }
            return new Segment(lower, upper, trial, layout, parameters, scales);
        }

        private LinearCondition condition(CompiledProblem problem, JsonNode node, String where, double lower, double upper)
                throws FormatException {
            if (!node.isObject()) {
                throw new FormatException(where + ": expected an object");
            }
            JsonNode termsNode = array(node, "terms", where + ".terms");
            if (termsNode.isEmpty()) {
                throw new FormatException(where + ".terms: no term");
            }
            List<ConditionTerm> terms = new ArrayList<>();
            for (int t = 0; t < termsNode.size(); t++) {
                String at = where + ".terms[" + t + "]";
                JsonNode term = termsNode.get(t);
                if (!term.isObject()) {
                    throw new FormatException(at + ": expected an object");
                }
                String name = string(term, "unknown", at + ".unknown");
                int unknown = problem.unknownIndex(name);
                if (unknown < 0) {
                    throw new FormatException(at + ".unknown: the problem has no unknown " + name);
                }
                int order = integer(term, "order", at + ".order", 0, 64);
                if (order >= problem.unknowns().get(unknown).order()) {
                    throw new FormatException(at + ".order: " + order + " is not below the order of " + name);
                }
                double point = number(term, "point", at + ".point");
                if (point < lower || point > upper) {
                    throw new FormatException(at + ".point: " + point + " is outside the segment [" + lower + ", " + upper + "]");
                }
                double coefficient = number(term, "coefficient", at + ".coefficient");
                terms.add(new ConditionTerm(unknown, order, point, coefficient));
            }
            double value = number(node, "value", where + ".value");
            String label = string(node, "label", where + ".label");
            return new LinearCondition(terms, value, label);
        }

        private NetworkLayout layout(JsonNode node, String where) throws FormatException {
            JsonNode hiddenNode = array(node, "hidden", where + ".hidden");
            if (hiddenNode.isEmpty() || hiddenNode.size() > TrainOptions.MAX_LAYERS) {
                throw new FormatException(where + ".hidden: 1 to " + TrainOptions.MAX_LAYERS + " layers expected");
            }
            List<Integer> hidden = new ArrayList<>();
            for (int i = 0; i < hiddenNode.size(); i++) {
                JsonNode width = hiddenNode.get(i);
                if (!width.isIntegralNumber() || width.asLong() < 1 || width.asLong() > TrainOptions.MAX_WIDTH) {
                    throw new FormatException(where + ".hidden[" + i + "]: a width from 1 to " + TrainOptions.MAX_WIDTH + " expected");
                }
                hidden.add(width.asInt());
            }
            String activationName = string(node, "activation", where + ".activation");
            NetworkShape.Activation activation = null;
            for (NetworkShape.Activation candidate : NetworkShape.Activation.values()) {
                if (candidate.name().toLowerCase(Locale.ROOT).equals(activationName)) {
                    activation = candidate;
                }
            }
            if (activation == null) {
                throw new FormatException(where + ".activation: unknown activation \"" + activationName + "\"");
            }
            boolean shared = bool(node, "shared", where + ".shared");
            return new NetworkLayout(hidden, activation, shared);
        }

        private static TrialFamily family(String keyword, String where) throws FormatException {
            for (TrialFamily family : TrialFamily.values()) {
                if (family.keyword().equals(keyword)) {
                    return family;
                }
            }
            throw new FormatException(where + ": unknown trial family \"" + keyword + "\"");
        }

        // -------------------------------------------------------------- typed fields

        private static JsonNode field(JsonNode node, String field, String where) throws FormatException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw new FormatException(where + ": missing");
            }
            return value;
        }

        private static JsonNode object(JsonNode node, String field, String where) throws FormatException {
            JsonNode value = field(node, field, where);
            if (!value.isObject()) {
                throw new FormatException(where + ": expected an object");
            }
            return value;
        }

        private static JsonNode array(JsonNode node, String field, String where) throws FormatException {
            JsonNode value = field(node, field, where);
            if (!value.isArray()) {
                throw new FormatException(where + ": expected a list");
            }
            return value;
        }

        private static String string(JsonNode node, String field, String where) throws FormatException {
            JsonNode value = field(node, field, where);
            if (!value.isTextual()) {
                throw new FormatException(where + ": expected text");
            }
            return value.asText();
        }

        private static boolean bool(JsonNode node, String field, String where) throws FormatException {
            JsonNode value = field(node, field, where);
            if (!value.isBoolean()) {
                throw new FormatException(where + ": expected true or false");
            }
            return value.asBoolean();
        }

        private static double number(JsonNode node, String field, String where) throws FormatException {
            return finite(field(node, field, where), where);
        }

        private static double finite(JsonNode value, String where) throws FormatException {
            if (!value.isNumber()) {
                throw new FormatException(where + ": expected a number" + (value.isTextual() ? ", found \"" + value.asText() + "\"" : ""));
            }
            double v = value.asDouble();
            if (!Double.isFinite(v)) {
                throw new FormatException(where + ": not a finite number");
            }
            return v;
        }

        private static int integer(JsonNode node, String field, String where, long min, long max) throws FormatException {
            JsonNode value = field(node, field, where);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
                throw new FormatException(where + ": expected a whole number from " + min + " to " + max);
            }
            return (int) value.asLong();
        }

        private static double[] numbers(JsonNode node, String field, String where) throws FormatException {
            JsonNode list = array(node, field, where);
            double[] out = new double[list.size()];
            Iterator<JsonNode> elements = list.elements();
            for (int i = 0; elements.hasNext(); i++) {
                out[i] = finite(elements.next(), where + "[" + i + "]");
            }
            return out;
        }
    }
}
