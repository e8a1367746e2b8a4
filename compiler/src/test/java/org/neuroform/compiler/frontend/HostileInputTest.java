package org.neuroform.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;

/**
 * Input written to break the front end: deep nesting, huge lines, garbage, odd encodings.
 * Each gets a clear diagnostic or a correct result. The timeout only catches hangs (a hang
 * would otherwise stall the build); how fast the front end is belongs in bench/.
 */
class HostileInputTest {
    private static final Duration HANG = Duration.ofSeconds(60);
    private static final String HEAD = "domain x in [0, 1]\n";
    private static final String TAIL = "\ny(0) = 1\n";

    /** The codes of the diagnostics of {@code text}, after checking the outcome is allowed. */
    private static List<String> codes(String text) {
        return assertTimeoutPreemptively(HANG, () -> {
            SourceFile source = new SourceFile("hostile.ode", text);
            FrontEndOutcome.compileAndRender(source);
            Compilation compilation = Compiler.compile(source);
            return compilation.diagnostics().stream().map(Diagnostic::code).distinct().collect(Collectors.toList());
        });
    }

    private static String repeat(String s, int times) {
        return s.repeat(times);
    }

    @Test
    void twentyThousandNestedParentheses() {
        assertEquals(List.of("nesting-too-deep"), codes(HEAD + "y' = " + repeat("(", 20_000) + "y" + repeat(")", 20_000) + TAIL));
    }

    @Test
    void twentyThousandNestedCalls() {
        assertEquals(List.of("nesting-too-deep"), codes(HEAD + "y' = " + repeat("sin(", 20_000) + "y" + repeat(")", 20_000) + TAIL));
    }

    @Test
    void twentyThousandOpenBracketsNeverClosed() {
        assertEquals(List.of("nesting-too-deep"), codes(HEAD + "y' = " + repeat("[", 20_000) + TAIL));
    }

    @Test
    void twentyThousandUnaryMinusSigns() {
        assertEquals(List.of("statement-too-long"), codes(HEAD + "y' = " + repeat("-", 20_000) + "y" + TAIL));
    }

    @Test
    void nestingJustInsideTheLimitCompiles() {
        assertEquals(List.of(), codes(HEAD + "y' = " + repeat("(", 200) + "-y" + repeat(")", 200) + TAIL));
        assertEquals(List.of(), codes(HEAD + "y' = " + repeat("sin(", 199) + "y" + repeat(")", 199) + TAIL));
    }

    @Test
    void longChainsJustInsideTheLimitCompile() {
        // about 10,000 tokens: deep left-leaning and right-leaning trees, resolved and differentiated
        assertEquals(List.of(), codes(HEAD + "y' = -y" + repeat("+y*x", 2400) + TAIL));
        assertEquals(List.of(), codes(HEAD + "y' = -y" + repeat("^y", 4900) + TAIL));
        assertEquals(List.of(), codes(HEAD + "y' = " + repeat("-", 9990) + "y" + TAIL));
    }

    @Test
    void aOneMegabyteLineOfTerms() {
        assertEquals(List.of("statement-too-long"), codes(HEAD + "y' = -y" + repeat("+y", 500_000) + TAIL));
    }

    @Test
    void aOneMegabyteComment() {
        assertEquals(List.of(), codes(HEAD + "y' = -y # " + repeat("a", 1_000_000) + TAIL));
    }

    @Test
    void aOneMegabyteName() {
        List<String> codes = codes(HEAD + "y' = -y*" + repeat("k", 1_000_000) + TAIL);
        assertEquals(List.of("undefined-name"), codes);
    }

    @Test
    void aOneMegabyteTrainValue() {
        // found by FuzzTest (seed 2): the value was quoted whole in the message
        assertEquals(List.of("bad-train-value"), codes(HEAD + "y' = -y" + TAIL + "train activation = " + repeat("k", 1_000_000)));
        assertEquals(List.of("bad-train-value"), codes(HEAD + "y' = -y" + TAIL + "train activation = y" + repeat("*x+y", 2000)));
    }

    @Test
    void aOneMegabyteNumber() {
        assertEquals(List.of("number-too-large"), codes(HEAD + "y' = -y*" + repeat("9", 1_000_000) + TAIL));
    }

    @Test
    void aNumberBeyondDoublePrecision() {
        assertEquals(List.of("number-too-large"), codes(HEAD + "y' = -1e999*y" + TAIL));
    }

    @Test
    void aNumberThatUnderflowsIsZero() {
        assertEquals(List.of(), codes(HEAD + "y' = -y + 1e-999" + TAIL));
    }

    @Test
    void binaryGarbage() {
        Random random = new Random(9);
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            garbage.append((char) random.nextInt(256));
        }
        List<String> codes = codes(garbage.toString());
        assertTrue(codes.contains("unexpected-character"), codes.toString());
        assertTrue(codes.contains("too-many-errors"), codes.toString());
    }

    @Test
    void garbageFromTheWholeOfUnicode() {
        Random random = new Random(11);
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            garbage.append((char) random.nextInt(Character.MAX_VALUE + 1)); // lone surrogates included
        }
        assertTrue(codes(garbage.toString()).contains("unexpected-character"));
    }

    @Test
    void nulCharacters() {
        assertEquals(List.of("unexpected-character"), codes(HEAD + "y' = -y\0" + TAIL));
    }

    @Test
    void emptyAndBlankInputs() {
        assertEquals(List.of("empty-program"), codes(""));
        assertEquals(List.of("empty-program"), codes("\n\n   \n\t\n"));
        assertEquals(List.of("empty-program"), codes("# nothing but a comment"));
        assertEquals(List.of("empty-program"), codes("\uFEFF"));
    }

    @Test
    void crlfBomAndTabsAreOrdinaryInput() {
        assertEquals(List.of(), codes("domain x in [0, 1]\r\ny' = -y\r\ny(0) = 1\r\ny(0.5)\r\n"));
        assertEquals(List.of(), codes("\uFEFFdomain x in [0, 1]\ny' = -y\ny(0) = 1\n"));
        assertEquals(List.of(), codes("domain\tx\tin [0,\t1]\n\ty' =\t-y\t\ny(0)\t= 1\n"));
        assertEquals(List.of(), codes("domain x in [0, 1]\ry' = -y\ry(0) = 1\r")); // old Mac line ends
    }

    @Test
    void unicodeLookAlikes() {
        assertEquals(List.of("unexpected-character"), codes(HEAD + "y\u2032 = -y" + TAIL));
        assertEquals(List.of("unexpected-character"), codes(HEAD + "y' = -y\u00b2" + TAIL));
        assertEquals(List.of("unexpected-character"), codes(HEAD + "y' = \u2212y" + TAIL));
        assertEquals(List.of("unexpected-character"), codes(HEAD + "y' = -\u03c0*y" + TAIL));
    }

    @Test
    void manyStatements() {
        StringBuilder text = new StringBuilder(HEAD + "y' = -y" + TAIL);
        for (int i = 0; i < 20_000; i++) {
            text.append("param p").append(i).append(" = ").append(i).append('\n');
        }
        assertEquals(List.of("unused-param", "too-many-warnings"), codes(text.toString()));
    }

    @Test
    void manyErrors() {
        StringBuilder text = new StringBuilder(HEAD + "y' = -y" + TAIL);
        for (int i = 0; i < 20_000; i++) {
            text.append("param p").append(i).append(" = q").append(i).append('\n');
        }
        assertEquals(List.of("undefined-name", "too-many-errors"), codes(text.toString()));
    }

    @Test
    void manyUnknowns() {
        StringBuilder text = new StringBuilder(HEAD);
        for (int i = 0; i < 2000; i++) {
            text.append('y').append(i).append("' = -y").append(i).append('\n').append('y').append(i).append("(0) = 1\n");
        }
        assertEquals(List.of("too-many-unknowns"), codes(text.toString()));
    }

    @Test
    void aVeryHighDerivative() {
        assertEquals(List.of("order-too-high"), codes(HEAD + "y" + repeat("'", 5000) + " = -y" + TAIL));
    }
}
