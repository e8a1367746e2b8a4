package org.neuroform.repl.session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A REPL transcript: {@code > typed line} followed by the expected output, as a person would see
 * it. Lines starting with {@code ##} are comments. Expected lines may contain
 *
 * <ul>
 *   <li>{@code {*}}: any text within the line;
 *   <li>{@code {V +- T}}: a number within T of V (trained values are checked against the exact
 *       solution, never against digits copied from a run);
 *   <li>a line {@code ...} alone: any number of lines (lazily).
 * </ul>
 *
 * Inputs are fed like the plain shell does: consecutive typed lines are joined while the session
 * says the input is incomplete. {@code {tmp}} stands for a temporary directory, in inputs and output.
 */
final class Transcript {
    /** One complete input and the output lines expected after it. */
    record Step(List<String> typed, List<String> expected, int line) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\*\\}|\\{\\s*([-+0-9.eE]+)\\s*\\+-\\s*([0-9.eE+-]+)\\s*\\}");

    static List<Step> parse(String text) {
        List<Step> steps = new ArrayList<>();
        List<String> typed = null;
        List<String> expected = null;
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == lines.length - 1 && line.isEmpty()) {
                break;
            }
            if (line.startsWith("##")) {
                continue;
            }
            if (line.startsWith(">")) {
                String input = line.length() > 1 && line.charAt(1) == ' ' ? line.substring(2) : line.substring(1);
                if (typed != null && expected.isEmpty()) {
                    typed.add(input); // no output yet: the same input goes on (or the previous one printed nothing)
                    continue;
                }
                if (typed != null) {
                    steps.add(new Step(typed, expected, start));
                }
                typed = new ArrayList<>(List.of(input));
                expected = new ArrayList<>();
                start = i + 1;
            } else {
                if (typed == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": output before any input");
                }
                expected.add(line);
            }
        }
        if (typed != null) {
            steps.add(new Step(typed, expected, start));
        }
        return steps;
    }

    /** True when the actual lines match the expected lines (with placeholders and {@code ...}). */
    static boolean matches(List<String> expected, List<String> actual) {
        return matches(expected, 0, actual, 0);
    }

    private static boolean matches(List<String> expected, int e, List<String> actual, int a) {
        if (e == expected.size()) {
            return a == actual.size();
        }
        if (expected.get(e).equals("...")) {
            for (int skip = a; skip <= actual.size(); skip++) {
                if (matches(expected, e + 1, actual, skip)) {
                    return true;
                }
            }
            return false;
        }
        return a < actual.size() && lineMatches(expected.get(e), actual.get(a)) && matches(expected, e + 1, actual, a + 1);
    }

    static boolean lineMatches(String expected, String actual) {
        StringBuilder regex = new StringBuilder("^");
        List<double[]> numbers = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(expected);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(expected.substring(at, m.start())));
            if (m.group().equals("{*}")) {
                regex.append(".*?");
            } else {
                regex.append("([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)");
                numbers.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
            }
            at = m.end();
        }
        regex.append(Pattern.quote(expected.substring(at))).append("$");
        Matcher found = Pattern.compile(regex.toString()).matcher(actual);
        if (!found.matches()) {
            return false;
        }
        for (int i = 0; i < numbers.size(); i++) {
            double value = Double.parseDouble(found.group(i + 1));
            if (!(Math.abs(value - numbers.get(i)[0]) <= numbers.get(i)[1])) {
                return false;
            }
        }
        return true;
    }
}
