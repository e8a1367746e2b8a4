package org.neuroform.repl.solution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroform.repl.Solutions;
import org.neuroform.runtime.solution.TrainedSolution;

class SolutionFileTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<TrainedSolution> solutions() {
        return Stream.of(Solutions.trained(Solutions.DECAY), Solutions.trained(Solutions.NEUMANN), Solutions.trained(Solutions.SYSTEM),
                Solutions.twoSegments(), Solutions.stopped(Solutions.trained(Solutions.MARCHED_SECOND_ORDER), false),
                Solutions.stopped(Solutions.trained(Solutions.MARCHED_SYSTEM), false),
                Solutions.stopped(Solutions.trained(Solutions.BACKWARD), true));
    }

    /** A solution stopped part of the way (issue 13): saved, it opens, covers the same part, and answers the same. */
    @Test
    void aStoppedSolutionSavedOpensAndAnswersTheSame() throws Exception {
        for (boolean backward : new boolean[] {false, true}) {
            TrainedSolution stopped = Solutions.stopped(Solutions.trained(backward ? Solutions.BACKWARD : Solutions.MARCHED_SECOND_ORDER), backward);
            assertTrue(!stopped.coversDomain(), "the fixture stops short");
            Path file = tmp.resolve("stopped.json");
            SolutionFile.save(stopped, "t", file);
            ObjectNode saved = (ObjectNode) MAPPER.readTree(Files.readString(file));
            assertEquals(stopped.coveredLower(), saved.get("report").get("covered").get("lower").asDouble());
            assertEquals(stopped.coveredUpper(), saved.get("report").get("covered").get("upper").asDouble());
            TrainedSolution back = SolutionFile.open(file);
            assertEquals(stopped.coveredLower(), back.coveredLower());
            assertEquals(stopped.coveredUpper(), back.coveredUpper());
            assertTrue(back.report().stopped());
            double[] xs = Solutions.points(stopped, 51);
            assertArrayEquals(stopped.values(0, 0, xs), back.values(0, 0, xs), 0.0);
            double beyond = backward ? stopped.coveredLower() / 2 : (stopped.coveredUpper() + 3) / 2;
            assertTrue(!back.covers(beyond) && Double.isNaN(back.value(0, 0, beyond)), "no value beyond the covered part");
        }
    }

    @Test
    void segmentsWithAGapOrBeyondTheDomainAreRefused() throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(SolutionFile.write(Solutions.twoSegments(), "t"));
        segment(root).put("upper", 0.3);
        String gap = assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.read(root.toString())).getMessage();
        assertTrue(gap.contains("segments[1].lower: 0.4 does not continue the previous segment (which ends at 0.3)"), gap);
        ObjectNode whole = (ObjectNode) MAPPER.readTree(SolutionFile.write(Solutions.trained(Solutions.DECAY), "t"));
        segment(whole).put("upper", 1.5);
        assertTrue(assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.read(whole.toString())).getMessage()
                .contains("beyond the domain"));
    }

    @ParameterizedTest
    @MethodSource("solutions")
    void aSolutionReadBackGivesIdenticalValues(TrainedSolution solution) throws Exception {
        Path file = tmp.resolve("s.json");
        SolutionFile.save(solution, "neuroform test", file);
        TrainedSolution back = SolutionFile.open(file);
        double[] xs = Solutions.points(solution, 101);
        for (int u = 0; u < solution.problem().unknowns().size(); u++) {
            for (int order = 0; order <= solution.problem().unknowns().get(u).order(); order++) {
                assertArrayEquals(solution.values(u, order, xs), back.values(u, order, xs), 0.0, "unknown " + u + ", order " + order);
            }
        }
        assertEquals(solution.report(), back.report());
        assertEquals(solution.problem().source().text(), back.problem().source().text());
        assertEquals(solution.segments().size(), back.segments().size());
        for (int k = 0; k < solution.segments().size(); k++) {
            assertArrayEquals(solution.segments().get(k).parameters(), back.segments().get(k).parameters(), 0.0);
            assertEquals(solution.segments().get(k).trial().conditions(), back.segments().get(k).trial().conditions());
        }
        // and the file is what the format says: written again, the same text
        assertEquals(SolutionFile.write(solution, "neuroform test"), SolutionFile.write(back, "neuroform test"));
    }

    static Stream<Arguments> corruptions() {
        return Stream.<Arguments>of(
                corrupt("a wrong format name", root -> root.put("format", "something-else"), "not a neuroform solution file"),
                corrupt("a newer version", root -> root.put("version", SolutionFile.VERSION + 1), "newer neuroform"),
                corrupt("an older, unknown version", root -> root.put("version", 0), "unsupported format version 0"),
                corrupt("no version", root -> root.remove("version"), "no format version"),
                corrupt("too few parameters", root -> segment(root).withArray("parameters").remove(0), "segments[0].parameters"),
                corrupt("a NaN parameter", root -> segment(root).withArray("parameters").set(3, MAPPER.getNodeFactory().textNode("NaN")),
                        "segments[0].parameters[3]: expected a number"),
                corrupt("an infinite scale", root -> ((ArrayNode) segment(root).get("scales")).set(0, 1e308 * 10), "segments[0].scales[0]"),
                corrupt("a negative scale", root -> ((ArrayNode) segment(root).get("scales")).set(0, -1.0), "must be positive"),
                corrupt("a missing layout", root -> segment(root).remove("layout"), "segments[0].layout: missing"),
                corrupt("an unknown activation", root -> segment(root).with("layout").put("activation", "relu"), "unknown activation"),
                corrupt("a hidden width of 0", root -> segment(root).with("layout").withArray("hidden").set(0, 0), "hidden[0]"),
                corrupt("an unknown trial family", root -> segment(root).put("family", "magic"), "unknown trial family"),
                corrupt("a condition on a stranger", root -> term(root).put("unknown", "z"), "has no unknown z"),
                corrupt("a condition outside the segment", root -> term(root).put("point", 7.0), "outside the segment"),
                corrupt("a condition of too high an order", root -> term(root).put("order", 1), "not below the order of y"),
                corrupt("no segments", root -> root.withArray("segments").removeAll(), "no segment"),
                corrupt("a source that does not compile", root -> root.with("source").put("text", "domain x in [0, 1]\ny' = -\n"),
                        "does not compile"),
                corrupt("another problem's unknowns", root -> root.withArray("unknowns").addObject().put("name", "v").put("order", 1),
                        "unknowns: 2 listed"),
                corrupt("a report without loss", root -> root.with("report").remove("loss"), "report.loss: missing"),
                corrupt("iterations as text", root -> root.with("report").put("iterations", "many"), "report.iterations"));
    }

    private static Arguments corrupt(String what, Consumer<ObjectNode> change, String message) {
        return Arguments.of(what, change, message);
    }

    private static ObjectNode segment(ObjectNode root) {
        return (ObjectNode) root.withArray("segments").get(0);
    }

    private static ObjectNode term(ObjectNode root) {
        return (ObjectNode) segment(root).withArray("conditions").get(0).withArray("terms").get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void aDamagedFileIsRefusedWithAMessageThatSaysWhere(String what, Consumer<ObjectNode> change, String message) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(SolutionFile.write(Solutions.trained(Solutions.DECAY), "test"));
        change.accept(root);
        SolutionFile.FormatException e = assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.read(root.toString()));
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    }

    @Test
    void truncatedAndBrokenTextAreRefused() throws Exception {
        String text = SolutionFile.write(Solutions.trained(Solutions.DECAY), "test");
        SolutionFile.FormatException truncated = assertThrows(SolutionFile.FormatException.class,
                () -> SolutionFile.read(text.substring(0, text.length() / 2)));
        assertTrue(truncated.getMessage().contains("ends early"), truncated.getMessage());
        SolutionFile.FormatException broken = assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.read("{\"format\": ,}"));
        assertTrue(broken.getMessage().contains("broken JSON at line 1"), broken.getMessage());
        assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.read("[1, 2]"));
        assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.read(""));
        SolutionFile.FormatException nan = assertThrows(SolutionFile.FormatException.class,
                () -> SolutionFile.read(text.replaceFirst("\"parameters\" : \\[ ([^,]+),", "\"parameters\" : [ NaN,")));
        assertTrue(nan.getMessage().contains("broken JSON"), nan.getMessage());
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        Path missing = tmp.resolve("missing.json");
        SolutionFile.FormatException e = assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.open(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        Path binary = tmp.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertTrue(assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.open(binary)).getMessage().contains("not UTF-8"));
        assertTrue(assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.open(tmp)).getMessage().contains("directory"));
    }

    @Test
    void aFailedSaveLeavesTheOldFileInPlace() throws Exception {
        Path file = tmp.resolve("keep.json");
        Files.writeString(file, "old");
        Path inMissingDirectory = tmp.resolve("no/such/dir/s.json");
        assertThrows(SolutionFile.FormatException.class, () -> SolutionFile.save(Solutions.trained(Solutions.DECAY), "t", inMissingDirectory));
        assertEquals("old", Files.readString(file));
        SolutionFile.save(Solutions.trained(Solutions.DECAY), "t", file);
        assertTrue(Files.readString(file).startsWith("{"));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(1, left.count(), "no temporary files left behind");
        }
    }

    /**
     * A file written by the first format (version 1: {@code report.iterations}, no
     * {@code report.epochs}), committed as it was written: it opens, and answers as it did when
     * it was saved (values printed by the solution that wrote it, y and y' of NEUMANN).
     */
    @Test
    void aVersionOneFileStillOpens() throws Exception {
        Path file = Path.of("src/test/resources/solutions/version1-neumann.json");
        assertTrue(Files.readString(file).contains("\"version\" : 1,"), "the fixture is in the old format");
        TrainedSolution old = SolutionFile.open(file);
        assertEquals(60, old.report().iterations());
        assertTrue(old.report().converged());
        double[][] expected = {
            {0.0, 1.0, -8.549499588283993E-7},
            {0.3, 0.9358967661112018, -0.42272977672391665},
            {0.75, 0.6216096482614122, -0.9399918920623875},
            {1.2, 0.1304232374317822, -1.1897496248673347},
            {1.5, -0.2272024152711234, -1.168616836475798}};
        for (double[] row : expected) {
            assertEquals(row[1], old.value(0, 0, row[0]), 1e-13, "y(" + row[0] + ")");
            assertEquals(row[2], old.value(0, 1, row[0]), 1e-12, "y'(" + row[0] + ")");
        }
        // saved again, it is a current file with both spellings of the iteration count
        ObjectNode again = (ObjectNode) MAPPER.readTree(SolutionFile.write(old, "test"));
        assertEquals(SolutionFile.VERSION_WITHOUT_ESTIMATES, again.get("version").asInt());
        assertEquals(60, again.get("report").get("iterations").asInt());
        assertEquals(60, again.get("report").get("epochs").asInt());
    }

    @Test
    void aReportWithEpochsOnlyIsRead() throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(SolutionFile.write(Solutions.trained(Solutions.DECAY), "test"));
        int iterations = root.get("report").get("iterations").asInt();
        root.with("report").remove("iterations");
        assertEquals(iterations, SolutionFile.read(root.toString()).report().iterations());
    }
}
