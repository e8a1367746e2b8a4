package org.neuroform.repl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroform.repl.common.ExitCode;

/** {@code run} and {@code verify} on a problem with a ranged param: answers at their own values, against exact ones. */
class BundleCommandTest {
    private static final String DECAY = "domain x in [0, 2]\nparam k in [0.5, 2], y0 in [0.5, 2]\ny' = -k*y\ny(0) = y0\n"
            + "y(1; k = 0.75, y0 = 1.5)\ny(1; k = 0.75) * 2 + 0*y(0; y0 = 1)\nd(y(1; k = 1.3, y0 = 1), k)\n";

    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0])).run(args);
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void queriesAreAnsweredAtTheirValuesAndEchoedAsWritten() throws Exception {
        Path file = tmp.resolve("decay.ode");
        Files.writeString(file, DECAY);
        assertEquals(ExitCode.OK, run("run", "--json", file.toString()), err);
        JsonNode queries = new ObjectMapper().readTree(out).get("queries");
        assertEquals("y(1; k = 0.75, y0 = 1.5)", queries.get(0).get("query").asText());
        assertEquals(0.75, queries.get(0).get("at").get("k").asDouble());
        assertEquals(1.5 * Math.exp(-0.75), queries.get(0).get("value").asDouble(), 1e-9);
        assertEquals(2 * Math.exp(-0.75), queries.get(1).get("value").asDouble(), 1e-9);
        assertEquals("k", queries.get(2).get("by").asText());
        assertEquals(-Math.exp(-1.3), queries.get(2).get("value").asDouble(), 1e-8);
        assertTrue(queries.get(0).get("deviation").asDouble() < 1e-8, out);
        assertEquals(2, new ObjectMapper().readTree(out).get("bundle").get("ranges").size());

        assertEquals(ExitCode.OK, run(file.toString()), err);
        assertTrue(out.contains("\ny(1; k = 0.75, y0 = 1.5) = 0.708"), out);
    }

    @Test
    void verifyComparesAtManyValues() throws Exception {
        Path file = tmp.resolve("decay.ode");
        Files.writeString(file, "domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n");
        assertEquals(ExitCode.OK, run("verify", "--json", file.toString()), err);
        JsonNode root = new ObjectMapper().readTree(out);
        assertTrue(root.get("values").size() >= 20, out);
        assertTrue(root.get("max_deviation").asDouble() < 1e-9, out);
        assertTrue(root.get("passed").asBoolean(), out);
    }

    @Test
    void aQueryWithoutAValueSaysWhatToAdd() throws Exception {
        Path file = tmp.resolve("decay.ode");
        Files.writeString(file, "domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\ny(1)\n");
        assertEquals(ExitCode.INPUT_ERROR, run(file.toString()));
        assertTrue(err.contains("decay.ode:5:1: error: the query needs a value of the ranged param 'k'"), err);
        assertTrue(err.contains("y(1; k = 1.25)"), err);
    }

    /**
     * A node whose solution blows up inside the domain ends the bundle's trained part there: a
     * query beyond it is refused with its position, as for one solution (it used to print
     * {@code = NaN}, and {@code null} without "refused" in JSON), and one before it is answered.
     */
    @Test
    void aQueryBeyondTheTrainedPartIsRefused() throws Exception {
        Path file = tmp.resolve("pole.ode");
        Files.writeString(file, "domain x in [0, 1]\nparam a in [1.2, 1.5]\ny' = y^2\ny(0) = a\ny(0.75; a = 1.25)\n"
                + "y(0.5; a = 1.25)\n");
        assertEquals(ExitCode.NOT_CONVERGED, run(file.toString()), err);
        assertTrue(err.contains("pole.ode:5:1: error: the point 0.75 is beyond the trained part [0, 0.66"), err);
        assertTrue(!out.contains("NaN"), out);
        assertTrue(out.contains("y(0.5; a = 1.25) = 3.33333"), out); // 1/(1/a − x)

        run("run", "--json", file.toString());
        JsonNode queries = new ObjectMapper().readTree(out).get("queries");
        assertTrue(queries.get(0).get("value").isNull(), out);
        assertTrue(queries.get(0).get("refused").asText().contains("beyond the trained part"), out);
        assertEquals(1 / (1 / 1.25 - 0.5), queries.get(1).get("value").asDouble(), 1e-7);
    }

    /**
     * A let's value takes param values as an unknown's does ({@code q(0.5; k = 1.2)}, q = k y²) — in its formula
     * too, through another let and a def (they once stood at the middle of the range: q(0.5; k = 1.2) was 1.5 y², and
     * this test asked at the middle only); d(…, k) of a let whose formula uses k itself is refused (d differentiates
     * point values, and would hold that k fixed: it answered 0 for ∂(k y²)/∂k with y independent of k); a let of a
     * param computed from k is refused in a query (its value is known at the middle only).
     */
    @Test
    void aLetTakesParamValuesAndItsOwnParamIsNotDifferentiatedSilently() throws Exception {
        Path file = tmp.resolve("let.ode");
        Files.writeString(file, "domain x in [0, 1]\nparam k in [1, 2]\ndef f(u) = k*u\nlet q = k*y^2\nlet s = q + f(y)\n"
                + "y' = -k*y\ny(0) = 1\nq(0.5; k = 1.2)\nq(0.5; k = 1.2) + y(0.2)\ns(0.5; k = 1.9)\ns'(0.5; k = 1.9)\n");
        assertEquals(ExitCode.OK, run("run", "--json", file.toString()), err);
        JsonNode queries = new ObjectMapper().readTree(out).get("queries");
        assertEquals(1.2 * Math.exp(-1.2), queries.get(0).get("value").asDouble(), 1e-9);
        assertEquals(1.2 * Math.exp(-1.2) + Math.exp(-0.24), queries.get(1).get("value").asDouble(), 1e-9);
        double y = Math.exp(-0.95); // s = k y^2 + k y at k = 1.9, x = 0.5; s' = k (2 y + 1) y' with y' = -k y
        assertEquals(1.9 * y * y + 1.9 * y, queries.get(2).get("value").asDouble(), 1e-9);
        assertEquals(1.9 * (2 * y + 1) * (-1.9 * y), queries.get(3).get("value").asDouble(), 1e-9);
        Files.writeString(file, "domain x in [0, 1]\nparam k in [1, 2]\nparam w = 2*k\nlet q = w*y\ny' = -y\ny(0) = 1\nq(1; k = 1.2)\n");
        assertEquals(ExitCode.INPUT_ERROR, run(file.toString()));
        assertTrue(err.contains("let.ode:7:1: error: the let 'q' uses a param computed from a ranged param"), err);
        Files.writeString(file, "domain x in [0, 1]\nparam k in [1, 2]\nlet q = k*y^2\nlet r = 2*q\ny' = -y\ny(0) = 1\n"
                + "d(q(0.5; k = 1.2), k)\nd(r(0.5; k = 1.2), k)\n");
        assertEquals(ExitCode.INPUT_ERROR, run(file.toString()));
        assertTrue(err.contains("let.ode:7:3: error: the let 'q' uses k in its formula"), err);
        assertTrue(err.contains("let.ode:8:3: error: the let 'r' uses k in its formula"), err); // through q
        // A let of another ranged param is held fixed, as d(…, k) holds every other param: y = e^(−k x) here.
        Files.writeString(file, "domain x in [0, 1]\nparam k in [1, 2], a in [1, 2]\nlet q = a*y^2\ny' = -k*y\ny(0) = 1\n"
                + "d(q(0.5; k = 1.2, a = 1.8), k)\n");
        assertEquals(ExitCode.OK, run("run", "--json", file.toString()), err);
        double expected = 1.8 * 2 * Math.exp(-1.2 * 0.5) * (-0.5 * Math.exp(-1.2 * 0.5)); // ∂(a y²)/∂k = 2 a y ∂y/∂k
        assertEquals(expected, new ObjectMapper().readTree(out).get("queries").get(0).get("value").asDouble(), 1e-7);
    }
}
