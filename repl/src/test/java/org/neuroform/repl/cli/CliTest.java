package org.neuroform.repl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroform.repl.Solutions;
import org.neuroform.repl.common.ExitCode;

/** The command-line contract scripts rely on: output lines, JSON, exit codes, help. */
class CliTest {
    @TempDir
    Path tmp;

    private Path decay;
    private String out;
    private String err;

    @BeforeEach
    void writeProblem() throws Exception {
        decay = tmp.resolve("decay.ode");
        Files.writeString(decay, Solutions.DECAY + "y'(1)\n2*y(0.25) - y(1)\n");
    }

    private int run(String input, String... args) {
        CliRun run = CliRun.of(input, args);
        out = run.out();
        err = run.err();
        return run.code();
    }

    @Test
    void runPrintsASummaryThenOneLinePerQueryWithTwelveDigits() {
        assertEquals(ExitCode.OK, run("", decay.toString()));
        String[] lines = out.split("\n");
        assertEquals(8, lines.length, out);
        assertTrue(lines[0].startsWith("trained: 100 iterations, loss "), out);
        assertEquals("reference: DormandPrince853Integrator (tolerances 1e-12)", lines[1]);
        assertQuery(lines[2], "y(0.5)", Math.exp(-0.5), 1e-4);
        assertAccuracy(lines[3]);
        assertQuery(lines[4], "y'(1)", -Math.exp(-1), 1e-3);
        assertAccuracy(lines[5]);
        assertQuery(lines[6], "2*y(0.25) - y(1)", 2 * Math.exp(-0.25) - Math.exp(-1), 1e-4);
        assertAccuracy(lines[7]);
        assertEquals("", err);
        String plain = out;
        assertEquals(ExitCode.OK, run("", "run", decay.toString()));
        assertEquals(plain.replaceAll("[0-9.]+ s", "T s"), out.replaceAll("[0-9.]+ s", "T s"), "FILE and run FILE are the same");
    }

    /** The accuracy line under a value: its own line, so the QUERY = VALUE line stays as scripts read it. */
    private static void assertAccuracy(String line) {
        Matcher m = Pattern.compile("  \\(residual (\\S+); differs from the reference by (\\S+)\\)").matcher(line);
        assertTrue(m.matches(), line);
        assertTrue(Double.parseDouble(m.group(1)) < 1e-2, line);
        assertTrue(Double.parseDouble(m.group(2)) < 1e-3, line);
    }

    private static void assertQuery(String line, String query, double exact, double tolerance) {
        Matcher m = Pattern.compile(Pattern.quote(query) + " = (-?\\d\\.?\\d*(?:e-?\\d+)?)").matcher(line);
        assertTrue(m.matches(), line);
        String digits = m.group(1).replaceAll("^-?0\\.0*|\\.|-|e.*$", "");
        assertTrue(digits.length() >= 10, "at least 10 significant digits: " + line);
        assertEquals(exact, Double.parseDouble(m.group(1)), tolerance, line);
    }

    @Test
    void quietPrintsOnlyTheQueries() {
        assertEquals(ExitCode.OK, run("", "run", "--quiet", decay.toString()));
        assertEquals(3, out.split("\n").length, out);
        assertTrue(out.startsWith("y(0.5) = "), out);
    }

    @Test
    void jsonIsOneObjectWithQueriesAndTraining() throws Exception {
        assertEquals(ExitCode.OK, run("", "--json", decay.toString()));
        String shortForm = out;
        assertEquals(ExitCode.OK, run("", "run", "--json", decay.toString()));
        assertEquals(shortForm.replaceAll("\"seconds\":[^,]+", ""), out.replaceAll("\"seconds\":[^,]+", ""));
        JsonNode root = new ObjectMapper().readTree(out);
        assertEquals(3, root.get("queries").size());
        assertEquals("y(0.5)", root.get("queries").get(0).get("query").asText());
        assertEquals(Math.exp(-0.5), root.get("queries").get(0).get("value").asDouble(), 1e-4);
        JsonNode training = root.get("training");
        assertEquals(100, training.get("epochs").asInt());
        assertTrue(training.get("loss").asDouble() < 1e-6);
        assertTrue(training.get("seconds").asDouble() >= 0);
        assertTrue(training.get("maxResidual").asDouble() < 1e-2);
        assertEquals(1, out.strip().split("\n").length, "one line");
    }

    /** run --json, verify --json and a saved file name the same things the same way (issue 13). */
    @Test
    void theTrainingReportHasTheSameKeysInRunVerifyAndSavedFiles() throws Exception {
        assertEquals(ExitCode.OK, run("", "run", "--json", decay.toString()));
        JsonNode runTraining = new ObjectMapper().readTree(out).get("training");
        assertEquals(ExitCode.OK, run("", "verify", "--json", decay.toString()));
        JsonNode verify = new ObjectMapper().readTree(out);
        JsonNode verifyTraining = verify.get("training");
        JsonNode saved = new ObjectMapper().readTree(org.neuroform.repl.solution.SolutionFile.write(Solutions.trained(Solutions.DECAY), "t"))
                .get("report");
        java.util.Set<String> common = java.util.Set.of("epochs", "iterations", "loss", "seconds", "segments", "restarts", "converged",
                "stopped", "notes");
        for (JsonNode training : List.of(runTraining, verifyTraining, saved)) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            training.fieldNames().forEachRemaining(keys::add);
            assertTrue(keys.containsAll(common), keys.toString());
            assertEquals(training.get("epochs"), training.get("iterations"), "epochs and iterations are the same number");
        }
        assertEquals(runTraining.get("max_residual"), runTraining.get("maxResidual"), "the old spelling is kept in run --json");
        assertTrue(verifyTraining.get("max_residual").isNumber(), verifyTraining.toString());
        assertTrue(verify.get("max_residual").isNumber(), "verify keeps its top-level max_residual");
    }

    /**
     * A solution that blows up covers the domain up to the blow-up: a query before it is answered without
     * "unreliable" (that part agrees with the classical integrator), one beyond it is refused, and the exit code
     * says that not every query got an answer; in JSON the one before is reliable, the one beyond refused.
     */
    @Test
    void aQueryBeforeABlowUpIsAnsweredAndOneBeyondItIsRefused() throws Exception {
        Path file = tmp.resolve("pole.ode");
        Files.writeString(file, "domain x in [0, 2]\ny' = y^2\ny(0) = 1\ny(0.5)\ny(1.5)\n");
        assertEquals(ExitCode.NOT_CONVERGED, run("", file.toString()), err);
        assertTrue(out.contains("note: the solution blows up near x = 1.00"), out);
        Matcher answer = Pattern.compile("y\\(0\\.5\\) = (\\S+)\n  \\(residual \\S+; differs from the reference by (\\S+)\\)").matcher(out);
        assertTrue(answer.find(), "answered, and not called unreliable: " + out);
        assertEquals(2, Double.parseDouble(answer.group(1)), 1e-10);
        assertTrue(Double.parseDouble(answer.group(2)) < 1e-9, out);
        assertTrue(err.contains("pole.ode:5:1: error: the point 1.5 is beyond the trained part [0, 0.99"), err);
        assertTrue(err.contains("warning: 1 query lies beyond the part of the domain the solution covers and was not answered"), err);

        assertEquals(ExitCode.NOT_CONVERGED, run("", "--json", file.toString()), err);
        JsonNode queries = new ObjectMapper().readTree(out).get("queries");
        assertTrue(queries.get(0).get("reliable").asBoolean(), out);
        assertEquals(2, queries.get(0).get("value").asDouble(), 1e-10);
        assertTrue(queries.get(1).get("value").isNull(), out);
        assertTrue(queries.get(1).get("refused").asText().contains("beyond the trained part"), out);

        Files.writeString(file, "domain x in [0, 2]\ny' = y^2\ny(0) = 1\ny(0.5)\n");
        assertEquals(ExitCode.OK, run("", file.toString()), "every query answered: " + err);
    }

    /**
     * e^t on [0, 30] reaches 1e13, where one unit in the last place is about 0.002: right to 12 digits, it deviates by
     * about 1 absolutely. verify passes it by the deviation relative to max(1, |y|), says both, and still fails a
     * solution that is wrong relative to its size.
     */
    @Test
    void verifyComparesLargeSolutionsRelativeToTheirSize() throws Exception {
        Path file = tmp.resolve("growth.ode");
        Files.writeString(file, "domain t in [0, 30]\ny' = y\ny(0) = 1\n");
        assertEquals(ExitCode.OK, run("", "verify", "--json", file.toString()), err);
        JsonNode verify = new ObjectMapper().readTree(out);
        assertTrue(verify.get("max_deviation").asDouble() > 1e-6, "absolutely above the tolerance: " + out);
        assertTrue(verify.get("max_scaled_deviation").asDouble() < 1e-9, out);
        assertTrue(verify.get("passed").asBoolean(), out);
        assertEquals(verify.get("max_scaled_deviation").asDouble(),
                verify.get("unknowns").get(0).get("max_scaled_deviation").asDouble(), 0);

        assertEquals(ExitCode.OK, run("", "verify", file.toString()), err);
        assertTrue(Pattern.compile("y: max deviation \\S+ at t = \\S+ \\(\\S+ relative to max\\(1, \\|y\\|\\)\\)").matcher(out).find(), out);

        // Twenty epochs of Adam leave it wrong relative to its size too: that fails.
        Files.writeString(file, "domain t in [0, 30]\ny' = y\ny(0) = 1\ntrain optimizer = adam, epochs = 20\n");
        assertEquals(ExitCode.NOT_CONVERGED, run("", "verify", "--json", file.toString()), err);
        assertTrue(new ObjectMapper().readTree(out).get("max_scaled_deviation").asDouble() > 1e-6, out);
        assertFalse(new ObjectMapper().readTree(out).get("passed").asBoolean(), out);
    }

    @Test
    void aValueThatIsNotANumberIsNullInJson() throws Exception {
        Path file = tmp.resolve("nan.ode");
        Files.writeString(file, Solutions.DECAY + "sqrt(y(0.5) - 2)\n");
        assertEquals(ExitCode.OK, run("", "--json", file.toString()));
        JsonNode value = new ObjectMapper().readTree(out).get("queries").get(1).get("value");
        assertTrue(value.isNull(), out);
        assertEquals(ExitCode.OK, run("", "--quiet", file.toString()));
        assertTrue(out.endsWith("sqrt(y(0.5) - 2) = NaN\n"), out);
    }

    @Test
    void checkIsSilentForACorrectFileAndShowsTheProblemOnRequest() {
        assertEquals(ExitCode.OK, run("", "check", decay.toString()));
        assertEquals("", out);
        assertEquals(ExitCode.OK, run("", "check", "--show", decay.toString()));
        assertTrue(out.contains("y(x) = 1 + x*N_y(x)"), out);
    }

    @Test
    void errorsInTheInputExitWithOne() throws Exception {
        Path bad = tmp.resolve("bad.ode");
        Files.writeString(bad, "domain x in [0, 1]\ny' = -2x\ny(0) = 1\n");
        assertEquals(ExitCode.INPUT_ERROR, run("", "check", bad.toString()));
        assertTrue(err.contains("bad.ode:2:"), err);
        assertEquals(ExitCode.INPUT_ERROR, run("", bad.toString()));
        assertEquals("", out);
    }

    @Test
    void missingFilesExitWithFour() {
        assertEquals(ExitCode.FILE_ERROR, run("", tmp.resolve("nope.ode").toString()));
        assertTrue(err.contains("no such file"), err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run --frobnicate x.ode", "check", "run a.ode b.ode", "--nope", "repl a b", "verify --tolerance abc x.ode",
        "verify --tolerance -1 x.ode", "verify --tolerance", "bench --problems", "bench extra", "check --show"})
    void wrongCommandLinesExitWithTwo(String line) {
        assertEquals(ExitCode.USAGE, run("", line.split(" ")));
        assertTrue(err.contains("usage: neuroform"), err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "check", "verify", "bench", "repl"})
    void everyCommandHasHelp(String command) {
        assertEquals(ExitCode.OK, run("", command, "--help"));
        assertTrue(out.startsWith("usage: neuroform " + command), out);
        assertEquals(ExitCode.OK, run("", "help", command));
        assertTrue(out.startsWith("usage: neuroform " + command), out);
    }

    @Test
    void eachCommandsHelpListsItsOptionsAndTheExitCodes() {
        assertEquals(ExitCode.OK, run("", "verify", "--help"));
        assertTrue(out.contains("--tolerance=T") && out.contains("--json") && out.contains("-q, --quiet"), out);
        assertTrue(out.contains("exit codes: 0 ok"), out);
        assertEquals(ExitCode.OK, run("", "bench", "-h"));
        assertTrue(out.contains("--corpus") && out.contains("examples/corpus/*.ode"), out);
    }

    /** bench --corpus is accepted and reaches the corpus runner (here: an examples folder without the corpus, a file error). */
    @Test
    void benchAcceptsCorpus() {
        run("", "bench", "--corpus", "--examples", tmp.toString(), "--out", tmp.resolve("results").toString());
        assertTrue(!err.contains("unknown option") && !err.contains("usage: neuroform bench"), err);
        assertTrue(err.contains("corpus"), err);
    }

    /** bench --bundles trains the parametric examples against one forward solve each and writes their table. */
    @Test
    void benchBundlesWritesTheBundleTable() throws Exception {
        Path examples = Files.createDirectories(tmp.resolve("examples"));
        Files.writeString(examples.resolve("bundle-decay.ode"), "domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n");
        Files.writeString(examples.resolve("bundle-broken.ode"), "domain x in [0, 2]\ny' = -q*y\n");
        Files.writeString(examples.resolve("decay.ode"), "domain x in [0, 1]\ny' = -y\ny(0) = 1\n");
        Path results = tmp.resolve("results");
        assertEquals(ExitCode.OK, run("", "bench", "--bundles", "--examples", examples.toString(), "--out", results.toString()));
        String md = Files.readString(results.resolve("bundle-examples.md"));
        assertTrue(md.matches("(?s).*\\| bundle-decay \\| k in \\[0\\.5, 2\\] \\| 9 \\| .*"), md);
        assertTrue(md.contains("| bundle-broken | not a parametric problem that compiles |"), md);
        assertTrue(!md.contains("| decay |"), "only bundle-*.ode: " + md);
        String csv = Files.readString(results.resolve("bundle-examples.csv"));
        assertTrue(csv.lines().anyMatch(line -> line.startsWith("bundle-decay,k,9,")), csv);
    }

    @Test
    void optionsOfRunMayComeBeforeTheFileWithoutTheCommand() {
        assertEquals(ExitCode.OK, run("", "--quiet", decay.toString()));
        assertTrue(out.startsWith("y(0.5) = "), out);
        assertEquals(ExitCode.OK, run("", "--debug", "-q", decay.toString()));
        assertTrue(out.startsWith("y(0.5) = "), out);
    }

    @Test
    void theOverviewListsCommandsAndExitCodes() {
        assertEquals(ExitCode.OK, run("", "--help"));
        assertTrue(out.contains("neuroform run [--json] [--quiet] [--format xpp|native] FILE"), out);
        assertTrue(out.contains("exit codes: 0 ok, 1 errors in the input, 2 wrong command line"), out);
        assertEquals(ExitCode.OK, run("", "--version"));
        assertTrue(out.matches("neuroform \\S+\n"), out);
    }

    @Test
    void theShellReadsAPipeWithoutPromptsAndLoadsAFileFirst() {
        assertEquals(ExitCode.OK, run(":train\ny(1)\n:quit\ny(0)\n", "repl", decay.toString()));
        String[] lines = out.split("\n");
        assertEquals("loaded " + decay + " (7 statements)", lines[0]);
        assertTrue(lines[1].startsWith("trained: "), out);
        assertTrue(out.contains("y(1) = 0.36"), out);
        assertTrue(!out.contains("y(0) ="), "nothing after :quit");
    }
}
