package org.neuroform.compiler.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neuroform.ast.AstPrinter;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.ProblemPrinter;
import org.neuroform.compiler.xpp.XppReader;
import org.neuroform.compiler.xpp.XppTranslation;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.grammar.DeepStack;
import org.neuroform.grammar.ParseResult;
import org.neuroform.grammar.SourceParser;

/**
 * The golden folders: {@code parse/} (AST dumps of inputs that parse), {@code errors/}
 * (diagnostics exactly as {@code neuroform check} prints them; one behaviour per file) and
 * {@code show/} (the compiled problem as {@code check --show} prints it).
 */
class GoldenTest {

    @TestFactory
    Stream<DynamicTest> parse() {
        return GoldenFiles.tests("parse", "ast", source -> {
            ParseResult parsed = DeepStack.call(() -> SourceParser.parse(source));
            assertFalse(parsed.hasErrors(), () -> "parse/ inputs must parse:\n"
                    + DiagnosticRenderer.render(source, parsed.diagnostics()));
            return AstPrinter.print(parsed.program());
        });
    }

    @TestFactory
    Stream<DynamicTest> errors() {
        return GoldenFiles.tests("errors", "errors", source -> {
            Compilation compilation = Compiler.compile(source);
            assertFalse(compilation.diagnostics().isEmpty(), "errors/ inputs must produce a diagnostic");
            assertEquals(compilation.hasErrors(), compilation.problem().isEmpty(),
                    "a problem exactly when there is no error");
            return DiagnosticRenderer.render(source, compilation.diagnostics());
        });
    }

    @TestFactory
    Stream<DynamicTest> show() {
        return GoldenFiles.tests("show", "show", source -> {
            Compilation compilation = Compiler.compile(source);
            assertTrue(compilation.problem().isPresent(), () -> "show/ inputs must compile:\n"
                    + DiagnosticRenderer.render(source, compilation.diagnostics()));
            return new ProblemPrinter(compilation.problem().get()).print()
                    + DiagnosticRenderer.render(source, compilation.diagnostics());
        });
    }

    /** XPP files: the native translation, then every diagnostic, pointing into the XPP file. */
    @TestFactory
    Stream<DynamicTest> xpp() {
        return GoldenFiles.tests("xpp", "xpp", source -> {
            XppTranslation translation = XppReader.read(source);
            Compilation compilation = translation.compile();
            assertEquals(compilation.hasErrors(), compilation.problem().isEmpty(), "a problem exactly when there is no error");
            return (translation.hasErrors() ? "(not translated)\n" : translation.translated().text())
                    + "--- diagnostics\n" + DiagnosticRenderer.render(source, compilation.diagnostics());
        });
    }

    @Test
    void everyExpectedFileHasItsInput() {
        assertEquals(List.of(), GoldenFiles.orphans("xpp", "xpp"));
        assertEquals(List.of(), GoldenFiles.orphans("parse", "ast"));
        assertEquals(List.of(), GoldenFiles.orphans("errors", "errors"));
        assertEquals(List.of(), GoldenFiles.orphans("show", "show"));
    }
}
