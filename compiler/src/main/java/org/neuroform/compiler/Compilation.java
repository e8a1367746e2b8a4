package org.neuroform.compiler;

import java.util.List;
import java.util.Optional;
import org.neuroform.diagnostic.Diagnostic;

/** The result of compiling: a problem when there were no errors, and every diagnostic (warnings included). */
public record Compilation(Optional<CompiledProblem> problem, List<Diagnostic> diagnostics) {
    public Compilation {
        diagnostics = List.copyOf(diagnostics);
        if (problem.isPresent() && diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a problem with errors");
        }
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
