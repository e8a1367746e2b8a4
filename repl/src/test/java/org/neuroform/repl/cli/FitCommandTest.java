package org.neuroform.repl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroform.repl.common.ExitCode;
import org.neuroform.repl.session.Session;

/** Fits through the command line and the shell: the JSON shape, errors in data files, :data and :fit. */
@Tag("slow")
class FitCommandTest {
    @TempDir
    Path directory;

    private String out;
    private String err;

    private int run(String... args) {
        CliRun run = CliRun.of("", args);
        out = run.out();
        err = run.err();
        return run.code();
    }

    private Path example(String name) {
        return Path.of("..", "examples", name);
    }

    @Test
    void runJsonHasTheParametersBesideTheQueries() throws IOException {
        assertEquals(ExitCode.OK, run("run", "--json", example("fit-nonidentifiable.ode").toString()), err);
        JsonNode root = new ObjectMapper().readTree(out);
        JsonNode parameters = root.get("parameters");
        assertEquals(2, parameters.size());
        for (JsonNode p : parameters) {
            assertTrue(p.has("name") && p.has("value") && p.has("stderr") && p.has("interval") && p.has("identifiable"), p.toString());
            assertFalse(p.get("identifiable").asBoolean(), p.toString());
            assertEquals(2, p.get("interval").size());
        }
        assertTrue(root.get("fit").get("identifiability").get(0).asText().startsWith("only a·b is determined"), out);
        assertTrue(root.has("queries") && root.has("training"), out);
        double y5 = root.get("queries").get(0).get("value").asDouble();
        assertEquals(2 * Math.exp(-0.6 * 5), y5, 0.05, "y(5) at the estimates, within the noise");
    }

    @Test
    void quietPrintsOnlyTheValueLines() {
        assertEquals(ExitCode.OK, run("run", "--quiet", example("fit-nonidentifiable.ode").toString()), err);
        String[] lines = out.strip().split("\n");
        assertEquals(3, lines.length, out);
        assertTrue(lines[0].startsWith("a = ") && lines[1].startsWith("b = ") && lines[2].startsWith("y(5) = "), out);
        // what the data do not determine is said on stderr, one line (it was not said at all)
        assertTrue(err.contains("warning: not identifiable: only a·b is determined by these data"), err);
    }

    /** verify fits first, as run does, and names the estimates it verifies at (it named nothing: the values looked like the placeholders). */
    @Test
    void verifySaysItVerifiesAtTheEstimates() {
        assertEquals(ExitCode.OK, run("verify", example("fit-sir.ode").toString()), err);
        assertTrue(out.startsWith("verified at the estimates from data: beta = 0.4993"), out);
    }

    /** check --show marks params written = ? as estimated, shown at their starts (they were shown as plain values). */
    @Test
    void checkShowMarksEstimatedParams() {
        assertEquals(ExitCode.OK, run("check", "--show", example("fit-sir.ode").toString()), err);
        assertTrue(out.contains("estimated: beta = ? in [0.01, 5], gamma = ? in [0.01, 5] (estimated from data by run and verify; shown at"
                + " their starts beta = "), out);
    }

    /** Writes the data files (name, content, name, content, …) and the problem beside them; the problem's path. */
    private Path written(String problemName, String problemText, String... dataFiles) throws IOException {
        for (int i = 0; i < dataFiles.length; i += 2) {
            Files.writeString(directory.resolve(dataFiles[i]), dataFiles[i + 1]);
        }
        Path problem = directory.resolve(problemName);
        Files.writeString(problem, problemText);
        return problem;
    }

    @Test
    void aBadDataFileIsAnErrorAtItsLineAndColumn() throws IOException {
        Path problem = written("decay.ode", "domain t in [0, 2]\nparam k = ?\ndata \"decay.csv\"\ny' = -k*y\ny(0) = 2\ny(2)\n",
                "decay.csv", "t,y\n0.5,1.2\n1,oops\n");
        assertEquals(ExitCode.INPUT_ERROR, run(problem.toString()));
        assertTrue(err.contains("decay.csv:3:3: error:"), err);
        assertFalse(err.contains("Exception"), err);
    }

    /** Data files with and without sigma are not pooled (the rows without would get sigma 1, the others be rescaled). */
    @Test
    void dataFilesWithAndWithoutSigmaAreRefused() throws IOException {
        Path problem = written("decay.ode", "domain t in [0, 2]\nparam k = ?\ndata \"a.csv\"\ndata \"b.csv\"\ny' = -k*y\ny(0) = 2\ny(2)\n",
                "a.csv", "t,y,sigma\n0.5,1.4,0.01\n1,0.99,0.01\n", "b.csv", "t,y\n1.5,0.7\n");
        assertEquals(ExitCode.INPUT_ERROR, run(problem.toString()));
        assertTrue(err.contains("decay.ode:4:6: error: the data file b.csv has no sigma while a.csv has"), err);
        assertFalse(out.contains("k = "), out);
        Files.writeString(directory.resolve("b.csv"), "t,y,sigma\n1.5,0.7,0.01\n");
        assertEquals(ExitCode.OK, run(problem.toString()), err);
        assertTrue(out.contains("k = "), out);
    }

    /** As many observations as params: an input error at the param, with its line and column (no fit, no exit 3). */
    @Test
    void tooFewObservationsAreAnErrorAtTheParam() throws IOException {
        Path problem = written("one.ode", "domain t in [0, 2]\nparam k = ? in [0.1, 5]\ndata \"one.csv\"\ny' = -k*y\ny(0) = 1\ny(2)\n",
                "one.csv", "t,y\n1,0.5\n");
        assertEquals(ExitCode.INPUT_ERROR, run(problem.toString()));
        assertTrue(err.contains("one.ode:2:7: error: 1 observation cannot determine 1 param with an uncertainty: at least 2 are needed"),
                err);
    }

    @Test
    void estimatedParamsWithoutDataAreAnError() throws IOException {
        Path problem = directory.resolve("decay.ode");
        Files.writeString(problem, "domain t in [0, 2]\nparam k = ?\ny' = -k*y\ny(0) = 2\ny(2)\n");
        assertEquals(ExitCode.INPUT_ERROR, run(problem.toString()));
        assertTrue(err.contains("decay.ode:2:7: error: param 'k' is to be estimated from data, but the problem names no data file"), err);
    }

    @Test
    void theShellFitsWithDataAndFit() throws IOException {
        Files.writeString(directory.resolve("decay.csv"), "# y = 2 exp(-0.7 t)\nt,y\n"
                + "0.5,1.409376179437\n1,0.993170607583\n1.5,0.699875498222\n2,0.493193927883\n");
        Session session = new Session();
        for (String line : new String[] {"domain t in [0, 2]", "param k = ?", "y' = -k*y", "y(0) = 2"}) {
            assertEquals("", session.handle(line).text());
        }
        String before = session.handle(":fit").text();
        assertTrue(before.contains("names no data file"), before);
        session.handle(":data " + directory.resolve("decay.csv"));
        String fitted = session.handle(":fit").text();
        assertTrue(fitted.contains("k = 0.70000000"), fitted);
        assertTrue(session.handle("y(1)").text().startsWith("y(1) = 0.99317060"), session.handle("y(1)").text());
        Path saved = directory.resolve("fitted.json");
        assertTrue(session.handle(":save " + saved).text().contains("saved"), "saved");
        Session reopened = new Session();
        String opened = reopened.handle(":open " + saved).text();
        assertFalse(opened.contains("error"), opened);
        assertTrue(reopened.handle("k").text().startsWith("k = 0.70000000"), reopened.handle("k").text());
        com.fasterxml.jackson.databind.node.ObjectNode file = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(
                Files.readString(saved));
        assertEquals(3, file.get("version").asInt());
        assertEquals(0.7, file.get("estimates").get("k").asDouble(), 1e-8);
        file.remove("estimates");
        Files.writeString(saved, file.toString());
        String refused = new Session().handle(":open " + saved).text();
        assertTrue(refused.contains("estimates: missing"), refused);
        Session forward = new Session();
        forward.handle("domain t in [0, 1]");
        forward.handle("y' = -y");
        forward.handle("y(0) = 1");
        assertTrue(forward.handle(":fit").text().startsWith("there is nothing to fit"));
    }

    /** A ranged param with data: run trains the bundle, fits over it (no solve in the search) and keeps the bundle's JSON. */
    @Test
    void runFitsARangedParamOverItsBundle() throws IOException {
        assertEquals(ExitCode.OK, run("run", "--json", example("fit-bundle-damping.ode").toString()), err);
        JsonNode root = new ObjectMapper().readTree(out);
        JsonNode c = root.get("parameters").get(0);
        assertEquals("c", c.get("name").asText());
        // the data were made with c = 0.3 and sigma 0.02: the truth inside the 95 % interval
        assertTrue(c.get("interval").get(0).asDouble() <= 0.3 && 0.3 <= c.get("interval").get(1).asDouble(), c.toString());
        assertTrue(root.get("fit").get("solves").asInt() <= 5, root.get("fit").toString());
        assertTrue(root.has("bundle") && root.has("queries"), out);
        assertEquals(0.3, root.get("queries").get(0).get("at").get("c").asDouble(), 0.0);
    }

    /**
     * The shell: :fit of a problem with a ranged param trains the bundle, fits, and sets the param
     * to the estimate; another data file is fitted over the same bundle (no training again).
     */
    @Test
    void theShellFitsRangedParamsOverTheBundle() throws IOException {
        double[] rates = {0.7, 1.6};
        for (int f = 0; f < 2; f++) {
            StringBuilder csv = new StringBuilder("t,y\n");
            for (int i = 1; i <= 8; i++) {
                double t = 0.25 * i;
                csv.append(t).append(',').append(2 * Math.exp(-rates[f] * t)).append('\n');
            }
            Files.writeString(directory.resolve("decay" + f + ".csv"), csv.toString());
        }
        Session session = new Session();
        for (String line : new String[] {"domain t in [0, 2]", "param k in [0.5, 2]", "y' = -k*y", "y(0) = 2"}) {
            session.handle(line);
        }
        assertTrue(session.handle(":fit").text().contains("no data to fit k"));
        session.handle(":data " + directory.resolve("decay0.csv"));
        String first = session.handle(":fit").text();
        assertTrue(first.contains("bundle: "), first); // trained first
        assertTrue(first.contains("k = 0.70000000"), first);
        assertTrue(first.contains("now set to the estimate"), first);
        String y1 = session.handle("y(1)").text();
        assertTrue(y1.startsWith("y(1) = ") && y1.contains("(at k = 0.7"), y1);
        assertEquals(2 * Math.exp(-0.7), Double.parseDouble(y1.substring(7).split("\\s+")[0]), 1e-9, y1);
        session.handle(":drop " + 5); // the data statement (domain, param, equation, condition, data)
        session.handle(":data " + directory.resolve("decay1.csv"));
        String second = session.handle(":fit").text();
        assertFalse(second.contains("bundle: "), second); // the same bundle: the statements changed only in their data
        assertTrue(second.contains("k = 1.6000000"), second);
    }
}
