package org.neuroform.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.ProblemPrinter;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;

/**
 * The only outcomes the front end may have: a compiled problem, or diagnostics that render;
 * never an exception. Shared by the hostile-input catalogue and the fuzz test.
 */
final class FrontEndOutcome {
    private FrontEndOutcome() {}

    /** Compiles, renders and (when there is a problem) prints it; returns the rendered diagnostics. */
    static String compileAndRender(SourceFile source) {
        Compilation compilation = Compiler.compile(source);
        assertEquals(compilation.hasErrors(), compilation.problem().isEmpty(), "a problem exactly when there is no error");
        for (Diagnostic diagnostic : compilation.diagnostics()) {
            checkSpan(source, diagnostic.span());
            assertTrue(diagnostic.message().length() <= 600, () -> "message too long: " + diagnostic.message().length());
        }
        String rendered = DiagnosticRenderer.render(source, compilation.diagnostics());
        compilation.problem().ifPresent(problem -> new ProblemPrinter(problem).print());
        return rendered;
    }

    private static void checkSpan(SourceFile source, Span span) {
        if (!span.isKnown()) {
            return;
        }
        assertTrue(span.end() <= source.text().length(), () -> "span past the end: " + span);
        assertTrue(span.line() <= source.lineCount() && span.endLine() <= source.lineCount(), () -> "line past the end: " + span);
        assertTrue(span.column() >= 1, () -> "column < 1: " + span);
    }
}
