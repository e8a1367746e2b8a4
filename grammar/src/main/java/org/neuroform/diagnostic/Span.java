package org.neuroform.diagnostic;

/**
 * A region of source text. Lines and columns are 1-based; {@code start} and {@code end} are
 * character offsets (end exclusive) into the source, used to recover text as written.
 */
public record Span(int line, int column, int endLine, int endColumn, int start, int end) {

    /** A span for things that have no place in a file (defaults, synthesized nodes). */
    public static final Span NONE = new Span(0, 0, 0, 0, 0, 0);

    public Span {
        if (line < 0 || column < 0 || start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + line + ":" + column + " [" + start + "," + end + ")");
        }
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        if (!isKnown()) {
            return other;
        }
        if (!other.isKnown()) {
            return this;
        }
        Span first = start <= other.start ? this : other;
        Span last = end >= other.end ? this : other;
        return new Span(first.line, first.column, last.endLine, last.endColumn, first.start, last.end);
    }

    /** The same span moved by a number of lines, columns and characters (REPL input). */
    public Span shifted(int lines, int characters) {
        if (!isKnown()) {
            return this;
        }
        return new Span(line + lines, column, endLine + lines, endColumn, start + characters, end + characters);
    }
}
