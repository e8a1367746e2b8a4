package org.neuroform.runtime;

import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;

/** Test helper: compile .ode text, failing loudly on diagnostics. */
public final class Problems {
    private Problems() {}

    public static CompiledProblem compile(String text) {
        SourceFile source = new SourceFile("test.ode", text);
        Compilation compilation = Compiler.compile(source);
        if (compilation.problem().isEmpty()) {
            throw new AssertionError("does not compile:\n" + DiagnosticRenderer.render(source, compilation.diagnostics()));
        }
        return compilation.problem().get();
    }

    public static CompiledProblem load(java.nio.file.Path path) throws java.io.IOException {
        return compile(java.nio.file.Files.readString(path));
    }

    /** The repository's examples/ folder, found from the module directory the tests run in. */
    public static java.nio.file.Path examples() {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        while (here != null && !java.nio.file.Files.isDirectory(here.resolve("examples"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("no examples/ folder above " + java.nio.file.Path.of("").toAbsolutePath());
        }
        return here.resolve("examples");
    }
}
