package org.neuroform.grammar;

import java.util.List;
import java.util.Objects;
import org.neuroform.ast.Program;
import org.neuroform.diagnostic.Diagnostic;

/**
 * What parsing produced: the statements that parsed (statements with syntax errors are left
 * out), every syntax diagnostic, and whether the input merely stopped early (an open bracket
 * or a trailing operator), in which case the REPL asks for another line instead of reporting.
 */
public record ParseResult(Program program, List<Diagnostic> diagnostics, boolean incomplete) {
    public ParseResult {
        Objects.requireNonNull(program, "program");
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
