package org.neuroform.repl.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroform.repl.Solutions;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * The exported code is compiled and run for real (javac in-process, python3 as a process) and
 * must give the runtime's values: Java to 1e-12 relative, Python too (its tanh and exp may differ
 * in the last bit).
 */
class ExportTest {
    private static final double TOLERANCE = 1e-12;

    @TempDir
    Path tmp;

    static Stream<TrainedSolution> solutions() {
        return Stream.of(Solutions.trained(Solutions.DECAY), Solutions.trained(Solutions.NEUMANN), Solutions.trained(Solutions.SYSTEM),
                Solutions.twoSegments(), Solutions.stopped(Solutions.twoSegments(), false),
                Solutions.stopped(Solutions.trained(Solutions.MARCHED_SECOND_ORDER), false),
                Solutions.stopped(Solutions.trained(Solutions.MARCHED_SYSTEM), false),
                Solutions.stopped(Solutions.trained(Solutions.BACKWARD), true));
    }

    /** Where the exported function must refuse x: just past each end of the covered part, and what it says. */
    private static double[] beyond(TrainedSolution solution) {
        double margin = 0.01 * solution.problem().domain().length();
        return new double[] {solution.coveredLower() - margin, solution.coveredUpper() + margin};
    }

    private static String refusal(TrainedSolution solution) {
        return solution.coversDomain() ? "outside the domain" : "outside the trained part";
    }

    @Test
    void aStoppedSolutionExportsOnlyWhatItCovers() {
        TrainedSolution stopped = Solutions.stopped(Solutions.trained(Solutions.MARCHED_SECOND_ORDER), false);
        assertTrue(stopped.coveredUpper() < stopped.problem().domain().upper(), "the fixture stops short");
        ExportModel model = ExportModel.of(stopped, 0);
        assertTrue(model.partial());
        assertEquals(stopped.coveredUpper(), model.upper());
        assertEquals(3.0, model.domainUpper());
        String java = new SourceExporter("t").java(model, "YSolution");
        assertTrue(java.contains("UPPER = " + stopped.coveredUpper() + ";"), java);
        String python = new SourceExporter("t").python(model);
        assertTrue(python.contains("UPPER = " + stopped.coveredUpper() + "\n"), python);
        assertTrue(python.contains("training stopped early"), python);
    }

    @ParameterizedTest
    @MethodSource("solutions")
    void theJavaExportComputesTheSameValues(TrainedSolution solution) throws Exception {
        for (int u = 0; u < solution.problem().unknowns().size(); u++) {
            String name = solution.problem().unknowns().get(u).name();
            String className = SourceExporter.defaultClassName(name);
            String code = new SourceExporter("neuroform test").java(ExportModel.of(solution, u), className);
            assertTrue(code.chars().allMatch(c -> c < 128), "the generated Java is ASCII");
            Path directory = Files.createTempDirectory(tmp, "java");
            Path source = directory.resolve(className + ".java");
            Files.writeString(source, code);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertNotNull(javac, "tests need a JDK");
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int status = javac.run(null, diagnostics, diagnostics, "-encoding", "US-ASCII", "-Xlint:all", "-Werror", "--release", "8", "-classpath", directory.toString(),
                    "-d", directory.toString(), source.toString());
            assertEquals(0, status, "javac:\n" + diagnostics.toString(StandardCharsets.UTF_8));
            try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, null)) {
                Method function = loader.loadClass(className).getMethod(SourceExporter.functionName(name, SourceExporter.Language.JAVA),
                        double.class);
                double[] xs = Solutions.points(solution, 257);
                double[] expected = solution.values(u, 0, xs);
                for (int i = 0; i < xs.length; i++) {
                    double actual = (double) function.invoke(null, xs[i]);
                    assertClose(expected[i], actual, name + "(" + xs[i] + ")");
                }
                for (double outside : beyond(solution)) {
                    InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class,
                            () -> function.invoke(null, outside), name + "(" + outside + ") is refused");
                    assertTrue(e.getCause() instanceof IllegalArgumentException && e.getCause().getMessage().contains(refusal(solution)),
                            e.getCause().getMessage());
                }
                org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class, () -> function.invoke(null, Double.NaN));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("solutions")
    void thePythonExportComputesTheSameValues(TrainedSolution solution) throws Exception {
        assumeTrue(python() != null, "python3 is not installed");
        for (int u = 0; u < solution.problem().unknowns().size(); u++) {
            String name = solution.problem().unknowns().get(u).name();
            String code = new SourceExporter("neuroform test").python(ExportModel.of(solution, u));
            Path script = tmp.resolve(name + "_" + u + ".py");
            Files.writeString(script, code);
            double[] xs = Solutions.points(solution, 129);
            List<String> command = new ArrayList<>(List.of(python(), script.toString()));
            for (double x : xs) {
                command.add(Double.toString(x));
            }
            String output = run(command);
            String[] lines = output.strip().split("\n");
            assertEquals(xs.length, lines.length, output);
            double[] expected = solution.values(u, 0, xs);
            for (int i = 0; i < xs.length; i++) {
                assertClose(expected[i], Double.parseDouble(lines[i].strip()), name + "(" + xs[i] + ") in Python");
            }
            // one process (each costs seconds here): past the end where training stopped, or below the domain
            double[] ends = beyond(solution);
            for (double x : new double[] {solution.coveredUpper() < solution.problem().domain().upper() ? ends[1] : ends[0]}) {
                Process outside = new ProcessBuilder(python(), script.toString(), Double.toString(x)).redirectErrorStream(true).start();
                String message = new String(outside.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(outside.waitFor(30, TimeUnit.SECONDS));
                assertFalse(outside.exitValue() == 0, "a point outside the covered part is an error");
                assertTrue(message.contains("ValueError") && message.contains(refusal(solution)), message);
            }
        }
    }

    @Test
    void namesThatAreReservedGetAnUnderscore() {
        assertEquals("class_", SourceExporter.functionName("class", SourceExporter.Language.JAVA));
        assertEquals("lambda_", SourceExporter.functionName("lambda", SourceExporter.Language.PYTHON));
        assertEquals("segment0_", SourceExporter.functionName("segment0", SourceExporter.Language.JAVA));
        assertEquals("y", SourceExporter.functionName("y", SourceExporter.Language.PYTHON));
        assertEquals("YSolution", SourceExporter.defaultClassName("y"));
        assertFalse(SourceExporter.isJavaIdentifier("my-decay"));
        assertEquals("a ? b \\ u0041", SourceExporter.comment("a \u00e9 b\n\\u0041"));
    }

    private static void assertClose(double expected, double actual, String what) {
        double error = Math.abs(expected - actual);
        if (!(error <= TOLERANCE * Math.max(1, Math.abs(expected)))) {
            fail(what + ": expected " + expected + ", exported code gives " + actual + " (difference " + error + ")");
        }
    }

    private static String python() {
        for (String candidate : new String[] {"python3", "python"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import sys; print(sys.version_info[0])").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.equals("3")) {
                    return candidate;
                }
            } catch (IOException | InterruptedException e) {
                // not this one
            }
        }
        return null;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
