package org.neuroform.repl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Runs every {@code src/test/resources/transcripts/*.transcript} through a fresh {@link Session}. */
class TranscriptTest {
    static final Path FOLDER = Path.of("src/test/resources/transcripts");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(FOLDER)) {
            files = list.filter(p -> p.toString().endsWith(".transcript")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no transcripts in " + FOLDER.toAbsolutePath());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }

    private void run(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("{examples}", Path.of("..", "examples").toString());
        Path directory = Files.createTempDirectory(tmp, "t");
        text = text.replace("{tmp}", directory.toString());
        List<Transcript.Step> steps = Transcript.parse(text);
        Session session = new Session();
        StringBuilder actual = new StringBuilder();
        boolean failed = false;
        String firstFailure = null;
        for (Transcript.Step step : steps) {
            StringBuilder pending = new StringBuilder();
            StringBuilder output = new StringBuilder();
            for (String line : step.typed()) {
                actual.append("> ").append(line).append('\n');
                pending.append(line).append('\n');
                if (session.isIncomplete(pending.toString())) {
                    continue;
                }
                Reply reply = session.handle(pending.toString());
                pending.setLength(0);
                output.append(reply.text());
            }
            if (pending.length() > 0) {
                output.append(session.handle(pending.toString()).text());
            }
            actual.append(output);
            List<String> lines = output.length() == 0 ? List.of() : Arrays.asList(output.toString().split("\n", -1));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines = new ArrayList<>(lines.subList(0, lines.size() - 1));
            }
            if (!failed && !Transcript.matches(step.expected(), lines)) {
                failed = true;
                firstFailure = "line " + step.line() + ": after > " + String.join(" / ", step.typed()) + "\nexpected:\n  "
                        + String.join("\n  ", step.expected()) + "\nactual:\n  " + String.join("\n  ", lines);
            }
        }
        if (failed) {
            fail(file.getFileName() + ": " + firstFailure + "\n\nthe whole session:\n" + actual);
        }
    }

    @Test
    void placeholdersMatchWhatTheySay() {
        assertTrue(Transcript.lineMatches("y(0.5) = {0.6065 +- 1e-3}", "y(0.5) = 0.606530171721"));
        assertFalse(Transcript.lineMatches("y(0.5) = {0.6065 +- 1e-6}", "y(0.5) = 0.606530171721"));
        assertTrue(Transcript.lineMatches("trained: {*} iterations{*}", "trained: 50 iterations, loss 1e-9"));
        assertFalse(Transcript.lineMatches("trained: {*} iterations", "trained: 50 iterations, loss"));
        assertTrue(Transcript.matches(List.of("a", "...", "d"), List.of("a", "b", "c", "d")));
        assertTrue(Transcript.matches(List.of("a", "...", "d"), List.of("a", "d")));
        assertFalse(Transcript.matches(List.of("a", "...", "d"), List.of("a", "b")));
        assertFalse(Transcript.matches(List.of("a"), List.of("a", "b")));
        List<Transcript.Step> steps = Transcript.parse("## comment\n> a\n> b\nout\n> c\n");
        assertEquals(2, steps.size());
        assertEquals(List.of("a", "b"), steps.get(0).typed());
        assertEquals(List.of("out"), steps.get(0).expected());
    }
}
