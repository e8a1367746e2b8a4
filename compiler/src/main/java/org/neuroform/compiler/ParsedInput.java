package org.neuroform.compiler;

import java.util.List;
import org.neuroform.ast.Program;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;

/**
 * One input parsed into statements: a file, or what was typed at the shell's prompt.
 *
 * @param program the statements as parsed, with spans into {@code source}
 * @param incomplete the input stopped early (an open bracket, a trailing operator): the shell asks for more
 */
public record ParsedInput(SourceFile source, Program program, List<TypedStatement> statements, List<Diagnostic> diagnostics, boolean incomplete) {
    public ParsedInput {
        statements = List.copyOf(statements);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
