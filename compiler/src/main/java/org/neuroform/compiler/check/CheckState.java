package org.neuroform.compiler.check;

import org.neuroform.compiler.StatementSubject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuroform.ast.DomainStatement;
import org.neuroform.ast.Program;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;

/** What the phases of one check share: the program, the names found so far, the resolved statements and the diagnostics. */
final class CheckState {
    final Program program;
    final SourceFile source;
    final ProblemChecker.Mode mode;
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final Scope scope = new Scope();
    final ExpressionResolver resolver;
    /** Where each unknown was first written. */
    final Map<String, Span> unknownSpans = new LinkedHashMap<>();
    /** Where each param is defined (the first definition, when there are several). */
    final Map<String, Span> paramSpans = new LinkedHashMap<>();
    /** PARTIAL: names used in a differential equation but not defined yet, taken as unknowns for now. */
    final Set<String> provisional = new LinkedHashSet<>();
    /** What each statement prescribes, by index in the program (absent where it has no single subject). */
    final Map<Integer, StatementSubject> subjects = new HashMap<>();
    final List<ResolvedEquation> equations = new ArrayList<>();
    final List<ResolvedEquation> conditions = new ArrayList<>();
    final List<Query> queries = new ArrayList<>();

    /** Values to compile estimated and ranged params at (by name); those absent start at their default (a range's middle). */
    final Map<String, Double> estimates;
    final List<org.neuroform.compiler.EstimatedParam> estimated = new ArrayList<>();
    final List<org.neuroform.compiler.DataReference> data = new ArrayList<>();
    final List<org.neuroform.compiler.RangedParam> ranged = new ArrayList<>();
    /** The first ranged param's binding, for the diagnostic that refuses ranged and estimated params together. */
    org.neuroform.ast.ParamBinding firstRanged;

    org.neuroform.compiler.ParamRanges ranges() {
        Set<String> dependents = new java.util.HashSet<>();
        for (String name : scope.params().keySet()) {
            if (scope.isRangedDependent(name)) {
                dependents.add(name);
            }
        }
        return new org.neuroform.compiler.ParamRanges(ranged, dependents);
    }

    DomainStatement domainStatement;
    TrainSettings settings = TrainSettings.defaults();

    CheckState(Program program, ProblemChecker.Mode mode, Map<String, Double> estimates) {
        this.program = program;
        this.estimates = Map.copyOf(estimates);
        this.source = program.source();
        this.mode = mode;
        this.resolver = new ExpressionResolver(scope, diagnostics);
    }

    boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
