package org.neuroform.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.Span;

/** Turns ANTLR's syntax errors into messages written for a user of the language. */
final class SyntaxMessages {
    /**
     * The built-in functions (the compiler's {@code Function} table; a test keeps the two
     * equal): {@code sin x} is a call without parentheses, {@code k x} a product.
     */
    static final Set<String> BUILTIN_FUNCTIONS = Set.of(
            "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "sqrt", "abs", "heav", "sign",
            "floor");

    private SyntaxMessages() {}

    static Diagnostic describe(OdeParser parser, Token offending, List<Token> tokens, RecognitionException exception) {
        Token previous = previous(offending, tokens);
        Span span = offending.getType() == Token.EOF ? endOf(previous) : Tokens.span(offending);

        IntervalSet expected = exception != null && exception.getExpectedTokens() != null
                ? exception.getExpectedTokens()
                : parser.getExpectedTokens();
        Diagnostic missingKeyword = missingKeyword(offending, previous, tokens, span);
        if (missingKeyword != null) {
            return missingKeyword;
        }
        if (previous != null && endsOperand(previous) && startsOperand(offending)) {
            int at = tokens.indexOf(offending);
            String left = shortenLeft(leftOperand(tokens, at - 1));
            String right = shorten(rightOperand(tokens, at));
            if (innermostBracket(tokens, at) == OdeLexer.LBRACKET) {
                return Diagnostic.error(
                        "syntax",
                        span,
                        "missing ',' between '" + left + "' and '" + right + "'",
                        "separate list items with commas: [" + left + ", " + right + "]");
            }
            String message = "missing operator between '" + left + "' and '" + right + "'";
            if (previous.getType() == OdeLexer.IDENT && offending.getType() == OdeLexer.IDENT
                    && BUILTIN_FUNCTIONS.contains(previous.getText())) {
                return Diagnostic.error(
                        "missing-operator",
                        span,
                        message,
                        "write " + left + "(" + right + ") to call the function");
            }
            return Diagnostic.error(
                    "implicit-multiplication",
                    span,
                    message,
                    "implicit multiplication is not allowed: write " + left + "*" + right);
        }

        String wanted = describeExpected(expected);
        String found = Tokens.describe(offending);
        if (wanted.isEmpty()) {
            return Diagnostic.error("syntax", span, "unexpected " + found);
        }
        String hint = "";
        if (offending.getType() == OdeLexer.LPAREN && expected != null && expected.contains(OdeLexer.LBRACKET)) {
            hint = "write the interval with square brackets, ends included: [0, 1]";
        }
        if (isKeyword(offending) && expected != null && expected.contains(OdeLexer.IDENT)) {
            hint = Tokens.describe(offending) + " is a keyword (domain, param, train, in) and cannot be used as a name";
        }
        if (offending.getType() == OdeLexer.EQUALS && tokens.stream().filter(t -> t.getType() == OdeLexer.EQUALS).count() > 1) {
            hint = "a statement has at most one '='";
        }
        return Diagnostic.error("syntax", span, "expected " + wanted + " but found " + found, hint);
    }

    /**
     * {@code domain x [0, 1]}, {@code param k 2}, {@code train epochs 5}: the name of a
     * declaration followed by anything but its 'in' or '='. ANTLR's expected sets are not
     * reliable here (prediction fails before the name), so the statement's shape decides.
     */
    private static Diagnostic missingKeyword(Token offending, Token previous, List<Token> tokens, Span span) {
        if (previous == null || previous.getType() != OdeLexer.IDENT || tokens.isEmpty()) {
            return null;
        }
        int at = tokens.indexOf(previous);
        Token before = at > 0 ? tokens.get(at - 1) : null;
        if (before == null) {
            return null;
        }
        int statement = tokens.get(0).getType();
        String found = Tokens.describe(offending);
        if (before.getType() == OdeLexer.DOMAIN && at == 1 && offending.getType() != OdeLexer.IN) {
            return Diagnostic.error("syntax", span, "expected 'in' after the domain variable '" + previous.getText()
                    + "' but found " + found, "write: domain " + previous.getText() + " in [0, 1]");
        }
        boolean declaration = statement == OdeLexer.PARAM || statement == OdeLexer.TRAIN;
        boolean nameSlot = before.getType() == OdeLexer.PARAM || before.getType() == OdeLexer.TRAIN
                || (declaration && before.getType() == OdeLexer.COMMA && depth(tokens, at) == 0);
        if (declaration && nameSlot && offending.getType() != OdeLexer.EQUALS) {
            String what = statement == OdeLexer.PARAM ? "param" : "train option";
            return Diagnostic.error("syntax", span, "expected '=' after the " + what + " '" + Tokens.shorten(previous.getText())
                    + "' but found " + found, "write: " + Tokens.shorten(previous.getText()) + " = ...");
        }
        return null;
    }

    /** The type of the innermost bracket open before {@code index}, or -1. */
    private static int innermostBracket(List<Token> tokens, int index) {
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < index && i < tokens.size(); i++) {
            int type = tokens.get(i).getType();
            if (type == OdeLexer.LPAREN || type == OdeLexer.LBRACKET) {
                open.push(type);
            } else if ((type == OdeLexer.RPAREN || type == OdeLexer.RBRACKET) && !open.isEmpty()) {
                open.pop();
            }
        }
        return open.isEmpty() ? -1 : open.peek();
    }

    /** Brackets open before {@code index}. */
    private static int depth(List<Token> tokens, int index) {
        int depth = 0;
        for (int i = 0; i < index; i++) {
            int type = tokens.get(i).getType();
            if (type == OdeLexer.LPAREN || type == OdeLexer.LBRACKET) {
                depth++;
            } else if (type == OdeLexer.RPAREN || type == OdeLexer.RBRACKET) {
                depth--;
            }
        }
        return depth;
    }

    /** The operand that ends at {@code index}: {@code 2}, {@code y''}, {@code (a+b)}, {@code sin(x)}. */
    private static String leftOperand(List<Token> tokens, int index) {
        if (index < 0) {
            return "";
        }
        int start = index;
        if (tokens.get(start).getType() == OdeLexer.RPAREN) {
            int depth = 0;
            for (; start >= 0; start--) {
                int type = tokens.get(start).getType();
                if (type == OdeLexer.RPAREN || type == OdeLexer.RBRACKET) {
                    depth++;
                } else if ((type == OdeLexer.LPAREN || type == OdeLexer.LBRACKET) && --depth == 0) {
                    break;
                }
            }
            start = Math.max(0, start);
            if (start > 0 && (tokens.get(start - 1).getType() == OdeLexer.IDENT
                    || tokens.get(start - 1).getType() == OdeLexer.PRIME)) {
                start--;
            }
        }
        while (start > 0 && tokens.get(start).getType() == OdeLexer.PRIME) {
            start--;
        }
        return join(tokens, Math.max(start, index - 40), index);
    }

    /** The operand that starts at {@code index}: {@code y}, {@code y'}, {@code (a+b)}, {@code sin(x)}. */
    private static String rightOperand(List<Token> tokens, int index) {
        if (index < 0 || index >= tokens.size()) {
            return "";
        }
        int end = index;
        int type = tokens.get(end).getType();
        if (type == OdeLexer.IDENT) {
            while (end + 1 < tokens.size() && tokens.get(end + 1).getType() == OdeLexer.PRIME) {
                end++;
            }
            if (end + 1 < tokens.size() && tokens.get(end + 1).getType() == OdeLexer.LPAREN) {
                end++;
                type = OdeLexer.LPAREN;
            }
        }
        if (type == OdeLexer.LPAREN) {
            int depth = 0;
            for (; end < tokens.size(); end++) {
                int t = tokens.get(end).getType();
                if (t == OdeLexer.LPAREN || t == OdeLexer.LBRACKET) {
                    depth++;
                } else if ((t == OdeLexer.RPAREN || t == OdeLexer.RBRACKET) && --depth == 0) {
                    break;
                }
            }
            end = Math.min(end, tokens.size() - 1);
        }
        return join(tokens, index, end);
    }

    private static String join(List<Token> tokens, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to && text.length() <= 40; i++) {
            text.append(tokens.get(i).getText());
        }
        return text.toString();
    }

    /** At most 20 characters, cut at the end. */
    private static String shorten(String text) {
        return text.length() <= 20 ? text : text.substring(0, 17) + "...";
    }

    /** At most 20 characters, cut at the start. */
    private static String shortenLeft(String text) {
        return text.length() <= 20 ? text : "..." + text.substring(text.length() - 17);
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

    private static boolean isKeyword(Token token) {
        int type = token.getType();
        return type == OdeLexer.DOMAIN || type == OdeLexer.PARAM || type == OdeLexer.TRAIN || type == OdeLexer.IN
                || type == OdeLexer.DEF || type == OdeLexer.LET;
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
            if (type == OdeLexer.PRIME) {
                continue; // "expected a prime" after a name is never what the user needs to read
            }
            if (operator && (type == OdeLexer.PLUS || type == OdeLexer.MINUS || type == OdeLexer.STAR
                    || type == OdeLexer.SLASH || type == OdeLexer.CARET)) {
                continue;
            }
            words.add(name(type));
        }
        if (words.size() <= 1) {
            return words.isEmpty() ? "" : words.get(0);
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
