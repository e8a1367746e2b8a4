package org.neuroform.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neuroform.diagnostic.SourceFile;

/**
 * Mutation fuzzing of the front end (parse, check, compile, render, print). Seeds are the
 * examples and the golden inputs; each input gets one to four random mutations drawn from a
 * fixed seed, so every run tries the same inputs and a failure reproduces. The only allowed
 * outcomes are a compiled problem or diagnostics: no other exception, no stack overflow, no
 * input taking longer than {@link #PER_INPUT_SECONDS} (a hang). A failing input is written to
 * target/fuzz-failures/.
 *
 * <p>{@code -Dfuzz.iterations=N} and {@code -Dfuzz.seed=S} run longer or other campaigns.
 */
class FuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_129L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 5000);
    private static final long PER_INPUT_SECONDS = 20;

    /** Fragments worth inserting: the language's tokens, its keywords, look-alikes and limits. */
    private static final String[] FRAGMENTS = {
        "(", ")", "[", "]", "'", "''", "^", "*", "/", "+", "-", "=", "==", ",", "\n", "\r\n", "\r", " ", "\t", "#",
        "x", "y", "y'", "y''", "y'''''''''''", "z", "u(0)", "v'(1)", "sin(", "exp(", "log(0)", "sqrt(-1)", "asin(2)",
        "1e999", "1e-999", "0", "0.5", ".5", "1.", "2e", "pi", "e", "/0", "/(1-1)", "^-2", "domain", "param", "train",
        "in", "domain x in [0, 1]\n", "domain t in [1, 0]\n", "param k = 1\n", "param k = k\n", "y(0) = 1\n",
        "y'(0) = 0\n", "y(2) = 1\n", "y(x) = 1\n", "train epochs = 5\n", "train hidden = [\n", "train lr = 0\n",
        "train bogus = 1\n", "train optimizer = adam+lbfgs\n", "y(0.5)\n", "y(1.5)\n", "u(1) - v(1)\n",
        "\uFEFF", "\u2032", "\u00b2", "\u2212", "\u03c0", "\u0000", "\u0007", "\uD800", "\uDFFF", "\u00e9", ";", "{", "\"",
    };

    @Test
    void mutatedInputsGiveAResultOrDiagnostics() throws Exception {
        List<String> seeds = seeds();
        assertFalse(seeds.isEmpty());
        Random random = new Random(SEED);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fuzz");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < ITERATIONS; i++) {
                String input = seeds.get(random.nextInt(seeds.size()));
                int mutations = 1 + random.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    input = mutate(input, random);
                }
                run(executor, i, input);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static void run(ExecutorService executor, int iteration, String input) throws Exception {
        Future<String> outcome = executor.submit(() -> FrontEndOutcome.compileAndRender(new SourceFile("fuzz.ode", input)));
        try {
            outcome.get(PER_INPUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            fail("input " + iteration + " took more than " + PER_INPUT_SECONDS + " s; saved as " + save(iteration, input));
        } catch (ExecutionException e) {
            throw new AssertionError("input " + iteration + " (seed " + SEED + ") failed; saved as " + save(iteration, input),
                    e.getCause());
        }
    }

    private static Path save(int iteration, String input) throws IOException {
        Path directory = Path.of("target", "fuzz-failures");
        Files.createDirectories(directory);
        Path file = directory.resolve("seed" + SEED + "-input" + iteration + ".ode");
        Files.writeString(file, input, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> seeds() throws IOException {
        List<Path> files = new ArrayList<>(ExamplesTest.examples());
        for (String folder : new String[] {"parse", "errors", "show"}) {
            try (Stream<Path> list = Files.list(Path.of("src", "test", "resources", "golden", folder))) {
                files.addAll(list.filter(p -> p.toString().endsWith(".ode")).sorted().collect(Collectors.toList()));
            }
        }
        List<String> seeds = new ArrayList<>();
        for (Path file : files) {
            seeds.add(Files.readString(file, StandardCharsets.UTF_8));
        }
        return seeds;
    }

    static String mutate(String input, Random random) {
        int length = input.length();
        int at = length == 0 ? 0 : random.nextInt(length + 1);
        switch (random.nextInt(9)) {
            case 0: { // delete a range
                int end = Math.min(length, at + 1 + random.nextInt(12));
                return input.substring(0, at) + input.substring(end);
            }
            case 1: // insert a fragment
            case 2:
                return input.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + input.substring(at);
            case 3: { // duplicate a range
                int end = Math.min(length, at + 1 + random.nextInt(40));
                return input.substring(0, end) + input.substring(at, end) + input.substring(end);
            }
            case 4: { // replace a character by any character
                if (length == 0) {
                    return String.valueOf((char) random.nextInt(Character.MAX_VALUE + 1));
                }
                int where = Math.min(at, length - 1);
                return input.substring(0, where) + (char) random.nextInt(Character.MAX_VALUE + 1) + input.substring(where + 1);
            }
            case 5: { // replace a character by a printable ASCII one
                if (length == 0) {
                    return input;
                }
                int where = Math.min(at, length - 1);
                return input.substring(0, where) + (char) (32 + random.nextInt(95)) + input.substring(where + 1);
            }
            case 6: { // swap two lines
                List<String> lines = new ArrayList<>(List.of(input.split("\n", -1)));
                if (lines.size() < 2) {
                    return input;
                }
                int a = random.nextInt(lines.size());
                int b = random.nextInt(lines.size());
                String line = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, line);
                return String.join("\n", lines);
            }
            case 7: { // repeat a fragment many times: depth and length limits
                String[] heavy = {"(", "[", "-", "sin(", "y+", "y^", "'", "y*x+", "((y)+", ")"};
                String fragment = heavy[random.nextInt(heavy.length)];
                int times = 50 + random.nextInt(random.nextBoolean() ? 400 : 12_000);
                return input.substring(0, at) + fragment.repeat(times) + input.substring(at);
            }
            default: { // splice in a line from a statement-shaped template
                String[] lines = {"y'' + y = 0", "u' = v", "v' = -u", "y(0) + 2*y'(1) = 3", "param a = 1, b = a + 1",
                    "y'(0.25)", "x*y' + y = 0", "train hidden = [8, 8], activation = sin", "y(0) = y(1)"};
                return input.substring(0, at) + "\n" + lines[random.nextInt(lines.length)] + "\n" + input.substring(at);
            }
        }
    }
}
