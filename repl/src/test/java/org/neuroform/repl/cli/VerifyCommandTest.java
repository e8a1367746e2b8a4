package org.neuroform.repl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroform.repl.common.ExitCode;

/** {@code neuroform verify}: its text and JSON forms, and its honesty about an under-trained run. */
class VerifyCommandTest {
    private static final String DECAY = "domain x in [0, 2]\ny' = -2*y\ny(0) = 1\n";

    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int run(String... args) {
        CliRun run = CliRun.of("", args);
        out = run.out();
        err = run.err();
        return run.code();
    }

    private Path file(String name, String text) throws Exception {
        Path path = tmp.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    @Test
    void jsonGivesTheMaxDeviationAndEachUnknown() throws Exception {
        Path system = file("system.ode", "domain t in [0, 2]\nu' = v\nv' = -u\nu(0) = 1\nv(0) = 0\n");
        assertEquals(ExitCode.OK, run("verify", "--json", system.toString()), err);
        JsonNode root = new ObjectMapper().readTree(out);
        assertTrue(root.get("max_deviation").isNumber(), out);
        double max = root.get("max_deviation").asDouble();
        assertTrue(max < 1e-6, out);
        assertEquals(2, root.get("unknowns").size());
        assertEquals("u", root.get("unknowns").get(0).get("name").asText());
        assertEquals("v", root.get("unknowns").get(1).get("name").asText());
        double worst = Math.max(root.get("unknowns").get(0).get("max_deviation").asDouble(),
                root.get("unknowns").get(1).get("max_deviation").asDouble());
        assertEquals(max, worst, 0, "max_deviation is the max over unknowns");
        assertTrue(root.get("reference").asText().startsWith("DormandPrince853Integrator"), out);
        assertEquals(1001, root.get("points").asInt());
        assertTrue(root.get("passed").asBoolean());
    }

    @Test
    void textNamesEachUnknownItsDeviationAndWhere() throws Exception {
        assertEquals(ExitCode.OK, run("verify", "--quiet", file("decay.ode", DECAY).toString()), err);
        assertTrue(out.startsWith("verified against DormandPrince853Integrator (tolerances 1e-12) on 1001 points:\n"), out);
        Matcher line = Pattern.compile("(?m)^  y: max deviation (\\S+) at x = (\\S+)$").matcher(out);
        assertTrue(line.find(), out);
        assertTrue(Double.parseDouble(line.group(1)) < 1e-6, out);
        double at = Double.parseDouble(line.group(2));
        assertTrue(at >= 0 && at <= 2, out);
        assertTrue(out.contains("\nmax deviation "), out);
    }

    @Test
    void anUnderTrainedRunIsReportedAsSuch() throws Exception {
        Path under = file("under.ode", DECAY + "train epochs = 5, optimizer = adam\n");
        int code = run("verify", "--json", under.toString());
        assertEquals(ExitCode.NOT_CONVERGED, code, "an under-trained solution fails verification");
        JsonNode root = new ObjectMapper().readTree(out);
        assertTrue(root.get("max_deviation").asDouble() > 0.05, out);
        assertTrue(!root.get("passed").asBoolean(), out);
        run("verify", under.toString());
        Matcher line = Pattern.compile("(?m)^max deviation (\\S+),").matcher(out);
        assertTrue(line.find(), out);
        assertTrue(Double.parseDouble(line.group(1)) > 0.05, out);
    }

    @Test
    void aBoundaryValueProblemIsVerifiedByShooting() throws Exception {
        Path robin = file("robin.ode", "domain x in [0, 1]\ny'' + y = 0\ny(0) + y'(0) = 2\ny(1) = cos(1) + sin(1)\n");
        assertEquals(ExitCode.OK, run("verify", "--json", robin.toString()), err);
        JsonNode root = new ObjectMapper().readTree(out);
        assertTrue(root.get("reference").asText().startsWith("shooting with DormandPrince853Integrator"), out);
        assertTrue(root.get("max_deviation").asDouble() < 1e-5, out);
    }

    @Test
    void theToleranceOptionDecidesTheExitCode() throws Exception {
        Path decay = file("decay.ode", DECAY);
        assertEquals(ExitCode.NOT_CONVERGED, run("verify", "--tolerance", "0", decay.toString()));
        assertTrue(err.contains("verification failed"), err);
        assertEquals(ExitCode.USAGE, run("verify", "--tolerance", "abc", decay.toString()));
    }

    @Test
    void runPrintsAccuracyUnderEachValueAndInJson() throws Exception {
        Path decay = file("decay.ode", DECAY + "y(1)\n");
        assertEquals(ExitCode.OK, run("run", "--json", decay.toString()), err);
        JsonNode query = new ObjectMapper().readTree(out).get("queries").get(0);
        assertEquals("y(1)", query.get("query").asText());
        assertTrue(query.get("residual").asDouble() < 1e-5, out);
        assertEquals(Math.abs(query.get("value").asDouble() - Math.exp(-2)), query.get("deviation").asDouble(), 1e-9, out);
    }
}
