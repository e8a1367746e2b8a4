package org.neuroform.compiler.check;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuroform.ast.Program;
import org.neuroform.compiler.Query;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;

/** A phase of the checker: the shared {@link CheckState} under short names, and how to report. */
abstract class Phase {
    final CheckState state;
    final Program program;
    final SourceFile source;
    final ProblemChecker.Mode mode;
    final List<Diagnostic> diagnostics;
    final Scope scope;
    final ExpressionResolver resolver;
    final Map<String, Span> unknownSpans;
    final Map<String, Span> paramSpans;
    final Set<String> provisional;
    final List<ResolvedEquation> equations;
    final List<ResolvedEquation> conditions;
    final List<Query> queries;

    Phase(CheckState state) {
        this.state = state;
        this.program = state.program;
        this.source = state.source;
        this.mode = state.mode;
        this.diagnostics = state.diagnostics;
        this.scope = state.scope;
        this.resolver = state.resolver;
        this.unknownSpans = state.unknownSpans;
        this.paramSpans = state.paramSpans;
        this.provisional = state.provisional;
        this.equations = state.equations;
        this.conditions = state.conditions;
        this.queries = state.queries;
    }

    boolean hasErrors() {
        return state.hasErrors();
    }

    void error(String code, Span span, String message, String hint) {
        diagnostics.add(Diagnostic.error(code, span, message, hint));
    }

    void warning(String code, Span span, String message, String hint) {
        diagnostics.add(Diagnostic.warning(code, span, message, hint));
    }

    String text(Span span) {
        return source.text(span).strip();
    }
}
