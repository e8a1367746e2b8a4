package org.neuroform.repl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** :load of an XPPAUT file in the shell: translated, announced, trained; a refused one changes nothing. */
class XppLoadTest {
    private static String example(String name) {
        return Path.of("..", "examples", "xpp", name).toString();
    }

    @Test
    void anXppFileLoadsAsItsTranslationAndTrains() {
        Session session = new Session();
        String loaded = session.handle(":load " + example("harmonic.ode")).text();
        assertTrue(loaded.startsWith("reading " + example("harmonic.ode") + " as an XPPAUT file"), loaded);
        assertTrue(loaded.contains("loaded "), loaded);
        String trained = session.handle(":train").text();
        assertTrue(trained.startsWith("trained:"), trained);
        // x'' = -4x, x(0) = 1, x'(0) = 0: x = cos 2t
        String answer = session.handle("x(1)").text();
        double value = Double.parseDouble(answer.substring(answer.indexOf('=') + 1, answer.indexOf('\n')).strip());
        assertEquals(Math.cos(2), value, 1e-8, answer);
    }

    @Test
    void aRefusedXppFileChangesNothing() {
        Session session = new Session();
        session.handle("domain t in [0, 1]");
        session.handle("y' = -y");
        String refused = session.handle(":load " + example("mackey-glass.ode")).text();
        assertTrue(refused.contains("error:") && refused.contains("nothing loaded"), refused);
        assertEquals(2, session.statements().size());
    }
}
