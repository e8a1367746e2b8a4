package org.neuroform.repl.terminal;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.neuroform.repl.session.Highlighting;
import org.neuroform.repl.session.Session;

/** Colours the input by the session's {@link Highlighting} spans. */
final class OdeHighlighter implements Highlighter {
    private static final Map<Highlighting.Kind, AttributedStyle> STYLES = new EnumMap<>(Highlighting.Kind.class);

    static {
        AttributedStyle base = AttributedStyle.DEFAULT;
        STYLES.put(Highlighting.Kind.COMMAND, base.bold().foreground(AttributedStyle.BLUE));
        STYLES.put(Highlighting.Kind.UNKNOWN_COMMAND, base.foreground(AttributedStyle.RED));
        STYLES.put(Highlighting.Kind.KEYWORD, base.bold().foreground(AttributedStyle.MAGENTA));
        STYLES.put(Highlighting.Kind.NUMBER, base.foreground(AttributedStyle.CYAN));
        STYLES.put(Highlighting.Kind.BUILTIN, base.foreground(AttributedStyle.YELLOW));
        STYLES.put(Highlighting.Kind.UNKNOWN, base.bold().foreground(AttributedStyle.GREEN));
        STYLES.put(Highlighting.Kind.PARAM, base.foreground(AttributedStyle.BLUE));
        STYLES.put(Highlighting.Kind.VARIABLE, base.italic());
        STYLES.put(Highlighting.Kind.OPTION, base.foreground(AttributedStyle.MAGENTA));
        STYLES.put(Highlighting.Kind.COMMENT, base.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLACK));
        STYLES.put(Highlighting.Kind.PLAIN, base);
    }

    private final Session session;

    OdeHighlighter(Session session) {
        this.session = session;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        int at = 0;
        for (Highlighting.Span span : session.highlight(buffer)) {
            out.append(buffer, at, span.start());
            out.styled(STYLES.get(span.kind()), buffer.substring(span.start(), span.end()));
            at = span.end();
        }
        out.append(buffer.substring(at));
        return out.toAttributedString();
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {}

    @Override
    public void setErrorIndex(int errorIndex) {}
}
