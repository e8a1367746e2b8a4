package org.neuroform.repl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroform.repl.common.ExitCode;

/** XPPAUT files on the command line: recognised and announced, --format, convert, refusals with line and column. */
class XppCommandTest {
    @TempDir
    Path tmp;

    private Path decay;
    private String out;
    private String err;

    @BeforeEach
    void writeFiles() throws Exception {
        decay = tmp.resolve("decay.ode");
        Files.writeString(decay, "# exponential decay in XPP's format\ndY/dt = -K*Y\nPAR K=1\nINIT Y=1\n@ TOTAL=2, DT=.01\nDONE\n");
    }

    private int run(String... args) {
        CliRun run = CliRun.of("", args);
        out = run.out();
        err = run.err();
        return run.code();
    }

    @Test
    void runReadsAnXppFileSaysSoFirstAndAnswersTheDefaultQueries() {
        assertEquals(ExitCode.OK, run(decay.toString()));
        String[] lines = out.split("\n");
        assertTrue(lines[0].startsWith("reading " + decay + " as an XPPAUT file"), out);
        assertTrue(lines[0].contains("domain t in [0, 2]"), out);
        assertTrue(lines[1].startsWith("trained: "), out);
        String answer = out.lines().filter(l -> l.startsWith("y(2) = ")).findFirst().orElseThrow();
        assertEquals(Math.exp(-2), Double.parseDouble(answer.substring("y(2) = ".length())), 1e-9);
        assertTrue(err.contains("note: ignored: dt"), err);
    }

    @Test
    void jsonStaysOneObjectWithTheAnnouncementOnStandardError() {
        assertEquals(ExitCode.OK, run("run", "--json", decay.toString()));
        assertTrue(out.startsWith("{"), out);
        assertTrue(err.contains("as an XPPAUT file"), err);
    }

    @Test
    void convertPrintsTheNativeTranslationThatChecksClean() throws Exception {
        assertEquals(ExitCode.OK, run("convert", decay.toString()));
        assertTrue(out.contains("domain t in [0, 2]\nparam k = 1\ny' = -k*y\ny(0) = 1\n"), out);
        Path converted = tmp.resolve("converted.ode");
        Files.writeString(converted, out);
        assertEquals(ExitCode.OK, run("check", converted.toString()));
        assertEquals("", out + err);
    }

    @Test
    void formatForcesEitherLanguage() {
        assertEquals(ExitCode.INPUT_ERROR, run("check", "--format", "native", decay.toString()));
        assertTrue(err.contains("error"), err);
        assertEquals(ExitCode.OK, run("check", "--format", "xpp", decay.toString()));
        assertEquals(ExitCode.USAGE, run("check", "--format", "matlab", decay.toString()));
        assertTrue(err.contains("--format takes xpp or native"), err);
    }

    @Test
    void refusedFeaturesGetFileLineColumnAndNoStackTrace() throws Exception {
        Path noisy = tmp.resolve("noisy.ode");
        Files.writeString(noisy, "x'=-x+s*w0\nwiener w0\npar s=.1\ninit x=1\n");
        assertEquals(ExitCode.INPUT_ERROR, run(noisy.toString()));
        assertTrue(err.contains(noisy + ":2:1: error: Wiener processes (a stochastic model): not supported by the XPP reader"), err);
        assertTrue(!err.contains("Exception"), err);
        assertEquals(ExitCode.INPUT_ERROR, run("convert", noisy.toString()));
        assertEquals("", out);
    }
}
