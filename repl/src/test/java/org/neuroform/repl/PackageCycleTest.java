package org.neuroform.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two {@code org.neuroform} packages import each other, directly or round a loop, in the main
 * sources of any module (grammar, compiler, runtime, repl, bench). A package that needs a piece of
 * another one that needs it back means the piece belongs a floor down, in a package both use.
 * Counts imports and fully-qualified uses in code, like {@code shared/tools/package_cycles.py}.
 */
class PackageCycleTest {
    /**
     * Cycles known and accepted: none. (The last two went with the trial-values engine moving to
     * {@code runtime.trial} and the front end to {@code compiler.frontend}.) An entry here must
     * still be a cycle: the test says so when one is gone.
     */
    private static final Set<String> KNOWN = Set.of();

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    /** A reference to a type of another package: lower-case segments, then a capitalised name. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.neuroform(?:\\.[a-z_][\\w]*)*)\\.[A-Z]\\w*");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);

    /** The repository root: this test runs in repl/. */
    private static final Path ROOT = Path.of("..");

    static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(PackageCycleTest::isMainSource).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String pkg = declared.group(1);
                Set<String> uses = edges.computeIfAbsent(pkg, p -> new TreeSet<>());
                String code = COMMENTS_AND_STRINGS.matcher(text).replaceAll(" ");
                Matcher reference = REFERENCE.matcher(code);
                while (reference.find()) {
                    String used = reference.group(1);
                    if (!used.equals(pkg)) {
                        uses.add(used);
                    }
                }
            }
        }
        return edges;
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.endsWith(".java") && path.contains("/src/main/java/") && !path.contains("/target/");
    }

    /** The strongly connected components of more than one package (Tarjan), each as "a <-> b <-> c", sorted. */
    static List<String> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<String> cycles = new ArrayList<>();
        for (String start : edges.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, edges, index, low, stack, onStack, cycles);
            }
        }
        cycles.sort(null);
        return cycles;
    }

    private static void connect(String v, Map<String, Set<String>> edges, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, Set<String> onStack, List<String> cycles) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, stack, onStack, cycles);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                cycles.add(String.join(" <-> ", component));
            }
        }
    }

    @Test
    void noPackageImportsItselfRoundALoop() throws IOException {
        Map<String, Set<String>> edges = dependencies(ROOT);
        assertTrue(edges.keySet().stream().anyMatch(p -> p.startsWith("org.neuroform.repl.")), "the scan found the repl sources");
        assertTrue(edges.keySet().stream().anyMatch(p -> p.startsWith("org.neuroform.runtime.")), "the scan found the runtime sources");
        List<String> found = cycles(edges);
        assertTrue(found.containsAll(KNOWN), "a known cycle is gone: remove it from KNOWN (found " + found + ")");
        List<String> unexpected = new ArrayList<>(found);
        unexpected.removeAll(KNOWN);
        assertEquals(List.of(), unexpected, "package cycles (move the shared piece down into a package both use)");
    }

    @Test
    void theScanFindsALoopOfThree() {
        Map<String, Set<String>> edges = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of());
        assertEquals(List.of("a <-> b <-> c"), cycles(edges));
    }
}
