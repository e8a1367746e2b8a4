package org.neuroform.compiler.xpp;

/** A line of an XPP file that cannot be translated: what, where (XPP offsets), and what to do instead. */
final class XppException extends Exception {
    private static final long serialVersionUID = 1L;

    final String code;
    final int start;
    final int end;
    final String hint;

    XppException(String code, int start, int end, String message, String hint) {
        super(message, null, false, false);
        this.code = code;
        this.start = start;
        this.end = Math.max(start + 1, end);
        this.hint = hint;
    }
}
