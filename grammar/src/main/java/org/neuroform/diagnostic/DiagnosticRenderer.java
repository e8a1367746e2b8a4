package org.neuroform.diagnostic;

import java.util.List;

/**
 * Renders diagnostics the way compilers do:
 *
 * <pre>
 * lagaris2.ode:3:7: error: expected ')' but found 'x'
 *     3 | y' + y/5 = exp(-x/5*cos(x)
 *       |       ^
 *   hint: ...
 * </pre>
 *
 * Long lines are cut to a window around the caret, and control characters are shown as
 * {@code ?} so that binary input cannot garble the terminal.
 */
public final class DiagnosticRenderer {
    private static final int WINDOW = 100;

    private DiagnosticRenderer() {}

    public static String render(SourceFile source, List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            out.append(render(source, diagnostic));
        }
        return out.toString();
    }

    public static String render(SourceFile source, Diagnostic diagnostic) {
        StringBuilder out = new StringBuilder();
        Span span = diagnostic.span();
        out.append(source.name());
        if (span.isKnown()) {
            out.append(':').append(span.line()).append(':').append(span.column());
        }
        out.append(": ").append(diagnostic.severity().label()).append(": ").append(sanitize(diagnostic.message()));
        out.append('\n');
        if (span.isKnown()) {
            appendExcerpt(out, source, span);
        }
        if (!diagnostic.hint().isEmpty()) {
            out.append("  hint: ").append(sanitize(diagnostic.hint())).append('\n');
        }
        return out.toString();
    }

    private static void appendExcerpt(StringBuilder out, SourceFile source, Span span) {
        String line = source.line(span.line());
        int caretStart = Math.max(0, Math.min(span.column() - 1, line.length()));
        int caretEnd = span.endLine() == span.line() ? Math.max(caretStart + 1, span.endColumn() - 1) : line.length();
        caretEnd = Math.max(caretStart + 1, Math.min(caretEnd, Math.max(line.length(), caretStart + 1)));
        int from = 0;
        int to = line.length();
        if (line.length() > WINDOW) {
            from = Math.max(0, Math.min(caretStart - WINDOW / 2, line.length() - WINDOW));
            to = Math.min(line.length(), from + WINDOW);
            caretEnd = Math.min(caretEnd, Math.max(to, caretStart + 1));
        }
        String number = Integer.toString(span.line());
        String gutter = " ".repeat(number.length());
        StringBuilder shown = new StringBuilder();
        StringBuilder caret = new StringBuilder();
        if (from > 0) {
            shown.append("...");
            caret.append("   ");
        }
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            shown.append(c == '\t' ? '\t' : visible(c));
            if (i < caretStart) {
                caret.append(c == '\t' ? '\t' : ' ');
            }
        }
        if (to < line.length()) {
            shown.append("...");
        }
        caret.append("^".repeat(Math.max(1, Math.min(caretEnd, to + 1) - caretStart)));
        out.append("  ").append(number).append(" | ").append(shown).append('\n');
        out.append("  ").append(gutter).append(" | ").append(caret).append('\n');
    }

    private static char visible(char c) {
        if (c == '\uFEFF') {
            return ' ';
        }
        return Character.isISOControl(c) || Character.getType(c) == Character.UNASSIGNED ? '?' : c;
    }

    /** Messages quote names and numbers from the input: never more than this many characters. */
    private static final int MAX_MESSAGE = 500;

    private static String sanitize(String message) {
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE + 3));
        for (int i = 0; i < message.length(); i++) {
            if (i == MAX_MESSAGE) {
                out.append("...");
                break;
            }
            char c = message.charAt(i);
            out.append(c == '\n' || c == '\t' ? c : visible(c));
        }
        return out.toString();
    }
}
