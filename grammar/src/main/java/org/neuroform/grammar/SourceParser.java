package org.neuroform.grammar;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.neuroform.ast.Program;
import org.neuroform.ast.Statement;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;

/**
 * Parses .ode text into a {@link Program}. Each statement is parsed on its own, so one
 * mistake costs one statement: the others still parse and every error of the file is
 * reported (up to {@link Limits#MAX_ERRORS}).
 */
public final class SourceParser {

    private SourceParser() {}

    public static ParseResult parse(SourceFile source) {
        OdeLexer lexer = new OdeLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners(); // every character is a token: the lexer cannot fail
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();

        StatementSplitter splitter = new StatementSplitter();
        splitter.split(stream.getTokens());
        List<Diagnostic> diagnostics = new ArrayList<>(splitter.diagnostics());
        List<Statement> statements = new ArrayList<>();
        for (StatementSplitter.Chunk chunk : splitter.chunks()) {
            Statement statement = parseStatement(source, chunk.tokens(), diagnostics);
            if (statement != null) {
                statements.add(statement);
            }
        }
        diagnostics.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        return new ParseResult(new Program(source, statements), cap(diagnostics), splitter.incomplete());
    }

    static List<Diagnostic> cap(List<Diagnostic> diagnostics) {
        if (diagnostics.size() <= Limits.MAX_ERRORS) {
            return diagnostics;
        }
        List<Diagnostic> capped = new ArrayList<>(diagnostics.subList(0, Limits.MAX_ERRORS));
        Diagnostic last = diagnostics.get(Limits.MAX_ERRORS);
        capped.add(Diagnostic.error(
                "too-many-errors",
                last.span(),
                "too many errors: " + (diagnostics.size() - Limits.MAX_ERRORS) + " more not shown"));
        return capped;
    }

    private static Statement parseStatement(SourceFile source, List<Token> tokens, List<Diagnostic> diagnostics) {
        ListTokenSource tokenSource = new ListTokenSource(tokens, source.name());
        OdeParser parser = new OdeParser(new CommonTokenStream(tokenSource));
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.removeErrorListeners();
        FirstErrorListener listener = new FirstErrorListener(tokens);
        parser.addErrorListener(listener);
        OdeParser.StatementLineContext tree = parser.statementLine();
        if (listener.diagnostic != null) {
            diagnostics.add(listener.diagnostic);
            return null;
        }
        return new AstBuilder(source).statement(tree.statement());
    }

    /** Keeps the first syntax error of a statement: later ones are almost always its echoes. */
    private static final class FirstErrorListener extends BaseErrorListener {
        private final List<Token> tokens;
        Diagnostic diagnostic;

        FirstErrorListener(List<Token> tokens) {
            this.tokens = tokens;
        }

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int charPositionInLine,
                String message,
                RecognitionException exception) {
            if (diagnostic != null) {
                return;
            }
            diagnostic = SyntaxMessages.describe((OdeParser) recognizer, (Token) offendingSymbol, tokens, exception);
        }
    }
}
