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
import org.neuroform.compiler.RangedParam;
import org.neuroform.repl.json.BundleJson;
import org.neuroform.repl.json.JsonWriter;
import org.neuroform.runtime.bundle.BundleReport;
import org.neuroform.runtime.bundle.BundleTrainer;
import org.neuroform.runtime.bundle.ChebyshevNodes;
import org.neuroform.runtime.bundle.ParametricSolution;
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
     * 4 adds {@code "bundle"}: a parametric solution's ranges, node count and node solutions (each
     * with its {@code "at"} values, report and segments) in place of {@code "segments"}, written only
     * for a problem with ranged params. 5 adds Hermite bundles: {@code "bundle.interpolation":
     * "hermite"} and, with each node solution, {@code "slope": {"by": "k", "segments": […]}}, ∂u/∂k
     * there as a solution of the same segments; written only for such a bundle (a bundle of values
     * alone is still version 4). Version 1 files still open.
     */
    public static final int VERSION = 5;
    /** The version written for a bundle of node values alone (Lagrange interpolation). */
    static final int VERSION_LAGRANGE_BUNDLE = 4;
    /** The version written for a problem with estimated params. */
    static final int VERSION_WITH_ESTIMATES = 3;
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
        ObjectNode root = header(problem, problem.isInverse() ? VERSION_WITH_ESTIMATES : VERSION_WITHOUT_ESTIMATES, writer);
        root.set("report", JsonWriter.training(solution, OptionalDouble.empty()));
        putSegments(root.putArray("segments"), solution);
        return text(root);
    }

    /**
     * The JSON text of a parametric solution (version 4): the bundle's report, its ranges and node
     * count, and each node solution with the values of the params it was trained at, its own report
     * and segments, in the order of {@link ParametricSolution#nodes()}.
     */
    public static String write(ParametricSolution bundle, String writer) {
        ObjectNode root = header(bundle.problem(), bundle.isHermite() ? VERSION : VERSION_LAGRANGE_BUNDLE, writer);
        root.set("report", BundleJson.training(bundle));
        ObjectNode node = BundleJson.bundle(bundle);
        ArrayNode solutions = node.putArray("solutions");
        for (int i = 0; i < bundle.nodes().size(); i++) {
            TrainedSolution solution = bundle.nodes().get(i);
            ObjectNode s = solutions.addObject();
            ObjectNode at = s.putObject("at");
            bundle.named(bundle.nodePoint(i)).forEach(at::put);
            s.set("report", JsonWriter.training(solution, OptionalDouble.empty()));
            putSegments(s.putArray("segments"), solution);
            if (bundle.isHermite()) {
                ObjectNode slope = s.putObject("slope");
                slope.put("by", bundle.ranges().names().get(0));
                putSegments(slope.putArray("segments"), bundle.slopes().get(i));
            }
        }
        root.set("bundle", node);
        return text(root);
    }

    private static String text(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode header(CompiledProblem problem, int version, String writer) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", version);
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
        return root;
    }

    private static void putSegments(ArrayNode segments, TrainedSolution solution) {
        CompiledProblem problem = solution.problem();
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
    }

    /**
     * Writes the file through a temporary file in the same directory and a rename, so that a
     * failed save never leaves a half-written file in place of a good one.
     */
    public static void save(TrainedSolution solution, String writer, Path path) throws FormatException {
        saveText(write(solution, writer), path);
    }

    /** Saves a parametric solution, as {@link #save(TrainedSolution, String, Path)} does one solution. */
    public static void save(ParametricSolution bundle, String writer, Path path) throws FormatException {
        saveText(write(bundle, writer), path);
    }

    private static void saveText(String text, Path path) throws FormatException {
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

    /** What a solution file holds: one solution, or a parametric one (a problem with ranged params). */
    public sealed interface Opened permits Single, Bundle {
        CompiledProblem problem();
    }

    public record Single(TrainedSolution solution) implements Opened {
        @Override
        public CompiledProblem problem() {
            return solution.problem();
        }
    }

    public record Bundle(ParametricSolution bundle) implements Opened {
        @Override
        public CompiledProblem problem() {
            return bundle.problem();
        }
    }

    /** Reads and validates a solution file holding one solution (a parametric one is refused: {@link #openAny}). */
    public static TrainedSolution open(Path path) throws FormatException {
        Opened opened = openAny(path);
        if (opened instanceof Bundle) {
            throw new FormatException(path + ": holds a parametric solution (ranged params), not a single one");
        }
        return ((Single) opened).solution();
    }

    /** Reads and validates a solution file, of one solution or a parametric one. */
    public static Opened openAny(Path path) throws FormatException {
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
            return readAny(text);
        } catch (FormatException e) {
            throw new FormatException(path + ": " + e.getMessage());
        }
    }

    /** Parses and validates the JSON text of one solution (a parametric one is refused). */
    public static TrainedSolution read(String text) throws FormatException {
        Opened opened = readAny(text);
        if (opened instanceof Bundle) {
            throw new FormatException("holds a parametric solution (ranged params), not a single one");
        }
        return ((Single) opened).solution();
    }

    /** Parses and validates the JSON text of a solution, one or parametric. */
    public static Opened readAny(String text) throws FormatException {
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
        return new Reader(root, (int) version.asLong()).opened();
    }

    /** Validates one parsed document; every message names the field it is about. */
    private static final class Reader {
        private final JsonNode root;
        private final int version;

        Reader(JsonNode root, int version) {
            this.root = root;
            this.version = version;
        }

        Opened opened() throws FormatException {
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
            JsonNode bundle = root.get("bundle");
            if (problem.isParametric() || bundle != null) {
                if (!problem.isParametric()) {
                    throw new FormatException("bundle: the problem has no ranged param (param k in [a, b])");
                }
                if (bundle == null) {
                    throw new FormatException("bundle: missing, and the problem has ranged params ("
                            + String.join(", ", problem.ranges().names()) + "): its node solutions are needed");
                }
                if (version < VERSION_LAGRANGE_BUNDLE) {
                    throw new FormatException("version: " + version + " has no parametric solutions (\"bundle\" is version "
                            + VERSION_LAGRANGE_BUNDLE + ")");
                }
                return new Bundle(bundle(problem, file, bundle));
            }
            TrainingReport report = report(object(root, "report", "report"), "report");
            return new Single(new TrainedSolution(problem, segments(problem, root, ""), report));
        }

        /** The bundle: its ranges the problem's, a node count, and every node solution at the node it belongs to. */
        private ParametricSolution bundle(CompiledProblem problem, SourceFile file, JsonNode node) throws FormatException {
            if (!node.isObject()) {
                throw new FormatException("bundle: expected an object");
            }
            JsonNode ranges = array(node, "ranges", "bundle.ranges");
            List<RangedParam> params = problem.ranges().params();
            if (ranges.size() != params.size()) {
                throw new FormatException("bundle.ranges: " + ranges.size() + " listed, the problem has " + params.size() + " ranged params");
            }
            for (int m = 0; m < params.size(); m++) {
                String where = "bundle.ranges[" + m + "]";
                JsonNode range = ranges.get(m);
                if (!range.isObject()) {
                    throw new FormatException(where + ": expected an object");
                }
                String name = string(range, "name", where + ".name");
                double lower = number(range, "lower", where + ".lower");
                double upper = number(range, "upper", where + ".upper");
                RangedParam param = params.get(m);
                if (!name.equals(param.name()) || lower != param.lower() || upper != param.upper()) {
                    throw new FormatException(where + ": " + name + " in [" + lower + ", " + upper + "] does not match the problem's "
                            + param.name() + " in [" + param.lower() + ", " + param.upper() + "]");
                }
            }
            int perParam = integer(node, "nodes_per_param", "bundle.nodes_per_param", 2, 1025);
            JsonNode errorNode = field(node, "interpolation_error", "bundle.interpolation_error");
            double interpolationError = errorNode.isNull() ? Double.NaN : number(node, "interpolation_error", "bundle.interpolation_error");
            JsonNode solutions = array(node, "solutions", "bundle.solutions");
            int expected = (int) Math.pow(perParam, params.size());
            if (solutions.size() != expected) {
                throw new FormatException("bundle.solutions: " + solutions.size() + " node solutions, " + perParam + " per param needs " + expected);
            }
            boolean hermite = false;
            JsonNode interpolation = node.get("interpolation");
            if (interpolation != null) {
                String kind = string(node, "interpolation", "bundle.interpolation");
                if (!(kind.equals("hermite") || kind.equals("lagrange"))) {
                    throw new FormatException("bundle.interpolation: \"" + kind + "\" is not \"hermite\" or \"lagrange\"");
                }
                if (kind.equals("hermite") && version < VERSION) {
                    throw new FormatException("bundle.interpolation: hermite needs format version " + VERSION + ", the file says " + version);
                }
                hermite = kind.equals("hermite");
                if (hermite && params.size() != 1) {
                    throw new FormatException("bundle.interpolation: hermite is for one ranged param, the problem has " + params.size());
                }
            }
            TrainingReport report = report(object(root, "report", "report"), "report");
            var parsed = org.neuroform.grammar.SourceParser.parse(file);
            List<TrainedSolution> slopes = new ArrayList<>();
            List<ChebyshevNodes> grids = params.stream().map(p -> new ChebyshevNodes(p.lower(), p.upper(), perParam)).toList();
            List<TrainedSolution> nodes = new ArrayList<>();
            for (int i = 0; i < expected; i++) {
                String where = "bundle.solutions[" + i + "]";
                JsonNode solution = solutions.get(i);
                if (!solution.isObject()) {
                    throw new FormatException(where + ": expected an object");
                }
                JsonNode at = object(solution, "at", where + ".at");
                java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
                int index = i;
                double[] point = new double[params.size()];
                for (int m = params.size() - 1; m >= 0; m--) {
                    point[m] = grids.get(m).node(index % perParam);
                    index /= perParam;
                }
                for (int m = 0; m < params.size(); m++) {
                    String name = params.get(m).name();
                    double value = number(at, name, where + ".at." + name);
                    if (value != point[m]) {
                        throw new FormatException(where + ".at." + name + ": " + value + " is not the node's value " + point[m]);
                    }
                    values.put(name, value);
                }
                if (at.size() != params.size()) {
                    throw new FormatException(where + ".at: names params other than the ranged ones " + problem.ranges().names());
                }
                Compilation compiled = Compiler.compileAt(parsed.program(), values);
                if (compiled.problem().isEmpty()) {
                    throw new FormatException(where + ": the problem does not compile at " + values);
                }
                CompiledProblem nodeProblem = compiled.problem().get();
                TrainingReport nodeReport = report(object(solution, "report", where + ".report"), where + ".report");
                TrainedSolution nodeSolution = new TrainedSolution(nodeProblem, segments(nodeProblem, solution, where + "."), nodeReport);
                nodes.add(nodeSolution);
                if (hermite) {
                    slopes.add(slope(nodeSolution, object(solution, "slope", where + ".slope"), where + ".slope", params.get(0).name()));
                } else if (solution.has("slope")) {
                    throw new FormatException(where + ".slope: a bundle without \"interpolation\": \"hermite\" has no slopes");
                }
            }
            return new ParametricSolution(problem, perParam, nodes, slopes,
                    new BundleReport(perParam, expected, interpolationError, report), BundleTrainer.compilerFor(problem));
        }

        /** A node's slope ∂u/∂k: segments on the node's own, with their conditions' values and output layers its. */
        private TrainedSolution slope(TrainedSolution node, JsonNode slope, String where, String param) throws FormatException {
            String by = string(slope, "by", where + ".by");
            if (!by.equals(param)) {
                throw new FormatException(where + ".by: \"" + by + "\" is not the ranged param " + param);
            }
            List<Segment> segments = segments(node.problem(), slope, where + ".");
            if (segments.size() != node.segments().size()) {
                throw new FormatException(where + ".segments: " + segments.size() + " segments, the node solution has " + node.segments().size());
            }
            for (int k = 0; k < segments.size(); k++) {
                Segment a = segments.get(k);
                Segment b = node.segments().get(k);
                if (a.lower() != b.lower() || a.upper() != b.upper()) {
                    throw new FormatException(where + ".segments[" + k + "]: [" + a.lower() + ", " + a.upper()
                            + "] is not the node's segment [" + b.lower() + ", " + b.upper() + "]");
                }
            }
            return new TrainedSolution(node.problem(), segments, node.report());
        }

        /** The segments of one solution: adjacent, inside the domain. */
        private List<Segment> segments(CompiledProblem problem, JsonNode parent, String prefix) throws FormatException {
            JsonNode segmentsNode = array(parent, "segments", prefix + "segments");
            if (segmentsNode.isEmpty()) {
                throw new FormatException(prefix + "segments: no segment");
            }
            // The segments are adjacent and inside the domain. They cover all of it, or, when
            // training stopped part of the way (Ctrl-C, a blow-up), the part that was trained.
            List<Segment> segments = new ArrayList<>();
            double domainLower = problem.domain().lower();
            double domainUpper = problem.domain().upper();
            double previousUpper = Double.NaN;
            for (int k = 0; k < segmentsNode.size(); k++) {
                String where = prefix + "segments[" + k + "]";
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
                throw new FormatException(prefix + "segments: they end at " + previousUpper + ", beyond the domain, which ends at " + domainUpper);
            }
            return segments;
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

        private TrainingReport report(JsonNode node, String where) throws FormatException {
            // Version 1 files have "iterations" only; later ones both it and "epochs", the same number.
            String iterationsKey = node.has(TrainingKeys.ITERATIONS) || !node.has(TrainingKeys.EPOCHS) ? TrainingKeys.ITERATIONS : TrainingKeys.EPOCHS;
            int iterations = integer(node, iterationsKey, where + "." + iterationsKey, 0, Integer.MAX_VALUE);
            JsonNode lossNode = node.get("loss");
            double loss;
            if (lossNode == null) {
                throw new FormatException(where + ".loss: missing");
            } else if (lossNode.isNull()) {
                loss = Double.NaN;
            } else {
                loss = number(node, "loss", where + ".loss");
            }
            double seconds = number(node, "seconds", where + ".seconds");
            int segments = integer(node, "segments", where + ".segments", 0, Integer.MAX_VALUE);
            int restarts = integer(node, "restarts", where + ".restarts", 0, Integer.MAX_VALUE);
            boolean converged = bool(node, "converged", where + ".converged");
            boolean stopped = bool(node, "stopped", where + ".stopped");
            JsonNode notesNode = array(node, "notes", where + ".notes");
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < notesNode.size(); i++) {
                if (!notesNode.get(i).isTextual()) {
                    throw new FormatException(where + ".notes[" + i + "]: expected text");
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
