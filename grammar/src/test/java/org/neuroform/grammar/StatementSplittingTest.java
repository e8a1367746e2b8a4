package org.neuroform.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroform.ast.AstPrinter;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;

/**
 * Where statements end, and when input is merely incomplete: the REPL asks for another line
 * exactly when {@link ParseResult#incomplete()} is true.
 */
class StatementSplittingTest {
    private static ParseResult parse(String text) {
        return DeepStack.call(() -> SourceParser.parse(new SourceFile("test.ode", text)));
    }

    @Test
    void inputThatStopsEarlyIsIncomplete() {
        for (String text : List.of("y' = sin(", "y' = -2*", "param a = 1,", "y' =", "train hidden = [32,", "y' = (1 +\n 2")) {
            ParseResult parsed = parse(text);
            assertTrue(parsed.incomplete(), text);
            assertTrue(parsed.hasErrors(), "a file that ends there is still an error: " + text);
        }
    }

    @Test
    void completeOrBrokenInputIsNotIncomplete() {
        for (String text : List.of("y' = -y", "y(0) = 1\n", "y' = -y)", "y' = -2y", "", "# comment", "y' = -y # a (")) {
            assertFalse(parse(text).incomplete(), text);
        }
    }

    @Test
    void aStatementContinuesInsideBracketsAndAfterOperatorsCommasAndEquals() {
        String continued = "y' = sin(\n  x\n) + (1\n  + y) -\n  2*y\nparam a = 1,\n  b =\n  2\n";
        ParseResult parsed = parse(continued);
        assertEquals(List.of(), parsed.diagnostics());
        assertEquals(2, parsed.program().statements().size(), AstPrinter.print(parsed.program()));
    }

    @Test
    void commentsAndBlankLinesInsideAContinuedStatement() {
        ParseResult parsed = parse("y' = -2*   # continued\n\n   # still continued\n  y\n");
        assertEquals(List.of(), parsed.diagnostics());
        assertEquals(1, parsed.program().statements().size());
    }

    @Test
    void oneMistakeCostsOneStatement() {
        ParseResult parsed = parse("domain x in [0, 1]\ny' = -2y\ny(0) = = 1\ny(0.5)\n");
        assertEquals(List.of("implicit-multiplication", "syntax"), parsed.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(2, parsed.program().statements().size(), "the domain and the query still parse");
    }

    @Test
    void errorsAreCapped() {
        ParseResult parsed = parse("$\n".repeat(Limits.MAX_ERRORS + 20));
        assertEquals(Limits.MAX_ERRORS + 1, parsed.diagnostics().size());
        Diagnostic last = parsed.diagnostics().get(Limits.MAX_ERRORS);
        assertEquals("too-many-errors", last.code());
        assertEquals("too many errors: 20 more not shown", last.message());
    }
}
