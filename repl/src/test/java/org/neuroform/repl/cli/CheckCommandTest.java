package org.neuroform.repl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.neuroform.repl.common.ExitCode;
import org.neuroform.repl.common.SourceLoader;

/**
 * The catalogue of bad input, through {@code neuroform check}: every golden error file of the
 * compiler plus hostile files, each with a clear message and the documented exit code
 * ({@link ExitCode}). No case may print a stack trace.
 */
class CheckCommandTest {
    private static final Path GOLDEN_ERRORS = Path.of("..", "compiler", "src", "test", "resources", "golden", "errors");
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path directory;

    record Outcome(int code, String out, String err) {}

    static Outcome check(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.of("check"), Stream.of(arguments)).toArray(String[]::new);
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                InputStream.nullInputStream()).run(args);
        Outcome outcome = new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(outcome.err().contains("Exception") || outcome.err().contains("\tat "), outcome.err());
        assertFalse(outcome.err().contains("neuroform: internal error"), outcome.err());
        return outcome;
    }

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** The data files a problem names are read and validated by check, as run reads them (no fit). */
    @Test
    void checkReadsTheDataFiles() throws IOException {
        Path problem = write("decay.ode", "domain t in [0, 2]\nparam k = ?\ndata \"decay.csv\"\ny' = -k*y\ny(0) = 2\ny(2)\n");
        Outcome missing = check(problem.toString());
        assertEquals(ExitCode.INPUT_ERROR, missing.code());
        assertTrue(missing.err().contains("decay.ode:3:6: error: cannot read data file"), missing.err());
        write("decay.csv", "t,y\n0.5,1.4\n1,oops\n");
        Outcome bad = check(problem.toString());
        assertEquals(ExitCode.INPUT_ERROR, bad.code());
        assertTrue(bad.err().contains("decay.csv:3:3: error:"), bad.err());
        write("decay.csv", "t,y\n0.5,1.4\n1,0.99\n1.5,0.7\n");
        assertEquals(new Outcome(ExitCode.OK, "", ""), check(problem.toString()));
        Outcome noData = check(write("nodata.ode", "domain t in [0, 2]\nparam k = ?\ny' = -k*y\ny(0) = 2\n").toString());
        assertEquals(ExitCode.INPUT_ERROR, noData.code());
        assertTrue(noData.err().contains("nodata.ode:2:7: error: param 'k' is to be estimated from data"), noData.err());
    }

    // ------------------------------------------------------------ every diagnostic of the language

    @TestFactory
    Stream<DynamicTest> everyGoldenErrorFileThroughTheCommandLine() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(GOLDEN_ERRORS)) {
            inputs = files.filter(p -> p.toString().endsWith(".ode")).sorted().collect(Collectors.toList());
        }
        assertTrue(inputs.size() >= 30, "the catalogue has " + inputs.size() + " cases");
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
            String name = input.getFileName().toString();
            String expected = Files.readString(input.resolveSibling(name.replace(".ode", ".errors")), StandardCharsets.UTF_8);
            // golden errors/ files are native by definition; one without a domain line could look like XPP's
            Outcome outcome = check("--format", "native", input.toString());
            String prefix = input.toString().substring(0, input.toString().length() - name.length());
            String printed = outcome.err().replace(prefix + name, name);
            boolean errors = expected.contains(": error: ");
            assertEquals(errors ? ExitCode.INPUT_ERROR : ExitCode.OK, outcome.code(), outcome.err());
            assertTrue(printed.startsWith(expected), () -> "expected\n" + expected + "\nbut printed\n" + printed);
            if (errors) {
                assertTrue(printed.substring(expected.length()).matches("\\d+ errors?\\n"), printed);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleChecksClean() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            examples = files.filter(p -> p.toString().endsWith(".ode")).sorted().collect(Collectors.toList());
        }
        assertFalse(examples.isEmpty());
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
            Outcome outcome = check(example.toString());
            assertEquals(new Outcome(ExitCode.OK, "", ""), outcome);
        }));
    }

    // ------------------------------------------------------------ hostile files

    @Test
    void emptyFile() throws IOException {
        Outcome outcome = check(write("empty.ode", "").toString());
        assertEquals(ExitCode.INPUT_ERROR, outcome.code());
        assertTrue(outcome.err().contains("empty.ode: error: there is nothing to solve"), outcome.err());
    }

    @Test
    void binaryFileWithNulBytes() throws IOException {
        byte[] bytes = new byte[4096];
        new java.util.Random(3).nextBytes(bytes);
        bytes[10] = 0;
        Outcome outcome = check(write("binary.ode", bytes).toString());
        assertEquals(ExitCode.FILE_ERROR, outcome.code());
        assertTrue(outcome.err().contains("not a text file"), outcome.err());
    }

    @Test
    void fileThatIsNotUtf8() throws IOException {
        Outcome outcome = check(write("latin1.ode", new byte[] {'x', ' ', (byte) 0xE9, '\n'}).toString());
        assertEquals(ExitCode.FILE_ERROR, outcome.code());
        assertTrue(outcome.err().contains("not valid UTF-8"), outcome.err());
    }

    @Test
    void controlCharactersWithoutNul() throws IOException {
        Outcome outcome = check(write("control.ode", "domain x in [0, 1]\ny' = -y\u001b[2J\ny(0) = 1\n").toString());
        assertEquals(ExitCode.INPUT_ERROR, outcome.code());
        assertTrue(outcome.err().contains("unexpected character U+001B"), outcome.err());
        assertFalse(outcome.err().contains("\u001b"), "an escape sequence reached the terminal");
    }

    @Test
    void twentyThousandNestedBrackets() throws IOException {
        Outcome outcome = check(write("deep.ode",
                "domain x in [0, 1]\ny' = " + "(".repeat(20_000) + "y" + ")".repeat(20_000) + "\ny(0) = 1\n").toString());
        assertEquals(ExitCode.INPUT_ERROR, outcome.code());
        assertTrue(outcome.err().contains("deep.ode:2:206: error: brackets nested more than 200 deep"), outcome.err());
    }

    @Test
    void aOneMegabyteLine() throws IOException {
        Outcome outcome = check(write("long.ode", "domain x in [0, 1]\ny' = -y" + "+y".repeat(500_000) + "\ny(0) = 1\n").toString());
        assertEquals(ExitCode.INPUT_ERROR, outcome.code());
        assertTrue(outcome.err().contains("error: statement longer than 10000 tokens"), outcome.err());
        assertTrue(outcome.err().length() < 2000, "the line is shown cut to a window");
    }

    @Test
    void aNumberTooLargeForDoubles() throws IOException {
        Outcome outcome = check(write("huge.ode", "domain x in [0, 1e999]\ny' = -y\ny(0) = 1\n").toString());
        assertEquals(ExitCode.INPUT_ERROR, outcome.code());
        assertTrue(outcome.err().contains("huge.ode:1:17: error: the number '1e999' is too large"), outcome.err());
    }

    @Test
    void unicodePrime() throws IOException {
        Outcome outcome = check(write("prime.ode", "domain x in [0, 1]\ny\u2032 = -y\ny(0) = 1\n").toString());
        assertEquals(ExitCode.INPUT_ERROR, outcome.code());
        assertTrue(outcome.err().contains("prime.ode:2:2: error: unexpected character '\u2032'"), outcome.err());
        assertTrue(outcome.err().contains("hint: write derivatives with the ASCII apostrophe: y'"), outcome.err());
    }

    @Test
    void unicodeSuperscript() throws IOException {
        Outcome outcome = check(write("square.ode", "domain x in [0, 1]\ny' = -y\u00b2\ny(0) = 1\n").toString());
        assertEquals(ExitCode.INPUT_ERROR, outcome.code());
        assertTrue(outcome.err().contains("hint: write powers with '^': y^2"), outcome.err());
    }

    @Test
    void crlfLineEndings() throws IOException {
        assertEquals(ExitCode.OK, check(write("crlf.ode", "domain x in [0, 1]\r\ny' = -y\r\ny(0) = 1\r\n").toString()).code());
        Outcome error = check(write("crlf-error.ode", "domain x in [0, 1]\r\ny' = -2y\r\ny(0) = 1\r\n").toString());
        assertTrue(error.err().contains("crlf-error.ode:2:8: error: missing operator between '2' and 'y'"), error.err());
        assertFalse(error.err().contains("\r"), "a carriage return would garble the caret line");
    }

    @Test
    void byteOrderMark() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "domain x in [0, 1]\ny' = -k*y\ny(0) = 1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(text, 0, bytes, bom.length, text.length);
        Outcome outcome = check(write("bom.ode", bytes).toString());
        assertEquals(ExitCode.INPUT_ERROR, outcome.code());
        assertTrue(outcome.err().contains("bom.ode:2:7: error: undefined name 'k'"), outcome.err());
    }

    @Test
    void tabs() throws IOException {
        Outcome outcome = check(write("tabs.ode", "domain\tx in [0, 1]\n\ty' =\t-y\t+ q\ny(0) = 1\n").toString());
        assertEquals(ExitCode.INPUT_ERROR, outcome.code());
        // columns count characters; the caret line repeats the tabs so it lines up in a terminal
        assertTrue(outcome.err().contains("tabs.ode:2:12: error: undefined name 'q'\n  2 | \ty' =\t-y\t+ q\n    | \t    \t  \t  ^\n"),
                outcome.err());
    }

    @Test
    void missingFile() {
        Outcome outcome = check(directory.resolve("nowhere.ode").toString());
        assertEquals(ExitCode.FILE_ERROR, outcome.code());
        assertTrue(outcome.err().contains("nowhere.ode: no such file"), outcome.err());
    }

    @Test
    void directoryInsteadOfAFile() {
        Outcome outcome = check(directory.toString());
        assertEquals(ExitCode.FILE_ERROR, outcome.code());
        assertTrue(outcome.err().contains("is a directory"), outcome.err());
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = write("secret.ode", "domain x in [0, 1]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(file)) {
            Outcome outcome = check(file.toString());
            assertEquals(ExitCode.FILE_ERROR, outcome.code());
            assertTrue(outcome.err().contains("secret.ode: permission denied"), outcome.err());
        }
        // Root reads any file whatever its mode: a path through a regular file fails the same way.
        Outcome through = check(file.resolve("inner.ode").toString());
        assertEquals(ExitCode.FILE_ERROR, through.code());
        assertTrue(through.err().startsWith("neuroform: "), through.err());
    }

    @Test
    void fileTooLarge() throws IOException {
        Path file = directory.resolve("large.ode");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(SourceLoader.MAX_BYTES + 1);
        }
        Outcome outcome = check(file.toString());
        assertEquals(ExitCode.FILE_ERROR, outcome.code());
        assertTrue(outcome.err().contains("file too large"), outcome.err());
    }

    // ------------------------------------------------------------ the command itself

    @Test
    void usageErrors() throws IOException {
        assertEquals(ExitCode.USAGE, check().code());
        assertEquals(ExitCode.USAGE, check("--bogus", "x.ode").code());
        Path file = write("a.ode", "domain x in [0, 1]\ny' = -y\ny(0) = 1\n");
        assertEquals(ExitCode.USAGE, check(file.toString(), file.toString()).code());
    }

    @Test
    void warningsAreShownButDoNotFail() throws IOException {
        Outcome outcome = check(write("warn.ode", "domain x in [0, 1]\nparam k = 2\ny' = -y\ny(0) = 1\n").toString());
        assertEquals(ExitCode.OK, outcome.code());
        assertTrue(outcome.err().contains("warn.ode:2:7: warning: param 'k' is never used"), outcome.err());
    }

    @Test
    void showPrintsTheCompiledProblem() {
        Outcome outcome = check("--show", EXAMPLES.resolve("lagaris3.ode").toString());
        assertEquals(ExitCode.OK, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("unknowns:\n  y (order 2)\n"), outcome.out());
        assertTrue(outcome.out().contains("residuals (each = 0 on the domain):\n  y'' + 0.2*y' + y"), outcome.out());
        assertTrue(outcome.out().contains("trial solutions"), outcome.out());
        assertTrue(outcome.out().contains("y(x) = x + "), outcome.out());
    }
}
