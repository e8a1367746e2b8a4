package org.neuroform.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.DataReference;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;
import org.neuroform.runtime.Problems;

/** The data-file reader: the format, every diagnostic, and the committed example data. */
class DataFileTest {
    /** S, I, R are unknowns 0, 1, 2; k is a param. */
    private static final CompiledProblem SIR = Problems.compile("""
            domain t in [0, 40]
            param k = 0.5
            S' = -k*S*I/1000
            I' = k*S*I/1000 - I/5
            R' = I/5
            S(0) = 990
            I(0) = 10
            R(0) = 0
            I(20)
            """);

    /** x, y are unknowns 0, 1. */
    private static final CompiledProblem PAIR = Problems.compile("""
            domain t in [0, 15]
            x' = x - x*y
            y' = x*y - y
            x(0) = 1
            y(0) = 2
            x(15)
            """);

    private static DataFile.Read parse(CompiledProblem problem, String text) {
        return DataFile.parse(new SourceFile("obs.csv", text), problem);
    }

    private static Observations clean(CompiledProblem problem, String text) {
        DataFile.Read read = parse(problem, text);
        assertEquals("", read.render());
        assertTrue(read.observations().isPresent());
        return read.observations().get();
    }

    /** The one error (or warning) the text gives, checked by code; the rendering returned. */
    private static String only(CompiledProblem problem, String text, String code) {
        DataFile.Read read = parse(problem, text);
        List<String> codes = read.diagnostics().stream().map(Diagnostic::code).toList();
        assertEquals(List.of(code), codes, read.render());
        assertEquals(read.hasErrors(), read.observations().isEmpty(), "observations exactly when there is no error");
        return read.render();
    }

    // ------------------------------------------------------------ what the format accepts

    @Test
    void bothUnknownsWithSigma() {
        Observations o = clean(PAIR, "t,x,y,sigma\n0.5,1.5,2.5,0.1\n1,1.25,-3e-1,0.2\n");
        assertArrayEquals(new double[] {0.5, 0.5, 1, 1}, o.time());
        assertArrayEquals(new int[] {0, 1, 0, 1}, o.unknown());
        assertArrayEquals(new double[] {1.5, 2.5, 1.25, -0.3}, o.value());
        assertArrayEquals(new double[] {0.1, 0.1, 0.2, 0.2}, o.sigma());
        assertEquals(List.of("obs.csv:2", "obs.csv:2", "obs.csv:3", "obs.csv:3"), o.where());
        assertTrue(o.hasSigma());
    }

    @Test
    void columnsInAnyOrder() {
        Observations o = clean(PAIR, "y,sigma,t\n2.5,0.1,0.5\n");
        assertArrayEquals(new double[] {0.5}, o.time());
        assertArrayEquals(new int[] {1}, o.unknown());
        assertArrayEquals(new double[] {2.5}, o.value());
    }

    @Test
    void onlyTheInfectedObservedWithoutSigma() {
        Observations o = clean(SIR, "t,I\n1,12\n2,15.5\n");
        assertArrayEquals(new int[] {1, 1}, o.unknown());
        assertArrayEquals(new double[] {12, 15.5}, o.value());
        assertTrue(Double.isNaN(o.sigma()[0]) && Double.isNaN(o.sigma()[1]));
        assertFalse(o.hasSigma());
    }

    @Test
    void sigmaPerUnknown() {
        Observations o = clean(PAIR, "t,x,y,sigma_x,sigma_y\n1,10,20,0.5,2\n");
        assertArrayEquals(new double[] {0.5, 2}, o.sigma());
    }

    @Test
    void sigmaOfAnUnknownOverridesTheRowsSigma() {
        Observations o = clean(PAIR, "t,x,y,sigma,sigma_y\n1,10,20,0.5,2\n");
        assertArrayEquals(new double[] {0.5, 2}, o.sigma());
    }

    @Test
    void emptyCellsMeanNotObserved() {
        Observations o = clean(PAIR, "t,x,y\n1,10,\n2,,20\n3,,\n4,11,21\n");
        assertArrayEquals(new double[] {1, 2, 4, 4}, o.time());
        assertArrayEquals(new int[] {0, 1, 0, 1}, o.unknown());
        assertArrayEquals(new double[] {10, 20, 11, 21}, o.value());
    }

    @Test
    void aSigmaCellBesideNoValueIsNotNeeded() {
        Observations o = clean(PAIR, "t,x,sigma_x\n1,,\n2,3,0.5\n");
        assertArrayEquals(new double[] {2}, o.time());
    }

    @Test
    void commentsBlankLinesWhitespaceAndLineEndings() {
        String text = "# observations of x\r\n\r\n  t , x  # the header\r\n# a note\r\n 0.5 ,\t1.5 # first\r\n\r\n1, 2\r3,4";
        Observations o = clean(PAIR, text);
        assertArrayEquals(new double[] {0.5, 1, 3}, o.time());
        assertArrayEquals(new double[] {1.5, 2, 4}, o.value());
        assertEquals(List.of("obs.csv:5", "obs.csv:7", "obs.csv:8"), o.where());
    }

    @Test
    void byteOrderMarkAndQuotedNames() {
        Observations o = clean(PAIR, "\uFEFF\"t\",\"x\"\n1,2\n");
        assertArrayEquals(new double[] {2}, o.value());
    }

    @Test
    void semicolonAndTabSeparators() {
        assertArrayEquals(new double[] {2, 3}, clean(PAIR, "t;x;y\n1;2;3\n").value());
        assertArrayEquals(new double[] {2, 3}, clean(PAIR, "t\tx\ty\n1\t2\t3\n").value());
    }

    @Test
    void timesWithinRoundingOfTheDomainAreMovedOntoIt() {
        Observations o = clean(PAIR, "t,x\n0,1\n15.000000000000002,2\n");
        assertArrayEquals(new double[] {0, 15}, o.time());
    }

    // ------------------------------------------------------------ errors in the header

    @Test
    void emptyFile() {
        assertEquals("""
                obs.csv: error: the data file is empty: it needs a header row naming the columns
                  hint: for example: t,x,y
                """, only(PAIR, "# nothing yet\n\n", "data-no-header"));
    }

    @Test
    void numbersWhereTheHeaderShouldBe() {
        assertEquals("""
                obs.csv:1:1: error: the first row holds numbers, not the names of the columns
                  1 | 0,1.5
                    | ^^^^^
                  hint: start the file with a header row, for example: t,x,y
                """, only(PAIR, "0,1.5\n1,2\n", "data-no-header"));
    }

    @Test
    void headerWithoutTheDomainVariable() {
        assertEquals("""
                obs.csv:2:1: error: the header has no column 't' (the domain variable): the times of the observations
                  2 | I,sigma
                    | ^^^^^^^
                  hint: for example: t,S,I,R
                """, only(SIR, "# header\nI,sigma\n1,2,3\n", "data-missing-column"));
    }

    @Test
    void unknownColumnWithDidYouMean() {
        assertEquals("""
                obs.csv:1:3: error: unknown column 'i'
                  1 | t,i,sigma
                    |   ^
                  hint: did you mean 'I'?
                """, only(SIR, "t,i,sigma\n1,2,3\n", "data-unknown-column"));
        assertTrue(only(SIR, "t,I,sigm\n1,2,3\n", "data-unknown-column").contains("did you mean 'sigma'?"));
        assertTrue(only(SIR, "t,I,sgima_I\n1,2,3\n", "data-unknown-column").contains("did you mean 'sigma_I'?"));
        assertTrue(only(SIR, "t,I,pressure\n1,2,3\n", "data-unknown-column").contains("the columns can be: t, S, I, R, sigma, sigma_S, sigma_I, sigma_R"));
    }

    @Test
    void derivativeAndParamColumnsAreExplained() {
        assertTrue(only(SIR, "t,I'\n1,2\n", "data-unknown-column").contains("derivatives are not observed, only values"));
        assertTrue(only(SIR, "t,k\n1,2\n", "data-unknown-column").contains("'k' is a param, not an unknown"));
    }

    @Test
    void duplicateColumn() {
        assertEquals("""
                obs.csv:1:8: error: duplicate column 'I'
                  1 | t, I,  I
                    |        ^
                  hint: column 2 is already 'I'
                """, only(SIR, "t, I,  I\n1,2,3\n", "data-duplicate-column"));
        only(SIR, "t,I,t\n1,2,3\n", "data-duplicate-column");
    }

    @Test
    void unnamedColumnFromATrailingComma() {
        assertTrue(only(SIR, "t,I,\n1,2,\n", "data-unnamed-column").startsWith("obs.csv:1:5: error: column 3 has no name"));
    }

    @Test
    void sigmaForAnUnobservedUnknown() {
        assertTrue(only(SIR, "t,I,sigma_S\n1,2,3\n", "data-sigma-without-column")
                .startsWith("obs.csv:1:5: error: 'sigma_S' gives the sigma of 'S', but no column holds 'S'"));
    }

    @Test
    void someUnknownsWithSigmaOthersWithout() {
        assertTrue(only(PAIR, "t,x,y,sigma_x\n1,2,3,4\n", "data-missing-sigma").startsWith("obs.csv:1:5: error: 'y' has no sigma"));
    }

    @Test
    void headerWithoutUnknowns() {
        assertTrue(only(SIR, "t,sigma\n1,2\n", "data-no-observations").contains("the header names no unknown"));
    }

    @Test
    void headerErrorsStopBeforeTheRows() {
        DataFile.Read read = parse(SIR, "t,i\n1,x\n1,2,3\n");
        assertEquals(List.of("data-unknown-column"), read.diagnostics().stream().map(Diagnostic::code).toList());
    }

    // ------------------------------------------------------------ errors in the rows

    @Test
    void rowWithTooManyOrTooFewCells() {
        assertEquals("""
                obs.csv:3:7: error: this row has 5 cells, but the header has 3 columns
                  3 | 2,3,4,5,6  # extra
                    |       ^^^
                  hint: an empty cell (nothing between two separators) means "not observed"
                """, only(SIR, "t,I,sigma\n1,2,3\n2,3,4,5,6  # extra\n", "data-wrong-cell-count"));
        assertTrue(only(SIR, "t,I,sigma\n1,2\n", "data-wrong-cell-count").startsWith("obs.csv:2:4: error: this row has 2 cells"));
    }

    @Test
    void notANumber() {
        assertEquals("""
                obs.csv:3:4: error: '1.2.3' is not a number
                  3 | 2, 1.2.3 ,1
                    |    ^^^^^
                  hint: a cell holds a decimal number such as 1.5 or 2e-3, or nothing
                """, only(SIR, "t,I,sigma\n1,2,3\n2, 1.2.3 ,1\n", "data-not-a-number"));
        only(SIR, "t,I\n0x10,2\n", "data-not-a-number");
        only(SIR, "t,I\n1,2d\n", "data-not-a-number");
        only(SIR, "t,I\n1,1+2\n", "data-not-a-number");
    }

    @Test
    void decimalCommaGetsAHint() {
        assertTrue(only(SIR, "t;I\n1;2,5\n", "data-not-a-number").contains("hint: use a decimal point: 2.5"));
    }

    @Test
    void notFinite() {
        for (String cell : List.of("NaN", "nan", "inf", "-Inf", "Infinity", "1e999")) {
            only(SIR, "t,I\n1," + cell + "\n", "data-not-finite");
        }
        only(SIR, "t,I\nNaN,1\n", "data-not-finite");
    }

    @Test
    void timeOutsideTheDomain() {
        assertEquals("""
                obs.csv:3:1: error: t = 41 is outside the domain [0, 40]
                  3 | 41,7
                    | ^^
                  hint: observations must lie in the domain the problem is solved on
                """, only(SIR, "t,I\n1,2\n41,7\n", "data-outside-domain"));
        only(SIR, "t,I\n-0.5,2\n", "data-outside-domain");
    }

    @Test
    void rowWithoutTime() {
        assertTrue(only(SIR, "t,I\n,2\n", "data-missing-time").startsWith("obs.csv:2:1: error: this row has no t"));
    }

    @Test
    void sigmaMustBePositive() {
        assertTrue(only(SIR, "t,I,sigma\n1,2,0\n", "data-sigma-not-positive").startsWith("obs.csv:2:5: error: sigma must be positive, but is 0"));
        only(SIR, "t,I,sigma\n1,2,-1\n", "data-sigma-not-positive");
        only(SIR, "t,I,sigma\n1,,-1\n", "data-sigma-not-positive");
    }

    @Test
    void valueWithoutItsSigma() {
        assertTrue(only(SIR, "t,I,sigma\n1,2,\n", "data-missing-sigma").startsWith("obs.csv:2:5: error: the value of 'I' in this row has no sigma"));
        // one sigma cell for two values: said once
        only(PAIR, "t,x,y,sigma\n1,2,3,\n", "data-missing-sigma");
    }

    @Test
    void noObservations() {
        assertEquals("obs.csv: error: the data file has a header but no rows\n  hint: each row is t and the observed values at that time\n",
                only(SIR, "t,I\n# none yet\n", "data-no-observations"));
        assertTrue(only(SIR, "t,I\n1,\n2,\n", "data-no-observations").contains("every value cell is empty"));
    }

    @Test
    void everyErrorInTheRowsIsReported() {
        DataFile.Read read = parse(SIR, "t,I,sigma\n1,a,1\n50,2,1\n3,4,0\n");
        assertEquals(List.of("data-not-a-number", "data-outside-domain", "data-sigma-not-positive"),
                read.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(read.observations().isEmpty());
    }

    @Test
    void errorsBeyondFiftyAreCounted() {
        StringBuilder text = new StringBuilder("t,I\n");
        for (int i = 0; i < 80; i++) {
            text.append("1,x\n");
        }
        DataFile.Read read = parse(SIR, text.toString());
        assertEquals(51, read.diagnostics().size());
        Diagnostic last = read.diagnostics().get(50);
        assertEquals("too-many-errors", last.code());
        assertEquals("too many errors: 30 more not shown", last.message());
        assertEquals(52, last.span().line());
    }

    @Test
    @Tag("slow") // a million rows: a few seconds on a busy machine
    void tooManyRows() {
        StringBuilder text = new StringBuilder(DataFile.MAX_ROWS * 6 + 20).append("t,I\n");
        for (int i = 0; i <= DataFile.MAX_ROWS; i++) {
            text.append(i % 40).append(",1\n");
        }
        DataFile.Read read = parse(SIR, text.toString());
        assertTrue(read.observations().isEmpty());
        List<String> codes = read.diagnostics().stream().map(Diagnostic::code).toList();
        assertTrue(codes.contains("data-too-many-rows"), codes::toString);
        Diagnostic error = read.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertEquals(DataFile.MAX_ROWS + 2, error.span().line());
    }

    // ------------------------------------------------------------ warnings

    @Test
    void unsortedTimesAreAllowedButSaid() {
        DataFile.Read read = parse(SIR, "t,I\n1,2\n3,4\n2,3\n0.5,1\n");
        assertEquals(List.of("data-unsorted-times"), read.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals("""
                obs.csv:4:1: warning: the times are not in increasing order: t = 2 comes after t = 3
                  4 | 2,3
                    | ^
                  hint: allowed: the order of the rows does not matter
                """, read.render());
        assertEquals(4, read.observations().orElseThrow().size());
    }

    @Test
    void repeatedTimesForOneUnknownAreAllowedButSaid() {
        DataFile.Read read = parse(PAIR, "t,x,y\n1,2,\n1,,3\n1,4,\n2,5,\n2,6,\n2,7,\n");
        assertEquals(List.of("data-duplicate-time"), read.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals("""
                obs.csv:4:3: warning: 'x' is observed again at t = 1 (first on line 2); 2 more repeated observations of x
                  4 | 1,4,
                    |   ^
                  hint: allowed: each repeat counts as an observation of its own
                """, read.render());
        assertEquals(6, read.observations().orElseThrow().size());
    }

    @Test
    void warningsBeyondFiftyAreCounted() {
        int count = 55;
        StringBuilder problem = new StringBuilder("domain t in [0, 1]\n");
        StringBuilder header = new StringBuilder("t");
        StringBuilder row = new StringBuilder("1");
        for (int i = 1; i <= count; i++) {
            problem.append("y").append(i).append("' = -y").append(i).append("\ny").append(i).append("(0) = 1\n");
            header.append(",y").append(i);
            row.append(",0.5");
        }
        problem.append("y1(1)\n");
        DataFile.Read read = parse(Problems.compile(problem.toString()), header + "\n" + row + "\n" + row + "\n");
        assertEquals(51, read.diagnostics().size());
        assertEquals("too-many-warnings", read.diagnostics().get(50).code());
        assertEquals("too many warnings: 5 more not shown", read.diagnostics().get(50).message());
        assertEquals(2 * count, read.observations().orElseThrow().size());
    }

    // ------------------------------------------------------------ files

    private static CompiledProblem problemIn(Path directory, String name) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, "domain t in [0, 40]\nparam k = ? in [0, 1]\ndata \"obs.csv\"\ny' = -k*y\ny(0) = 1\ny(1)\n");
        SourceFile source = new SourceFile(file.toString(), Files.readString(file));
        Compilation compilation = Compiler.compile(source);
        assertEquals("", DiagnosticRenderer.render(source, compilation.diagnostics()));
        return compilation.problem().orElseThrow();
    }

    @Test
    void pathsAreRelativeToTheProblemsFile() {
        assertEquals(Path.of("examples", "a.csv"), DataFile.resolve("a.csv", new SourceFile("examples/p.ode", "")));
        assertEquals(Path.of("a.csv"), DataFile.resolve("a.csv", new SourceFile("p.ode", "")));
        assertEquals(Path.of("sub", "a.csv"), DataFile.resolve("sub/a.csv", new SourceFile("<repl>", "")));
        assertEquals(Path.of("/data/a.csv"), DataFile.resolve("/data/a.csv", new SourceFile("examples/p.ode", "")));
    }

    @Test
    void readsTheFileBesideTheProblem(@TempDir Path directory) throws IOException {
        CompiledProblem problem = problemIn(directory, "p.ode");
        Files.writeString(directory.resolve("obs.csv"), "t,y\n1,0.5\n2,x\n");
        List<DataFile.Read> reads = DataFile.readAll(problem);
        assertEquals(1, reads.size());
        assertEquals(directory.resolve("obs.csv") + ":3:3: error: 'x' is not a number", reads.get(0).render().lines().findFirst().orElseThrow());
    }

    @Test
    void missingFileIsReportedAtTheDataStatement(@TempDir Path directory) throws IOException {
        CompiledProblem problem = problemIn(directory, "p.ode");
        DataReference reference = problem.data().get(0);
        DataFile.Read read = DataFile.read(reference, problem);
        assertEquals(List.of("data-file-not-found"), read.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(directory.resolve("p.ode") + ":3:6: error: cannot read data file " + directory.resolve("obs.csv") + ": no such file\n"
                + "  3 | data \"obs.csv\"\n"
                + "    |      ^^^^^^^^^\n"
                + "  hint: the path is relative to the .ode file's directory\n", read.render());
    }

    private static String unreadable(Path directory, Path file) throws IOException {
        CompiledProblem problem = problemIn(directory, "p.ode");
        DataFile.Read read = DataFile.read(file, problem.source(), problem.data().get(0).span(), problem);
        assertEquals(1, read.diagnostics().size(), read.render());
        assertTrue(read.observations().isEmpty());
        assertTrue(read.render().startsWith(directory.resolve("p.ode") + ":3:6: error: cannot read data file " + file + ": "), read.render());
        return read.diagnostics().get(0).code() + ": " + read.diagnostics().get(0).message().replace("cannot read data file " + file + ": ", "");
    }

    @Test
    void aDirectoryBinaryOrNonUtf8FileIsUnreadable(@TempDir Path directory) throws IOException {
        assertEquals("data-file-unreadable: it is a directory", unreadable(directory, directory));
        Path binary = Files.write(directory.resolve("binary.csv"), new byte[] {'t', ',', 'y', '\n', 0, 1});
        assertEquals("data-file-unreadable: not a text file (it contains NUL bytes)", unreadable(directory, binary));
        Path latin1 = Files.write(directory.resolve("latin1.csv"), "t,y # é\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("data-file-unreadable: not valid UTF-8 text", unreadable(directory, latin1));
    }

    @Test
    void aFileTooLargeIsRefusedBeforeReading(@TempDir Path directory) throws IOException {
        Path large = directory.resolve("large.csv");
        try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
            file.setLength(DataFile.MAX_BYTES + 1); // sparse: nothing is written
        }
        assertTrue(unreadable(directory, large).startsWith("data-file-too-large: too large (" + (DataFile.MAX_BYTES + 1) + " bytes"));
    }

    // ------------------------------------------------------------ the estimator's count check

    @Test
    void tooFewObservationsForTheParams() {
        Observations three = clean(SIR, "t,I\n1,2\n2,3\n3,4\n");
        Observations threeWithSigma = clean(SIR, "t,I,sigma\n1,2,1\n2,3,1\n3,4,1\n");
        assertEquals("data-too-few-observations", DataFile.checkCount(three, 4, Span.NONE).orElseThrow().code());
        assertTrue(DataFile.checkCount(three, 4, Span.NONE).orElseThrow().isError());
        // As many observations as params leave no degree of freedom: the estimator refuses them, sigma or not.
        assertEquals("data-too-few-observations", DataFile.checkCount(three, 3, Span.NONE).orElseThrow().code());
        assertTrue(DataFile.checkCount(threeWithSigma, 3, Span.NONE).orElseThrow().isError());
        assertEquals("3 observations cannot determine 3 params with an uncertainty: at least 4 are needed",
                DataFile.checkCount(threeWithSigma, 3, Span.NONE).orElseThrow().message());
        assertEquals(Optional.empty(), DataFile.checkCount(three, 2, Span.NONE));
        assertEquals(Optional.empty(), DataFile.checkCount(threeWithSigma, 2, Span.NONE));
    }

    // ------------------------------------------------------------ the examples' data

    @TestFactory
    Stream<DynamicTest> everyFitExampleReadsItsDataClean() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Problems.examples())) {
            examples = files.filter(p -> p.getFileName().toString().matches("fit-.*\\.ode")).sorted().collect(Collectors.toList());
        }
        assertEquals(6, examples.size(), examples::toString);
        return examples.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            SourceFile source = new SourceFile(path.toString(), Files.readString(path));
            CompiledProblem problem = Compiler.compile(source).problem().orElseThrow();
            // estimated params (param k = ?), or ranged ones fitted over their bundle (fit-bundle-*)
            assertTrue(problem.isInverse() || problem.isParametric() && path.getFileName().toString().startsWith("fit-bundle-"));
            assertFalse(problem.data().isEmpty());
            int params = problem.isInverse() ? problem.estimated().size() : problem.ranges().params().size();
            for (DataFile.Read read : DataFile.readAll(problem)) {
                assertEquals("", read.render());
                Observations observations = read.observations().orElseThrow();
                assertTrue(observations.size() >= 20 && observations.size() <= 60, "observations: " + observations.size());
                assertEquals(Optional.empty(), DataFile.checkCount(observations, params, Span.NONE));
            }
        }));
    }
}
