package org.neuroform.compiler;

import java.util.Objects;
import org.neuroform.ast.Statement;

/**
 * One statement as a person typed it: its syntax tree and its text. The tree's spans count from
 * the start of {@code text} (line 1), which begins at the start of the statement's first line, so
 * the statement can be placed anywhere in a program without being parsed again.
 */
public record TypedStatement(Statement statement, String text) {
    public TypedStatement {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(text, "text");
    }

    /** The statement as shown to a person: its text without leading indentation. */
    public String shown() {
        return text.strip();
    }

    /** The number of lines the statement takes. */
    public int lineCount() {
        return (int) text.chars().filter(c -> c == '\n').count() + 1;
    }
}
