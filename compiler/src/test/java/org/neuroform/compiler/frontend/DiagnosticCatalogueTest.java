package org.neuroform.compiler.frontend;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.settings.TrainOptions;
import org.neuroform.compiler.sym.Function;
import org.neuroform.compiler.xpp.XppReader;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;

/**
 * Keeps three lists of diagnostic codes equal: the codes the front end's sources can emit,
 * the table in docs/language.md, and the codes the golden errors/ files actually produce. A new
 * diagnostic without documentation or a golden example fails here.
 */
class DiagnosticCatalogueTest {
    private static final Path DOCS = Path.of("..", "docs", "language.md");
    private static final Path GOLDEN_ERRORS = Path.of("src", "test", "resources", "golden", "errors");
    private static final Path GOLDEN_XPP = Path.of("src", "test", "resources", "golden", "xpp");
    private static final Pattern EMITTED = Pattern.compile(
            "(?:error|warning|note|XppException)\\(\\s*(?:[\\w.()]+\\s*,\\s*)?\"([a-z][a-z-]*)\"");
    private static final Pattern DOCUMENTED = Pattern.compile("^\\|\\s*`([a-z][a-z-]*)`\\s*\\|", Pattern.MULTILINE);

    static Set<String> codesInSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (Path root : new Path[] {Path.of("..", "grammar", "src", "main", "java"), Path.of("src", "main", "java")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                    Matcher matcher = EMITTED.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (matcher.find()) {
                        codes.add(matcher.group(1));
                    }
                }
            }
        }
        return codes;
    }

    static Set<String> codesInDocs() throws IOException {
        Set<String> codes = new TreeSet<>();
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        int table = docs.indexOf("## Every diagnostic");
        assertTrue(table >= 0, "docs/language.md has no section 'Every diagnostic'");
        Matcher matcher = DOCUMENTED.matcher(docs.substring(table));
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    static Set<String> codesOfGoldenFiles() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.list(GOLDEN_ERRORS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".ode")).collect(Collectors.toList())) {
                SourceFile source = new SourceFile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                Compiler.compile(source).diagnostics().stream().map(Diagnostic::code).forEach(codes::add);
            }
        }
        try (Stream<Path> files = Files.list(GOLDEN_XPP)) { // the XPP reader's codes, from its own golden files
            for (Path file : files.filter(p -> p.toString().endsWith(".ode")).collect(Collectors.toList())) {
                SourceFile source = new SourceFile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                XppReader.read(source).compile().diagnostics().stream().map(Diagnostic::code).forEach(codes::add);
            }
        }
        return codes;
    }

    @Test
    void theSourcesEmitAPlausibleNumberOfCodes() throws IOException {
        Set<String> codes = codesInSources();
        // a broken pattern would find nothing and make the other tests vacuous
        assertTrue(codes.size() > 40, codes.toString());
        assertTrue(codes.contains("undefined-name") && codes.contains("nesting-too-deep"), codes.toString());
    }

    @Test
    void everyCodeIsDocumentedAndNothingElse() throws IOException {
        assertEquals(codesInSources(), codesInDocs(), "docs/language.md's table of diagnostics vs the sources");
    }

    @Test
    void everyCodeHasAGoldenExample() throws IOException {
        assertEquals(codesInSources(), codesOfGoldenFiles(), "codes the golden errors/ files produce vs the sources");
    }

    @Test
    void everyTrainOptionIsDocumentedWithItsDefault() throws IOException {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        for (TrainOptions.Option option : TrainOptions.all().values()) {
            Matcher row = Pattern.compile("^\\| `" + Pattern.quote(option.key()) + "` \\|(.*)$", Pattern.MULTILINE).matcher(docs);
            assertTrue(row.find(), "docs/language.md has no row for train option " + option.key());
            assertTrue(row.group(1).contains("`" + option.defaultText() + "`"),
                    "the row of " + option.key() + " does not give its default " + option.defaultText() + ": " + row.group(1));
            for (String word : option.words()) {
                assertTrue(row.group(1).contains("`" + word + "`"), option.key() + " row lacks " + word);
            }
        }
    }

    @Test
    void theGrammarKnowsTheSameBuiltinsAsTheCompiler() throws Exception {
        Set<String> compiler = new TreeSet<>();
        for (Function f : Function.values()) {
            if (f != Function.NEGATE) {
                compiler.add(f.builtinName());
            }
        }
        Class<?> messages = Class.forName("org.neuroform.grammar.SyntaxMessages");
        java.lang.reflect.Field field = messages.getDeclaredField("BUILTIN_FUNCTIONS");
        field.setAccessible(true);
        assertEquals(compiler, new TreeSet<>((Set<?>) field.get(null)));
    }
}
