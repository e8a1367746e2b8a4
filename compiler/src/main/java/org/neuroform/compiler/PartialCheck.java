package org.neuroform.compiler;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neuroform.compiler.StatementSubject;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;

/**
 * A problem that is still being typed, checked as far as it goes: every statement on its own and
 * against the others, but not yet whether there are enough equations and conditions.
 *
 * @param source the statements as one text, which diagnostics point into
 * @param unknowns the unknowns found in the statements, in order of appearance
 * @param undefinedYet names an equation uses that nothing defines yet: taken as unknowns for now
 *     (an equation such as {@code v' = ...} will make them so); compiling the whole problem reports
 *     the ones still undefined then
 * @param subjects what each statement prescribes ({@code v'}, {@code v(0)}), by position
 */
public record PartialCheck(
        SourceFile source,
        List<Diagnostic> diagnostics,
        List<String> unknowns,
        Set<String> params,
        Optional<String> variable,
        Set<String> undefinedYet,
        List<Optional<StatementSubject>> subjects) {

    public PartialCheck {
        diagnostics = List.copyOf(diagnostics);
        unknowns = List.copyOf(unknowns);
        params = Set.copyOf(params);
        undefinedYet = Set.copyOf(undefinedYet);
        subjects = List.copyOf(subjects);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
