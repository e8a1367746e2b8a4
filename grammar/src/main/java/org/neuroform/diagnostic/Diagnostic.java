package org.neuroform.diagnostic;

import java.util.Objects;

/**
 * A problem in the user's input: where it is, what is wrong, and (when one helps) what to
 * write instead. {@code code} is a stable identifier (e.g. {@code undefined-name}) that tests
 * and documentation refer to; the message is for people.
 *
 * @param hint empty when there is nothing useful to add
 */
public record Diagnostic(Severity severity, String code, Span span, String message, String hint) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    public static Diagnostic error(String code, Span span, String message) {
        return new Diagnostic(Severity.ERROR, code, span, message, "");
    }

    public static Diagnostic error(String code, Span span, String message, String hint) {
        return new Diagnostic(Severity.ERROR, code, span, message, hint);
    }

    public static Diagnostic warning(String code, Span span, String message) {
        return new Diagnostic(Severity.WARNING, code, span, message, "");
    }

    public static Diagnostic warning(String code, Span span, String message, String hint) {
        return new Diagnostic(Severity.WARNING, code, span, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * A name or number as quoted in a message: {@code 'k'}. Cut to 40 characters, so that a
     * 1 MB name in hostile input does not become a 1 MB message.
     */
    public static String quote(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
    }

    public Diagnostic withHint(String newHint) {
        return new Diagnostic(severity, code, span, message, newHint);
    }
}
