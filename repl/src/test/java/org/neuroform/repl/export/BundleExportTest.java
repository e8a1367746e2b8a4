package org.neuroform.repl.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroform.compiler.RangedParam;
import org.neuroform.repl.Solutions;
import org.neuroform.runtime.bundle.ParametricSolution;

/**
 * A parametric solution exported as a function of x and the ranged params, compiled and run for
 * real (javac in-process, python3 as a process): Java gives the runtime's values to the last bit,
 * Python to 1e-12; values at the nodes and between them, and params outside their ranges refused.
 */
class BundleExportTest {
    private static final double TOLERANCE = 1e-12;

    @TempDir
    Path tmp;

    private static ParametricSolution bundle(String which) {
        return Solutions.bundle(which.equals("decay") ? Solutions.DECAY_BUNDLE : Solutions.OSCILLATOR_BUNDLE);
    }

    /** Points (x, p…): a grid of x across the covered part, params between the nodes, at a node and at both ends. */
    private static List<double[]> points(ParametricSolution bundle) {
        List<double[]> points = new ArrayList<>();
        int d = bundle.ranges().count();
        double[] fractions = {0, 0.137, 0.5, 0.861, 1};
        for (int i = 0; i < 23; i++) {
            double x = bundle.coveredLower() + (bundle.coveredUpper() - bundle.coveredLower()) * i / 22.0;
            double[] point = new double[1 + d];
            point[0] = x;
            for (int m = 0; m < d; m++) {
                RangedParam param = bundle.ranges().params().get(m);
                double fraction = fractions[(i + 2 * m) % fractions.length];
                point[1 + m] = fraction == 0.5 ? param.middle() : param.lower() + (param.upper() - param.lower()) * fraction;
            }
            points.add(point);
        }
        return points;
    }

    private static double expected(ParametricSolution bundle, double[] point) {
        return bundle.value(0, 0, point[0], Arrays.copyOfRange(point, 1, point.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"decay", "oscillator"})
    void theJavaExportComputesTheRuntimesValues(String which) throws Exception {
        ParametricSolution bundle = bundle(which);
        String code = new BundleExporter("neuroform test").java(bundle, 0, "YSolution");
        assertTrue(code.chars().allMatch(c -> c < 128), "the generated Java is ASCII");
        Path directory = Files.createTempDirectory(tmp, "java");
        Path source = directory.resolve("YSolution.java");
        Files.writeString(source, code);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-encoding", "US-ASCII", "-Xlint:all", "-Werror", "--release", "8",
                "-classpath", directory.toString(), "-d", directory.toString(), source.toString());
        assertEquals(0, status, "javac:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        int d = bundle.ranges().count();
        Class<?>[] types = new Class<?>[1 + d];
        Arrays.fill(types, double.class);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, null)) {
            Method function = loader.loadClass("YSolution").getMethod("y", types);
            for (double[] point : points(bundle)) {
                Object[] arguments = Arrays.stream(point).boxed().toArray();
                assertEquals(expected(bundle, point), (double) function.invoke(null, arguments), 0.0, Arrays.toString(point));
            }
            double[] outside = points(bundle).get(3).clone();
            outside[d] = bundle.ranges().params().get(d - 1).upper() + 0.01;
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> function.invoke(null, Arrays.stream(outside).boxed().toArray()));
            assertTrue(e.getCause().getMessage().contains("is outside its range"), e.getCause().getMessage());
            double[] beyond = points(bundle).get(3).clone();
            beyond[0] = bundle.coveredUpper() + 0.5;
            e = assertThrows(InvocationTargetException.class, () -> function.invoke(null, Arrays.stream(beyond).boxed().toArray()));
            assertTrue(e.getCause().getMessage().contains("is outside the domain"), e.getCause().getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"decay", "oscillator"})
    void thePythonExportComputesTheSameValues(String which) throws Exception {
        String python = python();
        assumeTrue(python != null, "python3 is not installed");
        ParametricSolution bundle = bundle(which);
        Path script = tmp.resolve("y_" + which + ".py");
        Files.writeString(script, new BundleExporter("neuroform test").python(bundle, 0));
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        List<double[]> points = points(bundle);
        for (double[] point : points) {
            for (double v : point) {
                command.add(Double.toString(v));
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, process.exitValue(), output);
        String[] lines = output.strip().split("\n");
        assertEquals(points.size(), lines.length, output);
        for (int i = 0; i < lines.length; i++) {
            double expected = expected(bundle, points.get(i));
            double actual = Double.parseDouble(lines[i].strip());
            assertTrue(Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected)),
                    Arrays.toString(points.get(i)) + ": expected " + expected + ", Python gives " + actual);
        }
        List<String> outside = new ArrayList<>(List.of(python, script.toString(), "0.5"));
        for (RangedParam param : bundle.ranges().params()) {
            outside.add(Double.toString(param.lower() - 0.01));
        }
        Process refused = new ProcessBuilder(outside).redirectErrorStream(true).start();
        String message = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
        assertFalse(refused.exitValue() == 0, "a param outside its range is an error");
        assertTrue(message.contains("ValueError") && message.contains("is outside its range"), message);
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
}
