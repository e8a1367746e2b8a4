package org.neuroform.repl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code neuroform check} must stay quick: it never loads ND4J (nor JavaCPP's native loader).
 * Runs the real command in a child JVM with {@code -verbose:class}, which lists every class the
 * JVM loads, so nothing in this test's own JVM (where other tests may have loaded ND4J) matters.
 */
class CheckLoadsNoNd4jTest {

    @Test
    void checkLoadsNoNd4jClass() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String arguments : new String[] {"check", "check --show"}) {
            List<String> command = new java.util.ArrayList<>(List.of(java, "-verbose:class", "-Xss16m",
                    "-cp", System.getProperty("java.class.path"), "org.neuroform.repl.Main"));
            command.addAll(List.of(arguments.split(" ")));
            command.add(Path.of("..", "examples", "lagaris4.ode").toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
            assertEquals(0, process.exitValue(), output);
            // the control: class loading is logged, and the compiler did run
            assertTrue(output.contains("org.neuroform.compiler.frontend.Compiler "), "no class-loading log:\n" + output);
            List<String> heavy = output.lines()
                    .filter(line -> line.contains("org.nd4j") || line.contains("org.bytedeco"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), heavy, "'neuroform " + arguments + "' loaded ND4J");
        }
    }
}
