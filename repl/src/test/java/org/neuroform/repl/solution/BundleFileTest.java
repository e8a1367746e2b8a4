package org.neuroform.repl.solution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroform.compiler.RangedParam;
import org.neuroform.repl.Solutions;
import org.neuroform.runtime.bundle.ParametricSolution;

/** Parametric solutions saved and opened (format version 5 with slopes, 4 without): the same answers to the last bit, and damaged files refused. */
class BundleFileTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"decay", "oscillator"})
    void aBundleReadBackGivesIdenticalValuesAndSensitivities(String which) throws Exception {
        ParametricSolution bundle = Solutions.bundle(which.equals("decay") ? Solutions.DECAY_BUNDLE : Solutions.OSCILLATOR_BUNDLE);
        Path file = tmp.resolve("b.json");
        SolutionFile.save(bundle, "neuroform test", file);
        ObjectNode saved = (ObjectNode) MAPPER.readTree(Files.readString(file));
        // one ranged param: values and slopes (version 5); two: values alone (version 4)
        assertEquals(which.equals("decay"), bundle.isHermite());
        assertEquals(bundle.isHermite() ? SolutionFile.VERSION : 4, saved.get("version").asInt());
        assertEquals(bundle.isHermite() ? "hermite" : "lagrange", saved.get("bundle").get("interpolation").asText());
        assertTrue(saved.get("segments") == null, "the node solutions are in the bundle");
        SolutionFile.Opened opened = SolutionFile.openAny(file);
        assertTrue(opened instanceof SolutionFile.Bundle, opened.toString());
        ParametricSolution back = ((SolutionFile.Bundle) opened).bundle();
        assertEquals(bundle.nodesPerParam(), back.nodesPerParam());
        assertEquals(bundle.nodes().size(), back.nodes().size());
        assertEquals(bundle.slopes().size(), back.slopes().size());
        assertEquals(bundle.report().interpolationError(), back.report().interpolationError());
        assertEquals(bundle.report().training().converged(), back.report().training().converged());
        double[] xs = Solutions.points(bundle.nodes().get(0), 37);
        int params = bundle.ranges().count();
        for (int trial = 0; trial < 7; trial++) {
            double[] p = new double[params];
            for (int m = 0; m < params; m++) {
                RangedParam param = bundle.ranges().params().get(m);
                p[m] = param.lower() + (param.upper() - param.lower()) * ((trial * 0.173 + m * 0.31) % 1.0);
            }
            for (int u = 0; u < bundle.problem().unknowns().size(); u++) {
                for (int order = 0; order <= bundle.problem().unknowns().get(u).order(); order++) {
                    for (double x : xs) {
                        assertEquals(bundle.value(u, order, x, p), back.value(u, order, x, p), 0.0, "value at x = " + x);
                        for (int m = 0; m < params; m++) {
                            assertEquals(bundle.sensitivity(u, order, x, p, m), back.sensitivity(u, order, x, p, m), 0.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void anOrdinarySolutionIsStillWrittenAsVersion2AndOpenRefusesABundle() throws Exception {
        ObjectNode single = (ObjectNode) MAPPER.readTree(SolutionFile.write(Solutions.trained(Solutions.DECAY), "t"));
        assertEquals(SolutionFile.VERSION_WITHOUT_ESTIMATES, single.get("version").asInt());
        String text = SolutionFile.write(Solutions.bundle(Solutions.DECAY_BUNDLE), "t");
        String refused = assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.read(text)).getMessage();
        assertTrue(refused.contains("parametric solution"), refused);
    }

    /** A bundle of values alone (Lagrange) is still version 4, which an older neuroform reads, and opens as one. */
    @Test
    void aBundleOfValuesAloneIsWrittenAsVersion4() throws Exception {
        ParametricSolution hermite = Solutions.bundle(Solutions.DECAY_BUNDLE);
        ParametricSolution values = new ParametricSolution(hermite.problem(), hermite.nodesPerParam(), hermite.nodes(), hermite.report(),
                hermite.compiler());
        String text = SolutionFile.write(values, "t");
        ObjectNode root = (ObjectNode) MAPPER.readTree(text);
        assertEquals(4, root.get("version").asInt());
        assertEquals("lagrange", root.get("bundle").get("interpolation").asText());
        assertTrue(root.get("bundle").get("solutions").get(0).get("slope") == null);
        ParametricSolution back = ((SolutionFile.Bundle) SolutionFile.readAny(text)).bundle();
        assertTrue(!back.isHermite());
        assertEquals(values.value(0, 0, 0.7, new double[] {1.3}), back.value(0, 0, 0.7, new double[] {1.3}), 0.0);
        assertRefused(text, r -> ((ObjectNode) r.get("bundle").get("solutions").get(0)).set("slope", MAPPER.createObjectNode()),
                "bundle.solutions[0].slope: a bundle without \"interpolation\": \"hermite\" has no slopes");
    }

    @Test
    void damagedBundlesAreRefusedNamingTheField() throws Exception {
        String text = SolutionFile.write(Solutions.bundle(Solutions.DECAY_BUNDLE), "t");
        assertRefused(text, root -> root.remove("bundle"), "bundle: missing, and the problem has ranged params (k)");
        assertRefused(text, root -> root.put("version", 3), "version: 3 has no parametric solutions");
        assertRefused(text, root -> ((ObjectNode) root.get("bundle").get("ranges").get(0)).put("upper", 3.0),
                "bundle.ranges[0]: k in [0.5, 3.0] does not match the problem's k in [0.5, 2.0]");
        assertRefused(text, root -> ((ArrayNode) root.get("bundle").get("solutions")).remove(0), "node solutions");
        assertRefused(text, root -> ((ObjectNode) root.get("bundle").get("solutions").get(1).get("at")).put("k", 1.0),
                "bundle.solutions[1].at.k: 1.0 is not the node's value");
        assertRefused(text, root -> ((ObjectNode) root.get("bundle").get("solutions").get(2).get("segments").get(0)).put("scales", "x"),
                "bundle.solutions[2].segments[0].scales: expected a list");
        assertRefused(text, root -> ((ObjectNode) root.get("bundle").get("solutions").get(3).get("report")).remove("loss"),
                "bundle.solutions[3].report.loss: missing");
        assertRefused(text, root -> root.put("version", 4), "bundle.interpolation: hermite needs format version 5, the file says 4");
        assertRefused(text, root -> ((ObjectNode) root.get("bundle")).put("interpolation", "spline"),
                "bundle.interpolation: \"spline\" is not \"hermite\" or \"lagrange\"");
        assertRefused(text, root -> ((ObjectNode) root.get("bundle").get("solutions").get(1)).remove("slope"), "bundle.solutions[1].slope: missing");
        assertRefused(text, root -> ((ObjectNode) root.get("bundle").get("solutions").get(1).get("slope")).put("by", "x"),
                "bundle.solutions[1].slope.by: \"x\" is not the ranged param k");
        assertRefused(text, root -> ((ObjectNode) root.get("bundle").get("solutions").get(2).get("slope").get("segments").get(0))
                .put("parameters", "x"), "bundle.solutions[2].slope.segments[0].parameters: expected a list");
        assertRefused(text, root -> ((ObjectNode) root.get("source")).put("text", "domain x in [0, 2]\ny' = -y\ny(0) = 1\n"),
                "bundle: the problem has no ranged param");
    }

    private static void assertRefused(String text, Consumer<ObjectNode> damage, String expected) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(text);
        damage.accept(root);
        String message = assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.readAny(root.toString())).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
