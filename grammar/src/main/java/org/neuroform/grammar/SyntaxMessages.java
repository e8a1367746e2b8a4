package org.neuroform.grammar;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.Span;

/** Turns ANTLR's syntax errors into messages written for a user of the language. */
final class SyntaxMessages {
    private SyntaxMessages() {}

    static Diagnostic describe(OdeParser parser, Token offending, List<Token> tokens, RecognitionException exception) {
        Token previous = previous(offending, tokens);
        Span span = offending.getType() == Token.EOF ? endOf(previous) : Tokens.span(offending);

        if (previous != null && endsOperand(previous) && startsOperand(offending)) {
            String left = previous.getText();
            String right = offending.getText();
            if (previous.getType() == OdeLexer.IDENT && offending.getType() == OdeLexer.IDENT) {
                return Diagnostic.error(
                        "missing-operator",
                        span,
                        "missing operator between '" + left + "' and '" + right + "'",
                        "write " + left + "*" + right + ", or " + left + "(" + right + ") to call a function");
            }
            return Diagnostic.error(
                    "implicit-multiplication",
                    span,
                    "missing operator between '" + left + "' and '" + right + "'",
                    "implicit multiplication is not allowed: write " + left + "*" + right);
        }

        IntervalSet expected = exception != null && exception.getExpectedTokens() != null
                ? exception.getExpectedTokens()
                : parser.getExpectedTokens();
        String wanted = describeExpected(expected);
        String found = Tokens.describe(offending);
        if (wanted.isEmpty()) {
            return Diagnostic.error("syntax", span, "unexpected " + found);
        }
        String hint = "";
        if (offending.getType() == OdeLexer.EQUALS && tokens.stream().filter(t -> t.getType() == OdeLexer.EQUALS).count() > 1) {
            hint = "a statement has at most one '='";
        }
        return Diagnostic.error("syntax", span, "expected " + wanted + " but found " + found, hint);
    }

    private static Token previous(Token offending, List<Token> tokens) {
        Token previous = null;
        for (Token token : tokens) {
            if (offending.getType() != Token.EOF && token.getStartIndex() >= offending.getStartIndex()) {
                break;
            }
            previous = token;
        }
        return previous;
    }

    private static Span endOf(Token token) {
        if (token == null) {
            return Span.NONE;
        }
        Span span = Tokens.span(token);
        return new Span(span.endLine(), span.endColumn(), span.endLine(), span.endColumn() + 1, span.end(), span.end());
    }

    private static boolean endsOperand(Token token) {
        int type = token.getType();
        return type == OdeLexer.NUMBER || type == OdeLexer.IDENT || type == OdeLexer.RPAREN || type == OdeLexer.PRIME;
    }

    private static boolean startsOperand(Token token) {
        int type = token.getType();
        return type == OdeLexer.NUMBER || type == OdeLexer.IDENT || type == OdeLexer.LPAREN;
    }

    /** "an expression", "')'", "'=' or the end of the line" ... */
    static String describeExpected(IntervalSet expected) {
        if (expected == null || expected.isNil()) {
            return "";
        }
        List<Integer> types = expected.toList();
        List<String> words = new ArrayList<>();
        boolean expression = types.contains(OdeLexer.NUMBER) && types.contains(OdeLexer.IDENT);
        if (expression) {
            words.add("an expression");
        }
        boolean operator = types.contains(OdeLexer.PLUS) && types.contains(OdeLexer.STAR);
        if (operator) {
            words.add("an operator");
        }
        for (int type : types) {
            if (expression && (type == OdeLexer.NUMBER || type == OdeLexer.IDENT || type == OdeLexer.LPAREN
                    || type == OdeLexer.MINUS || type == OdeLexer.PLUS)) {
                continue;
            }
            if (operator && (type == OdeLexer.PLUS || type == OdeLexer.MINUS || type == OdeLexer.STAR
                    || type == OdeLexer.SLASH || type == OdeLexer.CARET)) {
                continue;
            }
            words.add(name(type));
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String name(int type) {
        switch (type) {
            case Token.EOF:
                return "the end of the line";
            case OdeLexer.NUMBER:
                return "a number";
            case OdeLexer.IDENT:
                return "a name";
            default:
                String literal = OdeLexer.VOCABULARY.getLiteralName(type);
                return literal != null ? literal : OdeLexer.VOCABULARY.getDisplayName(type);
        }
    }
}
