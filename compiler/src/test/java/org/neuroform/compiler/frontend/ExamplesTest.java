package org.neuroform.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.ProblemPrinter;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;

/** Every file in examples/ checks clean: no error, no warning, and it prints with --show. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".ode")).sorted().collect(Collectors.toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleChecksClean() throws IOException {
        List<Path> examples = examples();
        assertFalse(examples.isEmpty(), "no examples in " + EXAMPLES.toAbsolutePath());
        return examples.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            SourceFile source = new SourceFile(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
            Compilation compilation = Compiler.compile(source);
            assertEquals("", DiagnosticRenderer.render(source, compilation.diagnostics()));
            assertTrue(compilation.problem().isPresent());
            String shown = new ProblemPrinter(compilation.problem().get()).print();
            assertTrue(shown.contains("residuals"), shown);
            assertFalse(compilation.problem().get().queries().isEmpty(), "an example should ask something");
        }));
    }
}
