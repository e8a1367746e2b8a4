package org.neuroform.compiler;

import org.neuroform.ast.Program;
import org.neuroform.compiler.check.ProblemChecker;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.grammar.DeepStack;
import org.neuroform.grammar.ParseResult;
import org.neuroform.grammar.SourceParser;

/** The front end in one call: parse, check, compile. */
public final class Compiler {
    private Compiler() {}

    /** Parses and compiles a whole problem; syntax errors stop before checking. */
    public static Compilation compile(SourceFile source) {
        return DeepStack.call(() -> {
            ParseResult parsed = SourceParser.parse(source);
            if (parsed.hasErrors()) {
                return new Compilation(java.util.Optional.empty(), parsed.diagnostics());
            }
            return new ProblemChecker(parsed.program(), ProblemChecker.Mode.COMPLETE).check();
        });
    }

    public static Compilation compile(Program program, ProblemChecker.Mode mode) {
        return DeepStack.call(() -> new ProblemChecker(program, mode).check());
    }
}
