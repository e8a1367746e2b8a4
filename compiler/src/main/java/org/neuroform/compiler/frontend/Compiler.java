package org.neuroform.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neuroform.ast.Program;
import org.neuroform.ast.QueryStatement;
import org.neuroform.ast.Statement;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.ParsedInput;
import org.neuroform.compiler.PartialCheck;
import org.neuroform.compiler.StatementSubject;
import org.neuroform.compiler.TypedStatement;
import org.neuroform.compiler.check.ProblemChecker;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;
import org.neuroform.grammar.DeepStack;
import org.neuroform.grammar.ParseResult;
import org.neuroform.grammar.SourceParser;

/**
 * The front end, for the file runner and the shell alike: parse, check a problem that is still
 * being typed, compile a whole one, compile a query against a compiled problem.
 *
 * <p>A file goes through {@link #compile(SourceFile)} in one call. The shell parses each input
 * once ({@link #parse}), keeps the {@link TypedStatement}s, and asks {@link #check} (partial) after
 * each new statement and {@link #compile(Program)} when it trains; the statements are placed
 * one after the other in a {@code <repl>} text without being parsed again.
 */
public final class Compiler {
    private Compiler() {}

    /** Parses and compiles a whole problem; syntax errors stop before checking. */
    public static Compilation compile(SourceFile source) {
        return DeepStack.call(() -> {
            ParseResult parsed = SourceParser.parse(source);
            if (parsed.hasErrors()) {
                return new Compilation(Optional.empty(), parsed.diagnostics());
            }
            return new ProblemChecker(parsed.program(), ProblemChecker.Mode.COMPLETE).check();
        });
    }

    public static Compilation compile(Program program, ProblemChecker.Mode mode) {
        return DeepStack.call(() -> new ProblemChecker(program, mode).check());
    }

    /** Parses one input into statements, each with the text it was written as. */
    public static ParsedInput parse(SourceFile source) {
        ParseResult parsed = DeepStack.call(() -> SourceParser.parse(source));
        List<TypedStatement> statements = new ArrayList<>();
        for (Statement statement : parsed.program().statements()) {
            Span span = statement.span();
            int lineStart = span.start() - (span.column() - 1);
            String text = source.text().substring(Math.max(0, lineStart), span.end());
            Statement own = new SpanShift(-(span.line() - 1), -Math.max(0, lineStart)).statement(statement);
            statements.add(new TypedStatement(own, text));
        }
        return new ParsedInput(source, parsed.program(), statements, parsed.diagnostics(), parsed.incomplete());
    }

    /** The statements one after the other, a line each (or more), as one program named {@code name}. */
    public static Program program(String name, List<TypedStatement> statements) {
        StringBuilder text = new StringBuilder();
        List<Statement> placed = new ArrayList<>();
        int line = 0;
        for (TypedStatement statement : statements) {
            placed.add(new SpanShift(line, text.length()).statement(statement.statement()));
            text.append(statement.text()).append('\n');
            line += statement.lineCount();
        }
        return new Program(new SourceFile(name, text.toString()), placed);
    }

    /** Checks statements that may not yet make a whole problem (the shell, between statements). */
    public static PartialCheck check(String name, List<TypedStatement> statements) {
        return check(program(name, statements));
    }

    /** Checks a program that may not yet make a whole problem (a file loaded into the shell). */
    public static PartialCheck check(Program program) {
        ProblemChecker checker = new ProblemChecker(program, ProblemChecker.Mode.PARTIAL);
        Compilation compilation = DeepStack.call(checker::check);
        List<Optional<StatementSubject>> subjects = new ArrayList<>();
        for (int i = 0; i < program.statements().size(); i++) {
            subjects.add(checker.subject(i));
        }
        return new PartialCheck(program.source(), compilation.diagnostics(), checker.unknowns(), checker.params(),
                checker.variable(), checker.provisional(), subjects);
    }

    /** Compiles a whole problem (the shell's statements placed by {@link #program}). */
    public static Compilation compile(Program program) {
        return compile(program, ProblemChecker.Mode.COMPLETE);
    }

    /**
     * Compiles a whole problem with its estimated params ({@code param k = ?}) or ranged params
     * ({@code param k in [a, b]}) at the given values (the rest at their starting values, or the
     * middle of their ranges): what estimation calls at each trial value, and a parametric
     * solution at each node of its grid.
     */
    public static Compilation compileAt(Program program, java.util.Map<String, Double> estimates) {
        return DeepStack.call(() -> new ProblemChecker(program, ProblemChecker.Mode.COMPLETE, estimates).check());
    }

    /**
     * {@link #compileAt(Program, java.util.Map)} at each of several sets of values, in one
     * front-end call: one deep-stack thread for all of them (a parametric solution's nodes; a
     * thread per compilation costs as much as the compilation on a busy machine).
     */
    public static List<Compilation> compileAtEach(Program program, List<java.util.Map<String, Double>> values) {
        return DeepStack.call(() -> {
            List<Compilation> out = new java.util.ArrayList<>(values.size());
            for (java.util.Map<String, Double> v : values) {
                out.add(new ProblemChecker(program, ProblemChecker.Mode.COMPLETE, v).check());
            }
            return out;
        });
    }

    /** Resolves a query typed after compilation (the shell) against a compiled problem's names. */
    public static ProblemChecker.QueryResult compileQuery(CompiledProblem problem, QueryStatement query) {
        return DeepStack.call(() -> ProblemChecker.compileQuery(problem, query));
    }

    /** Resolves a query with values for the ranged params it does not name (the shell's {@code :set}). */
    public static ProblemChecker.QueryResult compileQuery(CompiledProblem problem, QueryStatement query,
            java.util.Map<String, Double> defaults) {
        return DeepStack.call(() -> ProblemChecker.compileQuery(problem, query, defaults));
    }
}
