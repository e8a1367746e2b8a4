package org.neuroform.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.neuroform.diagnostic.Diagnostic;

/**
 * Cuts the token stream into statements. A newline ends a statement except inside brackets
 * and after an operator, a comma or '=' (the line continues). Also reports what the grammar
 * cannot explain well: characters the language does not use (with a hint for look-alikes
 * such as the Unicode prime), unbalanced brackets, and statements past {@link Limits}.
 */
final class StatementSplitter {

    /** The tokens of one statement, without newlines. */
    record Chunk(List<Token> tokens) {}

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<Chunk> chunks = new ArrayList<>();
    private boolean incomplete;

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    List<Chunk> chunks() {
        return chunks;
    }

    /** True when the input ended inside brackets or after an operator. */
    boolean incomplete() {
        return incomplete;
    }

    void split(List<? extends Token> tokens) {
        List<Token> current = new ArrayList<>();
        Deque<Token> open = new ArrayDeque<>();
        boolean broken = false; // the statement already has a lexical error: drop it
        Token last = null;
        for (Token token : tokens) {
            int type = token.getType();
            if (type == Token.EOF) {
                break;
            }
            if (type == OdeLexer.NEWLINE) {
                if (!open.isEmpty() || continuesLine(last)) {
                    continue;
                }
                finish(current, broken);
                current = new ArrayList<>();
                broken = false;
                last = null;
                continue;
            }
            // ';' belongs inside a call only (y(1.5; k = 0.3)); elsewhere it is someone ending a statement
            if (type == OdeLexer.UNEXPECTED_CHARACTER || (type == OdeLexer.SEMICOLON && open.isEmpty())) {
                diagnostics.add(Tokens.unexpectedCharacter(token));
                broken = true;
                last = token;
                continue;
            }
            if (type == OdeLexer.LPAREN || type == OdeLexer.LBRACKET) {
                open.push(token);
                if (open.size() > Limits.MAX_NESTING && !broken) {
                    diagnostics.add(Diagnostic.error(
                            "nesting-too-deep",
                            Tokens.span(token),
                            "brackets nested more than " + Limits.MAX_NESTING + " deep",
                            "split the expression with a param"));
                    broken = true;
                }
            } else if (type == OdeLexer.RPAREN || type == OdeLexer.RBRACKET) {
                if (open.isEmpty()) {
                    if (!broken) {
                        diagnostics.add(Diagnostic.error(
                                "unbalanced-bracket",
                                Tokens.span(token),
                                "'" + token.getText() + "' has no matching opening bracket"));
                    }
                    broken = true;
                } else {
                    Token opening = open.pop();
                    if (!matches(opening, token) && !broken) {
                        diagnostics.add(Diagnostic.error(
                                "unbalanced-bracket",
                                Tokens.span(token),
                                "'" + token.getText() + "' does not close '" + opening.getText() + "' (line "
                                        + opening.getLine() + ", column " + (opening.getCharPositionInLine() + 1)
                                        + ")"));
                        broken = true;
                    }
                }
            }
            if (current.size() == Limits.MAX_STATEMENT_TOKENS && !broken) {
                diagnostics.add(Diagnostic.error(
                        "statement-too-long",
                        Tokens.span(current.get(0)),
                        "statement longer than " + Limits.MAX_STATEMENT_TOKENS + " tokens",
                        "split the expression with a param"));
                broken = true;
            }
            if (!broken || current.size() < Limits.MAX_STATEMENT_TOKENS) {
                current.add(token);
            }
            last = token;
        }
        if (!open.isEmpty() || continuesLine(last)) {
            incomplete = true;
            if (!open.isEmpty() && !broken) {
                Token opening = open.peekLast();
                diagnostics.add(Diagnostic.error(
                        "unbalanced-bracket",
                        Tokens.span(opening),
                        "'" + opening.getText() + "' is never closed"));
                broken = true;
            } else if (!broken) {
                diagnostics.add(Diagnostic.error(
                        "incomplete-statement",
                        Tokens.span(last),
                        "the input ends after '" + last.getText() + "'",
                        "complete the statement"));
                broken = true;
            }
        }
        finish(current, broken);
    }

    private void finish(List<Token> tokens, boolean broken) {
        if (!tokens.isEmpty() && !broken) {
            chunks.add(new Chunk(List.copyOf(tokens)));
        }
    }

    private static boolean matches(Token opening, Token closing) {
        return (opening.getType() == OdeLexer.LPAREN && closing.getType() == OdeLexer.RPAREN)
                || (opening.getType() == OdeLexer.LBRACKET && closing.getType() == OdeLexer.RBRACKET);
    }

    /** A line ending in one of these continues on the next line. */
    static boolean continuesLine(Token last) {
        if (last == null) {
            return false;
        }
        switch (last.getType()) {
            case OdeLexer.PLUS:
            case OdeLexer.MINUS:
            case OdeLexer.STAR:
            case OdeLexer.SLASH:
            case OdeLexer.CARET:
            case OdeLexer.EQUALS:
            case OdeLexer.COMMA:
            case OdeLexer.LPAREN:
            case OdeLexer.LBRACKET:
                return true;
            default:
                return false;
        }
    }
}
