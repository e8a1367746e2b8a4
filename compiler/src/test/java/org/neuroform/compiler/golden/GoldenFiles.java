package org.neuroform.compiler.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.neuroform.diagnostic.SourceFile;

/**
 * Golden files: {@code NAME.ode} beside {@code NAME.EXT}, the expected output. One dynamic
 * test per input. {@code -Dgolden.update=true} rewrites the expected files instead of
 * comparing (review the diff before committing); without it a missing expected file fails.
 */
final class GoldenFiles {
    /** The golden folders, relative to the module (tests run in the module's directory). */
    static final Path ROOT = Path.of("src", "test", "resources", "golden");

    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenFiles() {}

    /** Every {@code .ode} file of {@code golden/FOLDER}, sorted by name. */
    static List<Path> inputs(String folder) {
        Path directory = ROOT.resolve(folder);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ode")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The input as a {@link SourceFile} named by its file name, so that outputs do not depend on paths. */
    static SourceFile source(Path input) {
        try {
            return new SourceFile(input.getFileName().toString(), Files.readString(input, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path expectedFile(Path input, String extension) {
        String name = input.getFileName().toString();
        return input.resolveSibling(name.substring(0, name.length() - ".ode".length()) + "." + extension);
    }

    /** One test per input of {@code folder}: {@code render(input)} must equal {@code NAME.extension}. */
    static Stream<DynamicTest> tests(String folder, String extension, Function<SourceFile, String> render) {
        List<Path> inputs = inputs(folder);
        assertTrue(inputs.size() > 0, "no golden inputs in " + ROOT.resolve(folder).toAbsolutePath());
        return inputs.stream().map(input -> DynamicTest.dynamicTest(
                input.getFileName().toString(), input.toUri(), () -> check(input, extension, render)));
    }

    private static void check(Path input, String extension, Function<SourceFile, String> render) throws IOException {
        String actual = render.apply(source(input));
        Path expected = expectedFile(input, extension);
        if (UPDATE) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(expected)) {
            fail("missing " + expected + " (run with -Dgolden.update=true to create it, then review it)");
        }
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, "golden file " + expected);
    }

    /** Expected files whose input is gone: they would silently test nothing. */
    static List<Path> orphans(String folder, String extension) {
        try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
            return files.filter(p -> p.getFileName().toString().endsWith("." + extension))
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        String stem = name.substring(0, name.length() - extension.length() - 1);
                        return !Files.exists(p.resolveSibling(stem + ".ode"));
                    })
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
