package org.neuroform.repl.export;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.neuroform.runtime.nn.NetworkShape;

/**
 * Generates standalone Java or Python source for one unknown of a trained solution (see
 * {@link ExportModel} for the formula). The generated function checks its argument against the
 * part of the domain the solution covers (the whole domain, unless training stopped early), picks
 * the segment, and evaluates network and polynomials exactly as the runtime does.
 */
public final class SourceExporter {
    /** The target languages. */
    public enum Language {
        JAVA("java"),
        PYTHON("python");

        private final String keyword;

        Language(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        public String extension() {
            return this == JAVA ? ".java" : ".py";
        }
    }

    /** Java parameters are embedded as text, this many numbers per string constant (far below the 64 KiB limit). */
    static final int NUMBERS_PER_CHUNK = 400;

    private static final Set<String> JAVA_RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
            "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto",
            "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected",
            "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient",
            "try", "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits", "main");
    private static final Set<String> PYTHON_RESERVED = Set.of("False", "None", "True", "and", "as", "assert", "async", "await", "break",
            "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "math", "sys", "LOWER", "UPPER",
            "_horner", "_activate", "_network", "_SEGMENTS", "_solution", "_SOLUTIONS", "_weights", "_contract", "PARAMS",
            "PARAM_LOWER", "PARAM_UPPER", "NODES");

    private final String writer;

    /** @param writer who generated the code, for the header ("neuroform 0.1.0") */
    public SourceExporter(String writer) {
        this.writer = writer;
    }

    /** The name of the generated function: the unknown's name, unless that is reserved in the language. */
    public static String functionName(String unknown, Language language) {
        Set<String> reserved = language == Language.JAVA ? JAVA_RESERVED : PYTHON_RESERVED;
        boolean helper = language == Language.JAVA && unknown.matches("segment[0-9]+");
        return reserved.contains(unknown) || helper ? unknown + "_" : unknown;
    }

    /** The default Java class name for an unknown: {@code y} → {@code YSolution}. */
    public static String defaultClassName(String unknown) {
        return unknown.substring(0, 1).toUpperCase(Locale.ROOT) + unknown.substring(1) + "Solution";
    }

    public static boolean isJavaIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) || JAVA_RESERVED.contains(name)) {
            return false;
        }
        return name.chars().allMatch(Character::isJavaIdentifierPart);
    }

    // ------------------------------------------------------------------ Java

    public String java(ExportModel model, String className) {
        StringBuilder out = new StringBuilder();
        header(out, "// ", model, "Java 8 or later, no dependencies");
        javaClass(out, model, className, false);
        return out.toString();
    }

    /**
     * The class of one solution; {@code nested}: a static nested class without the helpers
     * ({@code network}, {@code horner}, {@code parse}) and {@code main}, which the enclosing class
     * has (a parametric solution's node).
     */
    void javaClass(StringBuilder out, ExportModel model, String className, boolean nested) {
        String f = functionName(model.unknown(), Language.JAVA);
        String x = "x";
        out.append(nested ? "static final class " : "public final class ").append(className).append(" {\n");
        out.append("    /** ").append(model.unknown()).append(" is known on [LOWER, UPPER] only: the networks were never constrained outside")
                .append(model.partial() ? " (training stopped early: the domain is [" + java(model.domainLower()) + ", "
                        + java(model.domainUpper()) + "])" : "").append(". */\n");
        out.append("    public static final double LOWER = ").append(java(model.lower())).append(";\n");
        out.append("    public static final double UPPER = ").append(java(model.upper())).append(";\n\n");
        List<ExportModel.Piece> pieces = model.pieces();
        for (int k = 0; k < pieces.size(); k++) {
            ExportModel.Piece piece = pieces.get(k);
            ExportModel.Network network = piece.network();
            out.append("    // Segment ").append(k).append(" on [").append(java(piece.lower())).append(", ").append(java(piece.upper()))
                    .append("]: the network's layer widths, activation and parameters (per layer W in x out row-major, then b)\n");
            out.append("    private static final int[] WIDTHS_").append(k).append(" = {").append(joinInts(network.widths())).append("};\n");
            out.append("    private static final double[] PARAMETERS_").append(k).append(" = parse(new String[] {\n");
            double[] parameters = network.parameters();
            for (int start = 0; start < parameters.length; start += NUMBERS_PER_CHUNK) {
                int end = Math.min(parameters.length, start + NUMBERS_PER_CHUNK);
                out.append("        \"");
                for (int i = start; i < end; i++) {
                    out.append(i == start ? "" : " ").append(java(parameters[i]));
                }
                out.append("\",\n");
            }
            out.append("    });\n");
            out.append("    private static final double[] ENVELOPE_").append(k).append(" = {").append(joinDoubles(piece.envelope())).append("};\n");
            for (int i = 0; i < piece.cardinals().size(); i++) {
                ExportModel.Cardinal cardinal = piece.cardinals().get(i);
                out.append("    private static final double[] PSI_").append(k).append('_').append(i).append(" = {")
                        .append(joinDoubles(cardinal.coefficients())).append("}; // condition ").append(comment(cardinal.label())).append('\n');
            }
            out.append('\n');
        }
        out.append("    private ").append(className).append("() {}\n\n");
        out.append("    /** ").append(model.unknown()).append('(').append(x).append(") for ").append(x)
                .append(" in [LOWER, UPPER]; outside, an IllegalArgumentException. */\n");
        out.append("    public static double ").append(f).append("(double ").append(x).append(") {\n");
        out.append("        double slack = 1e-12 * Math.max(1, Math.max(Math.abs(LOWER), Math.abs(UPPER)));\n");
        out.append("        if (!(").append(x).append(" >= LOWER - slack && ").append(x).append(" <= UPPER + slack)) {\n");
        out.append("            throw new IllegalArgumentException(\"").append(x).append(" = \" + ").append(x)
                .append(" + \" is ").append(outside(model)).append(" [\" + LOWER + \", \" + UPPER + \"]")
                .append(model.partial() ? " of the domain [" + java(model.domainLower()) + ", " + java(model.domainUpper()) + "]" : "")
                .append("\");\n");
        out.append("        }\n");
        out.append("        ").append(x).append(" = Math.max(LOWER, Math.min(UPPER, ").append(x).append("));\n");
        for (int k = 0; k < pieces.size(); k++) {
            if (k < pieces.size() - 1) {
                out.append("        if (").append(x).append(" <= ").append(java(pieces.get(k).upper())).append(") {\n");
                out.append("            return segment").append(k).append('(').append(x).append(");\n");
                out.append("        }\n");
            } else {
                out.append("        return segment").append(k).append('(').append(x).append(");\n");
            }
        }
        out.append("    }\n\n");
        for (int k = 0; k < pieces.size(); k++) {
            ExportModel.Piece piece = pieces.get(k);
            ExportModel.Network network = piece.network();
            out.append("    /** u(x) = (sigma D(s)) N(x) + sum_i psi_i(s) K_i with s = (x - origin) / scale. */\n");
            out.append("    private static double segment").append(k).append("(double x) {\n");
            out.append("        double s = (x - ").append(java(piece.origin())).append(") / ").append(java(piece.scale())).append(";\n");
            out.append("        double n = network(PARAMETERS_").append(k).append(", WIDTHS_").append(k).append(", ")
                    .append(activationCode(network.activation())).append(", ").append(java(network.inputScale())).append(", ")
                    .append(java(network.inputShift())).append(", ").append(network.output()).append(", x);\n");
            out.append("        double u = 0.0 + ").append(java(piece.sigma())).append(" * horner(ENVELOPE_").append(k).append(", s) * n;\n");
            for (int i = 0; i < piece.cardinals().size(); i++) {
                out.append("        double psi").append(i).append(" = horner(PSI_").append(k).append('_').append(i).append(", s);\n");
                out.append("        if (psi").append(i).append(" != 0) {\n");
                out.append("            u += psi").append(i).append(" * ").append(java(piece.cardinals().get(i).constant())).append(";\n");
                out.append("        }\n");
            }
            out.append("        return u;\n");
            out.append("    }\n\n");
        }
        if (nested) {
            out.setLength(out.length() - 1);
            out.append("}\n");
            return;
        }
        javaHelpers(out);
        out.append(String.join("\n",
                "    /** Prints " + model.unknown() + "(x) for each argument x, one per line. */",
                "    public static void main(String[] args) {",
                "        for (String arg : args) {",
                "            System.out.println(" + f + "(Double.parseDouble(arg)));",
                "        }",
                "    }",
                "}",
                ""));
    }

    /** The network, Horner's rule and the parameter parser, shared by every segment (and node). */
    static void javaHelpers(StringBuilder out) {
        out.append(String.join("\n",
                "    /** A multilayer perceptron: input mapped by inputScale and inputShift, hidden layers with the activation, linear output. */",
                "    private static double network(double[] p, int[] widths, int activation, double inputScale, double inputShift, int output, double x) {",
                "        double[] h = {inputScale * x + inputShift};",
                "        int offset = 0;",
                "        int layers = widths.length - 1;",
                "        for (int l = 0; l < layers; l++) {",
                "            int in = widths[l];",
                "            int out = widths[l + 1];",
                "            int bias = offset + in * out;",
                "            boolean last = l == layers - 1;",
                "            int first = last ? output : 0;",
                "            int end = last ? output + 1 : out;",
                "            double[] z = new double[out];",
                "            for (int c = first; c < end; c++) {",
                "                z[c] = p[bias + c];",
                "            }",
                "            for (int a = 0; a < in; a++) {",
                "                double v = h[a];",
                "                if (v == 0) {",
                "                    continue;",
                "                }",
                "                for (int c = first; c < end; c++) {",
                "                    z[c] += v * p[offset + a * out + c];",
                "                }",
                "            }",
                "            if (last) {",
                "                return z[output];",
                "            }",
                "            for (int c = 0; c < out; c++) {",
                "                z[c] = activation == 0 ? tanh(z[c]) : activation == 1 ? 1 / (1 + Math.exp(-z[c])) : Math.sin(z[c]);",
                "            }",
                "            h = z;",
                "            offset = bias + out;",
                "        }",
                "        throw new IllegalStateException(\"no layers\");",
                "    }",
                "",
                "    /** tanh as neuroform computes it: Math.tanh below |z| = 0.55, 1 - 2/(e^(2|z|) + 1) above. */",
                "    private static double tanh(double z) {",
                "        double magnitude = Math.abs(z);",
                "        if (!(magnitude >= 0.55)) {",
                "            return Math.tanh(z);",
                "        }",
                "        if (magnitude > 20) {",
                "            return Math.copySign(1, z);",
                "        }",
                "        return Math.copySign(1 - 2 / (Math.exp(2 * magnitude) + 1), z);",
                "    }",
                "",
                "    /** c0 + c1 s + c2 s^2 + ..., by Horner's rule. */",
                "    private static double horner(double[] c, double s) {",
                "        double result = 0;",
                "        for (int i = c.length - 1; i >= 0; i--) {",
                "            result = result * s + c[i];",
                "        }",
                "        return result;",
                "    }",
                "",
                "    private static double[] parse(String[] chunks) {",
                "        StringBuilder all = new StringBuilder();",
                "        for (String chunk : chunks) {",
                "            all.append(chunk).append(' ');",
                "        }",
                "        String[] words = all.toString().trim().split(\" +\");",
                "        double[] values = new double[words.length];",
                "        for (int i = 0; i < words.length; i++) {",
                "            values[i] = Double.parseDouble(words[i]);",
                "        }",
                "        return values;",
                "    }",
                "",
                ""));
    }

    private static int activationCode(NetworkShape.Activation activation) {
        switch (activation) {
            case SIGMOID:
                return 1;
            case SIN:
                return 2;
            default:
                return 0;
        }
    }

    // ------------------------------------------------------------------ Python

    public String python(ExportModel model) {
        String f = functionName(model.unknown(), Language.PYTHON);
        StringBuilder out = new StringBuilder();
        header(out, "# ", model, "Python 3, standard library only");
        out.append("import math\n\n");
        if (model.partial()) {
            out.append("# ").append(model.unknown()).append(" is known on [LOWER, UPPER] only: training stopped early (the domain is [")
                    .append(java(model.domainLower())).append(", ").append(java(model.domainUpper())).append("]).\n");
        }
        out.append("LOWER = ").append(java(model.lower())).append('\n');
        out.append("UPPER = ").append(java(model.upper())).append("\n\n");
        out.append("# Per segment: upper end, coordinate map (origin, scale), output scale sigma, the envelope D(s),\n");
        out.append("# the cardinal polynomials psi_i(s) with their constants K_i, and the network:\n");
        out.append("# layer widths, activation, input map, output index, parameters (per layer W in x out row-major, then b).\n");
        out.append("_SEGMENTS = ");
        pythonSegments(out, model);
        out.append("\n");
        pythonHelpers(out);
        out.append(String.join("\n",
                "def " + f + "(x):",
                "    \"\"\"" + model.unknown() + "(x) for x in [LOWER, UPPER]; outside, a ValueError.\"\"\"",
                "    x = float(x)",
                "    slack = 1e-12 * max(1.0, max(abs(LOWER), abs(UPPER)))",
                "    if not (x >= LOWER - slack and x <= UPPER + slack):",
                "        raise ValueError(\"x = %r is " + outside(model) + " [%r, %r]" + (model.partial() ? " of the domain [" + java(model.domainLower())
                        + ", " + java(model.domainUpper()) + "]" : "") + "\" % (x, LOWER, UPPER))",
                "    return _solution(_SEGMENTS, x)",
                "",
                "",
                "if __name__ == \"__main__\":",
                "    import sys",
                "",
                "    for argument in sys.argv[1:]:",
                "        print(repr(" + f + "(float(argument))))",
                ""));
        return out.toString();
    }

    /** The segments of one solution as a Python list literal. */
    static void pythonSegments(StringBuilder out, ExportModel model) {
        out.append("[\n");
        for (ExportModel.Piece piece : model.pieces()) {
            ExportModel.Network network = piece.network();
            out.append("    {\n");
            out.append("        \"lower\": ").append(java(piece.lower())).append(",\n");
            out.append("        \"upper\": ").append(java(piece.upper())).append(",\n");
            out.append("        \"origin\": ").append(java(piece.origin())).append(",\n");
            out.append("        \"scale\": ").append(java(piece.scale())).append(",\n");
            out.append("        \"sigma\": ").append(java(piece.sigma())).append(",\n");
            out.append("        \"envelope\": [").append(joinDoubles(piece.envelope())).append("],\n");
            out.append("        \"cardinals\": [\n");
            for (ExportModel.Cardinal cardinal : piece.cardinals()) {
                out.append("            ([").append(joinDoubles(cardinal.coefficients())).append("], ").append(java(cardinal.constant()))
                        .append("),  # ").append(comment(cardinal.label())).append('\n');
            }
            out.append("        ],\n");
            out.append("        \"widths\": [").append(joinInts(network.widths())).append("],\n");
            out.append("        \"activation\": \"").append(network.activation().name().toLowerCase(Locale.ROOT)).append("\",\n");
            out.append("        \"input_scale\": ").append(java(network.inputScale())).append(",\n");
            out.append("        \"input_shift\": ").append(java(network.inputShift())).append(",\n");
            out.append("        \"output\": ").append(network.output()).append(",\n");
            out.append("        \"parameters\": [");
            double[] parameters = network.parameters();
            for (int i = 0; i < parameters.length; i++) {
                out.append(i % 6 == 0 ? "\n            " : " ").append(java(parameters[i])).append(',');
            }
            out.append("\n        ],\n");
            out.append("    },\n");
        }
        out.append("]\n");
    }

    /** The network, Horner's rule, and one solution's value at x (clamped into its segments) from its segment list. */
    static void pythonHelpers(StringBuilder out) {
        out.append(String.join("\n",
                "",
                "",
                "def _horner(c, s):",
                "    result = 0.0",
                "    for coefficient in reversed(c):",
                "        result = result * s + coefficient",
                "    return result",
                "",
                "",
                "def _activate(name, z):",
                "    if name == \"tanh\":",
                "        return math.tanh(z)",
                "    if name == \"sigmoid\":",
                "        return 1 / (1 + math.exp(-z))",
                "    return math.sin(z)",
                "",
                "",
                "def _network(segment, x):",
                "    p = segment[\"parameters\"]",
                "    widths = segment[\"widths\"]",
                "    output = segment[\"output\"]",
                "    h = [segment[\"input_scale\"] * x + segment[\"input_shift\"]]",
                "    offset = 0",
                "    layers = len(widths) - 1",
                "    for layer in range(layers):",
                "        n_in = widths[layer]",
                "        n_out = widths[layer + 1]",
                "        bias = offset + n_in * n_out",
                "        last = layer == layers - 1",
                "        columns = [output] if last else range(n_out)",
                "        z = [0.0] * n_out",
                "        for c in columns:",
                "            z[c] = p[bias + c]",
                "        for a in range(n_in):",
                "            v = h[a]",
                "            if v == 0:",
                "                continue",
                "            for c in columns:",
                "                z[c] += v * p[offset + a * n_out + c]",
                "        if last:",
                "            return z[output]",
                "        h = [_activate(segment[\"activation\"], value) for value in z]",
                "        offset = bias + n_out",
                "    raise ValueError(\"no layers\")",
                "",
                "",
                "def _solution(segments, x):",
                "    x = max(segments[0][\"lower\"], min(segments[-1][\"upper\"], x))",
                "    segment = segments[-1]",
                "    for candidate in segments:",
                "        if x <= candidate[\"upper\"]:",
                "            segment = candidate",
                "            break",
                "    s = (x - segment[\"origin\"]) / segment[\"scale\"]",
                "    n = _network(segment, x)",
                "    u = 0.0 + segment[\"sigma\"] * _horner(segment[\"envelope\"], s) * n",
                "    for coefficients, constant in segment[\"cardinals\"]:",
                "        psi = _horner(coefficients, s)",
                "        if psi != 0:",
                "            u += psi * constant",
                "    return u",
                "",
                "",
                ""));
    }

    // ------------------------------------------------------------------ shared

    /** What lies beyond [LOWER, UPPER]: the domain's outside, or the part training did not reach. */
    private static String outside(ExportModel model) {
        return model.partial() ? "outside the trained part" : "outside the domain";
    }

    private void header(StringBuilder out, String comment, ExportModel model, String requirements) {
        out.append(comment).append(model.unknown()).append('(').append(model.variable()).append(") of a trained neuroform solution on [")
                .append(java(model.lower())).append(", ").append(java(model.upper())).append("], ").append(model.pieces().size())
                .append(model.pieces().size() == 1 ? " segment" : " segments").append(".\n");
        if (model.partial()) {
            out.append(comment).append("Training stopped early: it covers [").append(java(model.lower())).append(", ").append(java(model.upper()))
                    .append("] of the domain [").append(java(model.domainLower())).append(", ").append(java(model.domainUpper()))
                    .append("], and refuses x outside that part.\n");
        }
        out.append(comment).append("Generated by ").append(writer).append(". Standalone: ").append(requirements).append(".\n");
        out.append(comment).append("The problem:\n");
        for (String line : model.source().strip().split("\n")) {
            out.append(comment).append("    ").append(comment(line)).append('\n');
        }
        out.append('\n');
    }

    /**
     * Text safe inside a one-line comment of either language: printable ASCII only (javac reads
     * sources in the platform encoding), no line breaks, and no backslash-u (Java translates
     * unicode escapes even in comments).
     */
    static String comment(String text) {
        return text.replaceAll("[\\r\\n]+", " ").replace("\\u", "\\ u").replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Java's shortest round-trip form, also valid in Python. */
    static String java(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not finite: " + v);
        }
        return Double.toString(v);
    }

    static String joinDoubles(double[] values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(java(values[i]));
        }
        return out.toString();
    }

    private static String joinInts(int[] values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return out.toString();
    }
}
