package org.neuroform.repl.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.neuroform.compiler.settings.TrainOptions;
import org.neuroform.compiler.sym.Function;

/**
 * Syntax highlighting without a terminal: the input cut into spans of a {@link Kind}; the terminal
 * picks the colours. A small hand-written scanner rather than the grammar's lexer, because it
 * must cope with every half-typed line.
 */
public final class Highlighting {
    /** What a span of input is. */
    public enum Kind {
        COMMAND,
        UNKNOWN_COMMAND,
        KEYWORD,
        NUMBER,
        BUILTIN,
        UNKNOWN,
        PARAM,
        VARIABLE,
        OPTION,
        COMMENT,
        PLAIN
    }

    /** {@code [start, end)} of the input is a {@code kind}. */
    public record Span(int start, int end, Kind kind) {}

    private static final Set<String> STATEMENT_KEYWORDS = Set.of("domain", "param", "train", "in", "def", "let");
    private static final Set<String> COMMAND_KEYWORDS = Set.of("from", "to", "step", "as", "java", "python");

    private final Session.Names names;
    private final Commands commands;

    Highlighting(Session.Names names, Commands commands) {
        this.names = names;
        this.commands = commands;
    }

    public List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        int i = 0;
        boolean command = text.stripLeading().startsWith(":");
        if (command) {
            int start = text.indexOf(':');
            int end = start + 1;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String word = text.substring(start + 1, end);
            spans.add(new Span(start, end, commands.lookup(word).size() == 1 ? Kind.COMMAND : Kind.UNKNOWN_COMMAND));
            i = end;
            String name = commands.lookup(word).size() == 1 ? commands.lookup(word).get(0).name() : "";
            if (name.equals("load") || name.equals("open") || name.equals("save") || name.equals("help") || name.equals("reload")) {
                return spans; // a path or a command name: no colours inside
            }
        }
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                spans.add(new Span(i, end, Kind.COMMENT));
                i = end;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int end = number(text, i);
                spans.add(new Span(i, end, Kind.NUMBER));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < text.length() && Completion.isNameChar(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                Kind kind = classify(word, command);
                if (kind != Kind.PLAIN) {
                    spans.add(new Span(i, end, kind));
                }
                i = end;
            } else {
                i++;
            }
        }
        return spans;
    }

    private Kind classify(String word, boolean command) {
        if (command ? COMMAND_KEYWORDS.contains(word) : STATEMENT_KEYWORDS.contains(word)) {
            return Kind.KEYWORD;
        }
        if (names.unknowns().contains(word)) {
            return Kind.UNKNOWN;
        }
        if (names.params().contains(word)) {
            return Kind.PARAM;
        }
        if (names.variable().filter(word::equals).isPresent()) {
            return Kind.VARIABLE;
        }
        if (Function.builtin(word).isPresent() || word.equals("pi") || word.equals("e")) {
            return Kind.BUILTIN;
        }
        if (TrainOptions.get(word) != null) {
            return Kind.OPTION;
        }
        return Kind.PLAIN;
    }

    /** The end of a number starting at i: digits, a fraction, an exponent. */
    private static int number(String text, int i) {
        int end = i;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            int exponent = end + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && Character.isDigit(text.charAt(exponent))) {
                end = exponent;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
            }
        }
        return end;
    }
}
