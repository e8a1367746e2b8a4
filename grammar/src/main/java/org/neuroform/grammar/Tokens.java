package org.neuroform.grammar;

import org.antlr.v4.runtime.Token;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.Span;

/** Token helpers: spans and how tokens are named in messages. */
final class Tokens {
    private Tokens() {}

    static Span span(Token token) {
        int length = Math.max(0, token.getStopIndex() - token.getStartIndex() + 1);
        int column = token.getCharPositionInLine() + 1;
        return new Span(
                token.getLine(),
                column,
                token.getLine(),
                column + length,
                token.getStartIndex(),
                token.getStartIndex() + length);
    }

    static Span span(Token first, Token last) {
        return span(first).to(span(last));
    }

    /** How a token is shown to a user: {@code 'x'}, or "the end of the line". */
    static String describe(Token token) {
        if (token.getType() == Token.EOF) {
            return "the end of the line";
        }
        return "'" + shorten(token.getText()) + "'";
    }

    /** At most 40 characters: a 1 MB name or number must not become a 1 MB message. */
    static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    static Diagnostic unexpectedCharacter(Token token) {
        String text = token.getText();
        int codePoint = text.codePointAt(0);
        String shown = Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.UNASSIGNED
                ? String.format("U+%04X", codePoint)
                : "'" + text + "'";
        String hint;
        switch (text) {
            case "\u2032": // prime
            case "\u2019": // right single quotation mark
            case "\u00b4": // acute accent
            case "`":
                hint = "write derivatives with the ASCII apostrophe: y'";
                break;
            case "\u2033":
                hint = "write the second derivative with two ASCII apostrophes: y''";
                break;
            case "\u00b2":
                hint = "write powers with '^': y^2";
                break;
            case "\u00b3":
                hint = "write powers with '^': y^3";
                break;
            case "\u2212":
                hint = "write minus with the ASCII '-'";
                break;
            case "\u00d7":
            case "\u00b7":
            case "\u22c5":
                hint = "write multiplication with '*'";
                break;
            case "\u00f7":
                hint = "write division with '/'";
                break;
            case "\u03c0":
                hint = "write pi";
                break;
            case ";":
                hint = "statements end at the end of a line";
                break;
            case "{":
            case "}":
                hint = "use ( ) for grouping and [ ] for the domain and lists";
                break;
            case "\"":
                hint = "only a data file's path is quoted, and it ends on its line: data \"file.csv\"";
                break;
            default:
                hint = "";
        }
        return Diagnostic.error("unexpected-character", span(token), "unexpected character " + shown, hint);
    }
}
