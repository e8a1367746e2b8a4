package org.neuroform.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the data-file diagnostics, their table in docs/language.md ("Data files") and their tests
 * equal, as the compiler's DiagnosticCatalogueTest does for the language: a new code without a
 * row in the table, or without a test that names it, fails here.
 */
class DataFileCatalogueTest {
    private static final Path SOURCE = Path.of("src", "main", "java", "org", "neuroform", "runtime", "fit", "DataFile.java");
    private static final Path TEST = Path.of("src", "test", "java", "org", "neuroform", "runtime", "fit", "DataFileTest.java");
    private static final Path DOCS = Path.of("..", "docs", "language.md");
    private static final Pattern EMITTED = Pattern.compile("(?:error|warning)\\(\\s*\"([a-z][a-z-]*)\"");
    private static final Pattern DOCUMENTED = Pattern.compile("^\\|\\s*`([a-z][a-z-]*)`\\s*\\|", Pattern.MULTILINE);

    private static Set<String> codes(Pattern pattern, String text) {
        Set<String> codes = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    private static Set<String> emitted() throws IOException {
        Set<String> codes = codes(EMITTED, Files.readString(SOURCE, StandardCharsets.UTF_8));
        assertTrue(codes.size() > 15 && codes.contains("data-not-a-number"), "a broken pattern would make this test vacuous: " + codes);
        return codes;
    }

    @Test
    void everyCodeHasARowInTheDataFilesTable() throws IOException {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        int start = docs.indexOf("\n## Data files\n");
        assertTrue(start >= 0, "docs/language.md has no section 'Data files'");
        int end = docs.indexOf("\n## ", start + 1);
        assertEquals(emitted(), codes(DOCUMENTED, docs.substring(start, end < 0 ? docs.length() : end)));
    }

    @Test
    void everyCodeIsTested() throws IOException {
        String tests = Files.readString(TEST, StandardCharsets.UTF_8);
        for (String code : emitted()) {
            assertTrue(tests.contains("\"" + code), "DataFileTest never names " + code);
        }
    }
}
