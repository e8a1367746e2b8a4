package org.neuroform.compiler;

import java.util.List;
import org.neuroform.ast.DefStatement;
import org.neuroform.ast.LetStatement;

/**
 * A problem's {@code def} functions and {@code let} expressions as written: the compiled equations
 * have them expanded already; queries typed later (the shell) expand them again.
 */
public record Definitions(List<DefStatement> defs, List<LetStatement> lets) {
    public static final Definitions NONE = new Definitions(List.of(), List.of());

    public Definitions {
        defs = List.copyOf(defs);
        lets = List.copyOf(lets);
    }

    /** The names of the lets, in order: what a query may evaluate at a point besides the unknowns. */
    public List<String> letNames() {
        return lets.stream().map(LetStatement::name).toList();
    }
}
