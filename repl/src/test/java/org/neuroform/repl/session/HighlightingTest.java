package org.neuroform.repl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightingTest {
    private static List<String> kinds(Session session, String text) {
        List<String> out = new ArrayList<>();
        for (Highlighting.Span span : session.highlight(text)) {
            out.add(text.substring(span.start(), span.end()) + ":" + span.kind());
        }
        return out;
    }

    @Test
    void statementsAreColouredByWhatEachNameIs() {
        Session session = new Session();
        session.handle("domain x in [0, 1]");
        session.handle("param k = 2");
        session.handle("y' = -k*y");
        assertEquals(List.of("y:UNKNOWN", "k:PARAM", "exp:BUILTIN", "x:VARIABLE", "1.5e-3:NUMBER", "# decay:COMMENT"),
                kinds(session, "y'' + k*exp(-x) = 1.5e-3 # decay"));
        assertEquals(List.of("domain:KEYWORD", "in:KEYWORD", "0:NUMBER", "pi:BUILTIN"),
                kinds(session, "domain t in [0, pi]"));
        assertEquals(List.of("train:KEYWORD", "epochs:OPTION", "500:NUMBER"), kinds(session, "train epochs = 500"));
    }

    @Test
    void commandsAreColouredWhenTheyExist() {
        Session session = new Session();
        assertEquals(List.of(":tab:COMMAND", "from:KEYWORD", "0:NUMBER", "to:KEYWORD", "1:NUMBER"), kinds(session, ":tab y from 0 to 1"));
        assertEquals(List.of(":t:UNKNOWN_COMMAND"), kinds(session, ":t"));
        assertEquals(List.of(":nope:UNKNOWN_COMMAND", "3:NUMBER"), kinds(session, ":nope 3"));
        assertEquals(List.of(":load:COMMAND"), kinds(session, ":load examples/2x.ode"));
    }
}
