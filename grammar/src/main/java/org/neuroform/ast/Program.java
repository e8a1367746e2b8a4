package org.neuroform.ast;

import java.util.List;
import java.util.Objects;
import org.neuroform.diagnostic.SourceFile;

/** All statements of one source, in order. */
public record Program(SourceFile source, List<Statement> statements) {
    public Program {
        Objects.requireNonNull(source, "source");
        statements = List.copyOf(statements);
    }
}
