package org.neuroform.repl.terminal;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.neuroform.repl.session.Session;

/**
 * JLine's view of the input: Enter on an incomplete statement (open bracket, trailing operator)
 * asks for another line; the word under the cursor for completion is the one the session's
 * completion defines (a name in a statement, a path or option in a command).
 */
final class OdeParser implements Parser {
    private final Session session;

    OdeParser(Session session) {
        this.session = session;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && session.isIncomplete(line)) {
            throw new EOFError(-1, -1, "incomplete statement", "");
        }
        int start = Session.wordStart(line, Math.min(cursor, line.length()));
        return new Line(line, cursor, start);
    }

    /** The whole input as one word list: the word before the cursor is the one being completed. */
    private static final class Line implements CompletingParsedLine {
        private final String line;
        private final int cursor;
        private final int start;

        Line(String line, int cursor, int start) {
            this.line = line;
            this.cursor = cursor;
            this.start = start;
        }

        @Override
        public String word() {
            return line.substring(start, Math.min(cursor, line.length()));
        }

        @Override
        public int wordCursor() {
            return Math.min(cursor, line.length()) - start;
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word());
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public int cursor() {
            return cursor;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
