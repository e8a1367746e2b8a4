package org.neuroform.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Libraries stay in their packages: JLine in terminal, JFreeChart in plot, Jackson in solution and json, picocli in cli. */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/org/neuroform/repl");

    private static List<String> offenders(String importPrefix, String... allowedPackages) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = SOURCES.relativize(file).toString();
                boolean allowed = false;
                for (String pkg : allowedPackages) {
                    allowed |= relative.startsWith(pkg + "/");
                }
                if (!allowed && Files.readString(file).contains("import " + importPrefix)) {
                    offenders.add(relative);
                }
            }
        }
        return offenders;
    }

    @Test
    void jlineOnlyInTheTerminalPackage() throws IOException {
        assertEquals(List.of(), offenders("org.jline", "terminal"));
    }

    @Test
    void jfreechartOnlyInThePlotPackage() throws IOException {
        assertEquals(List.of(), offenders("org.jfree", "plot"));
    }

    @Test
    void picocliOnlyInTheCommandLinePackage() throws IOException {
        assertEquals(List.of(), offenders("picocli", "cli"));
    }

    @Test
    void jacksonOnlyWhereFilesAndJsonAreWritten() throws IOException {
        assertEquals(List.of(), offenders("com.fasterxml", "solution", "json"));
    }
}
