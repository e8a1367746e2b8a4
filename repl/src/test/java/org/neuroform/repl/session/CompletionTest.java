package org.neuroform.repl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {
    @TempDir
    Path tmp;

    private static List<String> values(Session session, String buffer) {
        return session.complete(buffer, buffer.length()).suggestions().stream().map(Completion.Suggestion::value).toList();
    }

    private static Session problem() {
        Session session = new Session();
        session.handle("domain t in [0, 1]");
        session.handle("param kappa = 2");
        session.handle("u' = -kappa*u");
        return session;
    }

    @Test
    void commandsCompleteFromTheirPrefix() {
        Session session = new Session();
        assertEquals(List.of(":train", ":table"), values(session, ":t"));
        assertEquals(List.of(":reload", ":reset"), values(session, ":re"));
        assertEquals(19, values(session, ":").size()); // the 14 of before, :list, :drop, :edit, :data and :fit
        assertEquals(List.of("train", "table"), values(session, ":help t"));
    }

    @Test
    void statementsCompleteNamesBuiltinsAndKeywords() {
        Session session = problem();
        assertEquals(List.of("sin(", "sinh(", "sqrt(", "sign("), values(session, "u'' = -s").stream().filter(v -> !v.equals("t")).toList());
        assertTrue(values(session, "u(0) = ka").contains("kappa"));
        assertTrue(values(session, "2*").containsAll(List.of("u", "kappa", "t", "exp(", "pi")));
        assertEquals(List.of("domain"), values(session, "dom"));
        assertEquals(List.of("in"), values(session, "domain x i"));
        assertEquals(List.of("epochs"), values(session, "train ep"));
        assertEquals(List.of("tanh", "sigmoid", "sin"), values(session, "train activation = "));
        assertEquals(List.of("adam", "adam+lbfgs"), values(session, ":train epochs = 5, optimizer = ad"));
    }

    @Test
    void theWordIsTheNameBeforeTheCursorOrTheCommandArgument() {
        assertEquals(6, Session.wordStart("y' = -sin", 9));
        assertEquals(6, Session.wordStart("y' = -sin", 6));
        assertEquals(5, Session.wordStart("y' = -sin", 5));
        assertEquals(6, Session.wordStart(":load dir/file.ode", 18));
        assertEquals(0, Session.wordStart(":lo", 3));
        assertEquals(18, Session.wordStart(":train epochs = 5,optim", 23));
    }

    @Test
    void pathsCompleteAfterFileCommandsAndTo() throws Exception {
        Files.createDirectory(tmp.resolve("examples"));
        Files.writeString(tmp.resolve("decay.ode"), "");
        Files.writeString(tmp.resolve("damped.ode"), "");
        Files.writeString(tmp.resolve(".hidden"), "");
        Session session = problem();
        String prefix = tmp + "/d";
        assertEquals(List.of(tmp + "/damped.ode", tmp + "/decay.ode"), values(session, ":load " + prefix));
        assertEquals(List.of(tmp + "/examples/"), values(session, ":open " + tmp + "/ex"));
        assertEquals(List.of(tmp + "/decay.ode"), values(session, ":plot u to " + tmp + "/dec"));
        assertEquals(3, values(session, ":save " + tmp + "/").size(), "hidden files only when asked for");
        Completion.Suggestion directory = session.complete(":load " + tmp + "/ex", (":load " + tmp + "/ex").length()).suggestions().get(0);
        assertTrue(!directory.complete(), "a directory is not the end of the word");
    }

    @Test
    void commandArgumentsComplete() {
        Session session = problem();
        assertEquals(List.of("plot"), values(session, ":set pl"));
        assertEquals(List.of("braille", "ascii"), values(session, ":set plot = "));
        assertEquals(List.of("u"), values(session, ":export "));
        assertEquals(List.of("as"), values(session, ":export u "));
        assertEquals(List.of("java"), values(session, ":export u as j"));
        assertTrue(values(session, ":plot ").contains("u"));
        assertTrue(values(session, ":table u ").contains("step"));
    }

    @Test
    void dropAndEditCompleteStatementNumbersAndNames() {
        Session session = problem();
        session.handle("u(0) = 1");
        assertEquals(List.of("1", "2", "3", "4", "domain", "kappa", "u'", "u(0)"), values(session, ":drop "));
        assertEquals(List.of("u'", "u(0)"), values(session, ":edit u"));
        Completion.Suggestion equation = session.complete(":drop u'", 8).suggestions().get(0);
        assertEquals("u' = -kappa*u", equation.description(), "each name shows the statement it stands for");
    }
}
