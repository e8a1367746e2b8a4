package org.neuroform.repl.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.neuroform.compiler.RangedParam;
import org.neuroform.runtime.bundle.ParametricSolution;

/**
 * Standalone Java or Python source for one unknown of a parametric solution: a function of x and
 * the ranged params, {@code y(x, k)}. It holds every node solution (each generated as
 * {@link SourceExporter} generates one solution) and the barycentric interpolation between them
 * (Berrut & Trefethen 2004; {@code ChebyshevNodes}, {@code ParametricSolution}):
 *
 * <pre>
 *   y(x; p) = Σ_{i_1 … i_d} ℓ_{i_1}(p_1) ⋯ ℓ_{i_d}(p_d) y_{i_1 … i_d}(x),
 *   ℓ_j(t) = (w_j / (t − t_j)) / Σ_i w_i / (t − t_i),   w_j = (−1)^j (½ at both ends),
 * </pre>
 *
 * with {@code ℓ_j(t_j) = 1} exactly at a node (within 1e−14 of the range), contracted over the last
 * param first. A bundle with slopes (one ranged param) also holds each node's ∂y/∂k as a solution
 * and interpolates Hermite's way, {@code Σ_j A_j(k) y_j(x) + B_j(k) ∂y_j/∂k(x)} with
 * {@code A_j = (1 − 2 ℓ_j'(t_j)(k − t_j)) ℓ_j²} and {@code B_j = (k − t_j) ℓ_j²}
 * ({@code ChebyshevNodes.hermiteWeights}): the runtime's operations in its order — the runtime's operations in its order, so that in Java the values are the
 * runtime's to the last bit. Params outside their ranges are refused: the solution is not known
 * there.
 */
public final class BundleExporter {
    private static final Set<String> LOCALS = Set.of("x", "at", "f", "i", "m", "slack", "args", "arg", "argument", "values");

    private final SourceExporter single;
    private final String writer;

    public BundleExporter(String writer) {
        this.writer = writer;
        this.single = new SourceExporter(writer);
    }

    /** A ranged param's name as an argument of the generated function (reserved words and locals get an underscore). */
    public static String argumentName(String param, SourceExporter.Language language) {
        String name = SourceExporter.functionName(param, language);
        return LOCALS.contains(name) || name.startsWith("nf_") ? name + "_" : name;
    }

    /** The node solutions, then (Hermite) their slopes: what the interpolation weights apply to, in order. */
    private static List<ExportModel> nodes(ParametricSolution bundle, int unknown) {
        List<ExportModel> models = new ArrayList<>();
        for (int i = 0; i < bundle.nodes().size(); i++) {
            models.add(ExportModel.of(bundle.nodes().get(i), unknown));
        }
        for (int i = 0; i < bundle.slopes().size(); i++) {
            models.add(ExportModel.of(bundle.slopes().get(i), unknown));
        }
        return models;
    }

    /** The Hermite cardinals' slope terms ℓ_j'(t_j) of the one ranged param's nodes (the runtime's numbers). */
    private static String ownSlopes(ParametricSolution bundle) {
        RangedParam param = bundle.ranges().params().get(0);
        return SourceExporter.joinDoubles(new org.neuroform.runtime.bundle.ChebyshevNodes(param.lower(), param.upper(),
                bundle.nodesPerParam()).ownSlopes());
    }

    private static List<String> arguments(ParametricSolution bundle, SourceExporter.Language language) {
        return bundle.ranges().names().stream().map(n -> argumentName(n, language)).toList();
    }

    private void header(StringBuilder out, String comment, ParametricSolution bundle, int unknown, String requirements) {
        String name = bundle.problem().unknowns().get(unknown).name();
        List<String> ranges = new ArrayList<>();
        for (RangedParam param : bundle.ranges().params()) {
            ranges.add(param.name() + " in [" + SourceExporter.java(param.lower()) + ", " + SourceExporter.java(param.upper()) + "]");
        }
        out.append(comment).append(name).append('(').append(bundle.problem().domain().variable()).append("; ")
                .append(String.join(", ", bundle.ranges().names())).append(") of a trained neuroform parametric solution: ")
                .append(bundle.coveredLower() == bundle.problem().domain().lower() && bundle.coveredUpper() == bundle.problem().domain().upper()
                        ? "" : "training stopped early, ")
                .append(bundle.problem().domain().variable()).append(" in [").append(SourceExporter.java(bundle.coveredLower())).append(", ")
                .append(SourceExporter.java(bundle.coveredUpper())).append("], ").append(String.join(", ", ranges)).append(".\n");
        out.append(comment).append(bundle.nodes().size()).append(" solutions at the Chebyshev-Lobatto nodes of the range")
                .append(bundle.ranges().count() > 1 ? "s (" + bundle.nodesPerParam() + " per param)" : "")
                .append(bundle.isHermite() ? ", each with its slope d/d" + bundle.ranges().names().get(0)
                        + ", interpolated between them (Hermite's formula on barycentric cardinals).\n"
                        : ", interpolated between them (barycentric formula).\n");
        out.append(comment).append("Generated by ").append(writer).append(". Standalone: ").append(requirements).append(".\n");
        out.append(comment).append("The problem:\n");
        for (String line : bundle.problem().source().text().strip().split("\n")) {
            out.append(comment).append("    ").append(SourceExporter.comment(line)).append('\n');
        }
        out.append('\n');
    }

    private static String nodeRows(ParametricSolution bundle, String open, String close) {
        List<String> rows = new ArrayList<>();
        int n = bundle.nodesPerParam();
        for (int m = 0; m < bundle.ranges().count(); m++) {
            double[] nodes = new double[n];
            for (int j = 0; j < n; j++) {
                // node j of param m: the grid point whose index has j in place m and 0 elsewhere
                int index = j * (int) Math.pow(n, bundle.ranges().count() - 1 - m);
                nodes[j] = bundle.nodePoint(index)[m];
            }
            rows.add(open + SourceExporter.joinDoubles(nodes) + close);
        }
        return String.join(", ", rows);
    }

    private static String ends(ParametricSolution bundle, boolean upper) {
        double[] values = bundle.ranges().params().stream().mapToDouble(p -> upper ? p.upper() : p.lower()).toArray();
        return SourceExporter.joinDoubles(values);
    }

    // ------------------------------------------------------------------ Java

    public String java(ParametricSolution bundle, int unknown, String className) {
        String name = bundle.problem().unknowns().get(unknown).name();
        String f = SourceExporter.functionName(name, SourceExporter.Language.JAVA);
        List<String> arguments = arguments(bundle, SourceExporter.Language.JAVA);
        String prefix = className.startsWith("Node") ? "Node_" : "Node";
        StringBuilder out = new StringBuilder();
        header(out, "// ", bundle, unknown, "Java 8 or later, no dependencies");
        out.append("public final class ").append(className).append(" {\n");
        out.append("    /** The part of the domain every node solution covers. */\n");
        out.append("    public static final double LOWER = ").append(SourceExporter.java(bundle.coveredLower())).append(";\n");
        out.append("    public static final double UPPER = ").append(SourceExporter.java(bundle.coveredUpper())).append(";\n");
        out.append("    /** The ranged params, their ranges, and the Chebyshev-Lobatto nodes of each range. */\n");
        out.append("    private static final String[] PARAMS = {").append(String.join(", ", bundle.ranges().names().stream()
                .map(n -> "\"" + n + "\"").toList())).append("};\n");
        out.append("    private static final double[] PARAM_LOWER = {").append(ends(bundle, false)).append("};\n");
        out.append("    private static final double[] PARAM_UPPER = {").append(ends(bundle, true)).append("};\n");
        out.append("    private static final double[][] NODES = {").append(nodeRows(bundle, "{", "}")).append("};\n");
        if (bundle.isHermite()) {
            out.append("    /** Hermite interpolation: the node solutions' slopes come after them; l_j'(t_j) of each node. */\n");
            out.append("    private static final double[] OWN_SLOPES = {").append(ownSlopes(bundle)).append("};\n");
        }
        out.append('\n');
        out.append("    private ").append(className).append("() {}\n\n");
        String signature = arguments.stream().map(a -> "double " + a).reduce("double x", (a, b) -> a + ", " + b);
        out.append("    /** ").append(name).append("(x; ").append(String.join(", ", bundle.ranges().names()))
                .append(") for x in [LOWER, UPPER] and each param in its range; outside, an IllegalArgumentException. */\n");
        out.append("    public static double ").append(f).append('(').append(signature).append(") {\n");
        out.append("        double slack = 1e-12 * Math.max(1, Math.max(Math.abs(LOWER), Math.abs(UPPER)));\n");
        out.append("        if (!(x >= LOWER - slack && x <= UPPER + slack)) {\n");
        out.append("            throw new IllegalArgumentException(\"x = \" + x + \" is outside the domain [\" + LOWER + \", \" + UPPER + \"]\");\n");
        out.append("        }\n");
        out.append("        double[] at = {").append(String.join(", ", arguments)).append("};\n");
        out.append("        for (int m = 0; m < at.length; m++) {\n");
        out.append("            if (!(at[m] >= PARAM_LOWER[m] && at[m] <= PARAM_UPPER[m])) {\n");
        out.append("                throw new IllegalArgumentException(PARAMS[m] + \" = \" + at[m] + \" is outside its range [\" + PARAM_LOWER[m] + \", \"\n");
        out.append("                        + PARAM_UPPER[m] + \"]\");\n");
        out.append("            }\n");
        out.append("        }\n");
        out.append("        double[] f = new double[").append(bundle.nodes().size() + bundle.slopes().size()).append("];\n");
        out.append("        for (int i = 0; i < f.length; i++) {\n");
        out.append("            f[i] = node(i, x);\n");
        out.append("        }\n");
        out.append("        return contract(f, at);\n");
        out.append("    }\n\n");
        out.append("    /** Node solution i at x (the last param varying fastest)").append(bundle.isHermite()
                ? "; i - " + bundle.nodes().size() + ": the slope of node i - " + bundle.nodes().size() : "").append(". */\n");
        out.append("    private static double node(int i, double x) {\n");
        out.append("        switch (i) {\n");
        for (int i = 0; i < bundle.nodes().size() + bundle.slopes().size(); i++) {
            out.append("            case ").append(i).append(":\n");
            out.append("                return ").append(prefix).append(i).append('.').append(f).append("(x);\n");
        }
        out.append("            default:\n");
        out.append("                throw new IllegalStateException(\"no node \" + i);\n");
        out.append("        }\n");
        out.append("    }\n\n");
        out.append(String.join("\n",
                "    /** Sum over the grid of the cardinal functions' products times the node values, the last param first. */",
                "    private static double contract(double[] f, double[] at) {",
                "        double[] current = f;",
                "        for (int m = at.length - 1; m >= 0; m--) {",
                "            double[] w = " + (bundle.isHermite() ? "hermite(NODES[m], PARAM_LOWER[m], PARAM_UPPER[m], at[m])"
                        : "weights(NODES[m], PARAM_LOWER[m], PARAM_UPPER[m], at[m])") + ";",
                "            int n = w.length;",
                "            double[] next = new double[current.length / n];",
                "            for (int outer = 0; outer < next.length; outer++) {",
                "                double sum = 0;",
                "                int base = outer * n;",
                "                for (int j = 0; j < n; j++) {",
                "                    sum += w[j] * current[base + j];",
                "                }",
                "                next[outer] = sum;",
                "            }",
                "            current = next;",
                "        }",
                "        return current[0];",
                "    }",
                "",
                "    /** The barycentric cardinal functions of Chebyshev-Lobatto nodes at t (exactly 1 at a node t is within 1e-14 of). */",
                "    private static double[] weights(double[] nodes, double lower, double upper, double t) {",
                "        int n = nodes.length;",
                "        double[] out = new double[n];",
                "        double close = 1e-14 * (upper - lower);",
                "        for (int j = 0; j < n; j++) {",
                "            if (Math.abs(t - nodes[j]) <= close) {",
                "                out[j] = 1;",
                "                return out;",
                "            }",
                "        }",
                "        double sum = 0;",
                "        for (int j = 0; j < n; j++) {",
                "            double w = (j % 2 == 0 ? 1 : -1) * (j == 0 || j == n - 1 ? 0.5 : 1);",
                "            out[j] = w / (t - nodes[j]);",
                "            sum += out[j];",
                "        }",
                "        for (int j = 0; j < n; j++) {",
                "            out[j] /= sum;",
                "        }",
                "        return out;",
                "    }",
                "",
                ""));
        if (bundle.isHermite()) {
            out.append(String.join("\n",
                    "    /** Hermite's cardinals at t: the node values' weights, then the slopes' (exactly the node's value at a node). */",
                    "    private static double[] hermite(double[] nodes, double lower, double upper, double t) {",
                    "        int n = nodes.length;",
                    "        double[] out = new double[2 * n];",
                    "        double close = 1e-14 * (upper - lower);",
                    "        for (int j = 0; j < n; j++) {",
                    "            if (Math.abs(t - nodes[j]) <= close) {",
                    "                out[j] = 1;",
                    "                return out;",
                    "            }",
                    "        }",
                    "        double[] l = weights(nodes, lower, upper, t);",
                    "        for (int j = 0; j < n; j++) {",
                    "            double square = l[j] * l[j];",
                    "            double offset = t - nodes[j];",
                    "            out[j] = (1 - 2 * OWN_SLOPES[j] * offset) * square;",
                    "            out[n + j] = offset * square;",
                    "        }",
                    "        return out;",
                    "    }",
                    "",
                    ""));
        }
        List<ExportModel> models = nodes(bundle, unknown);
        for (int i = 0; i < models.size(); i++) {
            StringBuilder nested = new StringBuilder();
            int n = bundle.nodes().size();
            out.append("    // Node ").append(i).append(": ").append(i < n ? comment(bundle, i)
                    : "the slope of node " + (i - n) + " (" + comment(bundle, i - n) + ")").append('\n');
            single.javaClass(nested, models.get(i), prefix + i, true);
            for (String line : nested.toString().split("\n", -1)) {
                if (!line.isEmpty()) {
                    out.append("    ").append(line);
                }
                out.append('\n');
            }
        }
        SourceExporter.javaHelpers(out);
        int d = arguments.size();
        out.append(String.join("\n",
                "    /** Prints " + name + "(x; " + String.join(", ", bundle.ranges().names()) + ") for each group of " + (d + 1)
                        + " arguments x " + String.join(" ", bundle.ranges().names()) + ", one per line. */",
                "    public static void main(String[] args) {",
                "        for (int i = 0; i + " + d + " < args.length; i += " + (d + 1) + ") {",
                "            System.out.println(" + f + "(Double.parseDouble(args[i])"
                        + java.util.stream.IntStream.rangeClosed(1, d).mapToObj(m -> ", Double.parseDouble(args[i + " + m + "])")
                                .reduce("", String::concat) + "));",
                "        }",
                "    }",
                "}",
                ""));
        return out.toString();
    }

    private static String comment(ParametricSolution bundle, int i) {
        return SourceExporter.comment(org.neuroform.repl.format.BundleText.values(bundle.named(bundle.nodePoint(i))));
    }

    // ------------------------------------------------------------------ Python

    public String python(ParametricSolution bundle, int unknown) {
        String name = bundle.problem().unknowns().get(unknown).name();
        String f = SourceExporter.functionName(name, SourceExporter.Language.PYTHON);
        List<String> arguments = arguments(bundle, SourceExporter.Language.PYTHON);
        StringBuilder out = new StringBuilder();
        header(out, "# ", bundle, unknown, "Python 3, standard library only");
        out.append("import math\n\n");
        out.append("LOWER = ").append(SourceExporter.java(bundle.coveredLower())).append('\n');
        out.append("UPPER = ").append(SourceExporter.java(bundle.coveredUpper())).append('\n');
        out.append("PARAMS = [").append(String.join(", ", bundle.ranges().names().stream().map(n -> "\"" + n + "\"").toList())).append("]\n");
        out.append("PARAM_LOWER = [").append(ends(bundle, false)).append("]\n");
        out.append("PARAM_UPPER = [").append(ends(bundle, true)).append("]\n");
        out.append("NODES = [").append(nodeRows(bundle, "[", "]")).append("]\n");
        if (bundle.isHermite()) {
            out.append("# Hermite interpolation: the node solutions' slopes come after them; l_j'(t_j) of each node.\n");
            out.append("OWN_SLOPES = [").append(ownSlopes(bundle)).append("]\n");
        }
        out.append('\n');
        out.append("# The node solutions (the last param varying fastest), each a list of segments as one exported solution has:\n");
        out.append("# upper end, coordinate map, output scale sigma, envelope D(s), cardinals psi_i(s) with constants K_i, network.\n");
        out.append("_SOLUTIONS = [\n");
        List<ExportModel> models = nodes(bundle, unknown);
        for (int i = 0; i < models.size(); i++) {
            int n = bundle.nodes().size();
            out.append("# node ").append(i).append(": ").append(i < n ? comment(bundle, i)
                    : "the slope of node " + (i - n) + " (" + comment(bundle, i - n) + ")").append('\n');
            SourceExporter.pythonSegments(out, models.get(i));
            out.setLength(out.length() - 1);
            out.append(",\n");
        }
        out.append("]\n");
        SourceExporter.pythonHelpers(out);
        int d = arguments.size();
        out.append(String.join("\n",
                "def _weights(nodes, lower, upper, t):",
                "    n = len(nodes)",
                "    out = [0.0] * n",
                "    close = 1e-14 * (upper - lower)",
                "    for j in range(n):",
                "        if abs(t - nodes[j]) <= close:",
                "            out[j] = 1.0",
                "            return out",
                "    total = 0.0",
                "    for j in range(n):",
                "        w = (1 if j % 2 == 0 else -1) * (0.5 if j == 0 or j == n - 1 else 1)",
                "        out[j] = w / (t - nodes[j])",
                "        total += out[j]",
                "    return [v / total for v in out]",
                "",
                "",
                bundle.isHermite() ? String.join("\n",
                        "def _hermite(nodes, lower, upper, t):",
                        "    n = len(nodes)",
                        "    out = [0.0] * (2 * n)",
                        "    close = 1e-14 * (upper - lower)",
                        "    for j in range(n):",
                        "        if abs(t - nodes[j]) <= close:",
                        "            out[j] = 1.0",
                        "            return out",
                        "    l = _weights(nodes, lower, upper, t)",
                        "    for j in range(n):",
                        "        square = l[j] * l[j]",
                        "        offset = t - nodes[j]",
                        "        out[j] = (1 - 2 * OWN_SLOPES[j] * offset) * square",
                        "        out[n + j] = offset * square",
                        "    return out",
                        "",
                        "",
                        "") : "",
                "def _contract(f, at):",
                "    current = f",
                "    for m in range(len(at) - 1, -1, -1):",
                "        w = " + (bundle.isHermite() ? "_hermite" : "_weights") + "(NODES[m], PARAM_LOWER[m], PARAM_UPPER[m], at[m])",
                "        n = len(w)",
                "        following = []",
                "        for outer in range(len(current) // n):",
                "            total = 0.0",
                "            base = outer * n",
                "            for j in range(n):",
                "                total += w[j] * current[base + j]",
                "            following.append(total)",
                "        current = following",
                "    return current[0]",
                "",
                "",
                "def " + f + "(x, " + String.join(", ", arguments) + "):",
                "    \"\"\"" + name + "(x; " + String.join(", ", bundle.ranges().names())
                        + ") for x in [LOWER, UPPER] and each param in its range; outside, a ValueError.\"\"\"",
                "    x = float(x)",
                "    slack = 1e-12 * max(1.0, max(abs(LOWER), abs(UPPER)))",
                "    if not (x >= LOWER - slack and x <= UPPER + slack):",
                "        raise ValueError(\"x = %r is outside the domain [%r, %r]\" % (x, LOWER, UPPER))",
                "    at = [" + String.join(", ", arguments.stream().map(a -> "float(" + a + ")").toList()) + "]",
                "    for m in range(len(at)):",
                "        if not (at[m] >= PARAM_LOWER[m] and at[m] <= PARAM_UPPER[m]):",
                "            raise ValueError(\"%s = %r is outside its range [%r, %r]\" % (PARAMS[m], at[m], PARAM_LOWER[m], PARAM_UPPER[m]))",
                "    return _contract([_solution(segments, x) for segments in _SOLUTIONS], at)",
                "",
                "",
                "if __name__ == \"__main__\":",
                "    import sys",
                "",
                "    values = [float(argument) for argument in sys.argv[1:]]",
                "    for i in range(0, len(values) - " + d + ", " + (d + 1) + "):",
                "        print(repr(" + f + "(*values[i:i + " + (d + 1) + "])))",
                ""));
        return out.toString();
    }
}
