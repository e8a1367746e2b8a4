package org.neuroform.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neuroform.ast.AstPrinter;
import org.neuroform.ast.Program;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.ParsedInput;
import org.neuroform.compiler.PartialCheck;
import org.neuroform.compiler.TypedStatement;
import org.neuroform.compiler.StatementSubject;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.grammar.SourceParser;

/** The shell's side of the front end: statements typed one at a time, parsed once, checked as a whole. */
class PartialProgramTest {

    private static List<TypedStatement> typed(String... inputs) {
        List<TypedStatement> statements = new ArrayList<>();
        for (String input : inputs) {
            ParsedInput parsed = Compiler.parse(new SourceFile("<repl>", input));
            assertFalse(parsed.hasErrors(), input);
            statements.addAll(parsed.statements());
        }
        return statements;
    }

    @Test
    void statementsPlacedTogetherHaveTheTreeOfTheJoinedText() {
        List<TypedStatement> statements = typed("domain t in [0, 2]", "  x' = v   # indented", "v' =  # more\n  -x", "\tx(0) = 1\r\n");
        Program placed = Compiler.program("<repl>", statements);
        Program parsed = SourceParser.parse(placed.source()).program();
        assertEquals(AstPrinter.print(parsed), AstPrinter.print(placed));
        assertEquals(parsed.statements(), placed.statements(), "every span where parsing the whole text puts it");
    }

    @Test
    void aNameAnEquationUsesBeforeItIsDefinedIsNotAnErrorYet() {
        PartialCheck check = Compiler.check("<repl>", typed("domain t in [0, 2]", "x' = v"));
        assertFalse(check.hasErrors(), () -> DiagnosticRenderer.render(check.source(), check.diagnostics()));
        assertEquals(Set.of("v"), check.undefinedYet());
        assertEquals(List.of("x", "v"), check.unknowns());

        PartialCheck later = Compiler.check("<repl>", typed("domain t in [0, 2]", "x' = v", "v' = -x"));
        assertEquals(Set.of(), later.undefinedYet());
    }

    @Test
    void compilingTheWholeProblemReportsANameStillUndefined() {
        Compilation compilation = Compiler.compile(Compiler.program("<repl>", typed("domain t in [0, 1]", "x' = v", "x(0) = 1")));
        assertTrue(compilation.hasErrors());
        assertEquals("undefined-name", compilation.errors().get(0).code());
        assertEquals(2, compilation.errors().get(0).span().line());
    }

    @Test
    void conditionsAndParamsAreNotTakenForUnknowns() {
        PartialCheck check = Compiler.check("<repl>", typed("domain t in [0, 1]", "y(0) = c"));
        assertTrue(check.hasErrors(), "a condition holds at a point: an undefined name there is an error at once");
        PartialCheck param = Compiler.check("<repl>", typed("domain t in [0, 1]", "param k = 2", "y' = -k*y"));
        assertFalse(param.hasErrors());
        assertEquals(Set.of(), param.undefinedYet());
        assertEquals(List.of("y"), param.unknowns());
    }

    @Test
    void everyEquationIsNamedByItsHighestDerivativeAndEveryConditionByWhatItFixes() {
        PartialCheck check = Compiler.check("<repl>", typed("domain t in [0, 1]", "x'' + x' = v", "u' + v' = 1", "v(0.50) = 1",
                "x'(0) + x(0) = 2", "x(0) = 0"));
        List<Optional<String>> labels = check.subjects().stream().map(s -> s.map(StatementSubject::label)).toList();
        assertEquals(List.of(Optional.empty(), Optional.of("x''"), Optional.empty(), Optional.of("v(0.5)"), Optional.empty(),
                Optional.of("x(0)")), labels);
    }
}
