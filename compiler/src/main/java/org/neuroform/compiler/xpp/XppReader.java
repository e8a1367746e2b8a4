package org.neuroform.compiler.xpp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.Severity;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;

/**
 * Reads an XPPAUT {@code .ode} file (the initial value problem part of the format described in
 * XPPAUT's documentation, "Structure of ODE files") and writes it in the native language:
 *
 * <ul>
 *   <li>{@code x' = …} and {@code dx/dt = …}: equations; {@code x(0) = …} and
 *       {@code init x=…, y=…} (commas or spaces): initial conditions at {@code t0} (0 where none);
 *   <li>{@code par}, {@code p}, {@code param}, {@code params}, {@code number}: params;
 *       {@code !name = …}: a derived param;
 *   <li>{@code f(x, y) = …}: a {@code def}; {@code name = …} (a fixed variable): a {@code let};
 *       {@code aux name = …}: a let and a default query;
 *   <li>{@code @ total=…, t0=…}: the domain {@code [t0, t0 + total]} (XPP's defaults 0 and 20), or
 *       {@code [t0 - total, t0]} with a negative {@code dt} (XPP integrates backwards); a negative total is made
 *       positive, as in XPP; {@code meth=discrete} (maps) is refused; every other option steers XPP's windows or its
 *       own solvers and is ignored, with one note;
 *   <li>{@code done} (or {@code d}) ends the file; {@code #} and {@code "} lines are comments;
 *       names are case-insensitive (lower-cased); {@code \} continues a line.
 * </ul>
 *
 * Everything else that XPP reads — Markov and Wiener variables, tables, global flags, delays,
 * integrals, arrays, boundary conditions, algebraic ({@code 0=}) equations, maps — is refused with
 * an error that names it, never skipped.
 */
public final class XppReader {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_.]*");
    private static final Pattern PARAM_KEYWORD = Pattern.compile("(par|p|param|params|parameter|parameters|number|num)\\s+(?=[a-z_!])");
    private static final Pattern INIT_KEYWORD = Pattern.compile("(init|i)\\s+(?=[a-z_])");
    private static final Pattern AUX_KEYWORD = Pattern.compile("aux\\s+(?=[a-z_])");
    private static final Pattern ODE_PRIME = Pattern.compile("([a-z_][a-z0-9_.]*)\\s*'\\s*");
    private static final Pattern ODE_FRACTION = Pattern.compile("d([a-z_][a-z0-9_.]*)\\s*/\\s*dt\\s*");
    private static final Pattern APPLIED = Pattern.compile("([a-z_][a-z0-9_.]*)\\s*\\((.*)\\)\\s*");
    private static final Pattern PLAIN = Pattern.compile("([a-z_][a-z0-9_.]*)\\s*");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([ed][+-]?\\d+)?");

    /** XPP statements refused, with what they are and what to do instead. */
    private static final Map<String, String[]> REFUSED = Map.ofEntries(
            Map.entry("markov", new String[] {"Markov variables (a stochastic model)", "neuroform solves deterministic equations"}),
            Map.entry("wiener", new String[] {"Wiener processes (a stochastic model)", "neuroform solves deterministic equations"}),
            Map.entry("table", new String[] {"tables", "write the tabulated function as a formula (a def)"}),
            Map.entry("global", new String[] {"global flags (events that reset variables)",
                "a neural solution is smooth; write the model without resets"}),
            Map.entry("bdry", new String[] {"boundary conditions (bdry)", "write the problem in the native language: "
                + "domain, equations and conditions such as y(1) = 0"}),
            Map.entry("b", new String[] {"boundary conditions (bdry)", "write the problem in the native language: "
                + "domain, equations and conditions such as y(1) = 0"}),
            Map.entry("solv", new String[] {"algebraic equations (solv)", "write the algebraic variable as an unknown of order 0 "
                + "in the native language: z(t) = ..."}),
            Map.entry("volt", new String[] {"Volterra integral equations", "neuroform solves ordinary differential equations"}),
            Map.entry("volterra", new String[] {"Volterra integral equations", "neuroform solves ordinary differential equations"}),
            Map.entry("special", new String[] {"special (network) functions", "write the sums out"}),
            Map.entry("export", new String[] {"exported C functions (dynamic libraries)", "write the function as a def"}),
            Map.entry("vector", new String[] {"vectors", "write each element as its own variable"}),
            Map.entry("include", new String[] {"#include of other files", "put the definitions in this file"}));

    /** Names the native language reserves (keywords, the constant e, built-ins XPP does not have). */
    private static final Set<String> RESERVED = Set.of("domain", "param", "train", "in", "def", "let", "e", "floor");

    private final SourceFile source;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, String> renamed = new LinkedHashMap<>();
    private final Set<String> ignoredOptions = new TreeSet<>();
    private Span firstIgnored = Span.NONE;
    private Span firstRenamed = Span.NONE;

    private record Line(String text, int[] offsets) {
        int offset(int index) {
            return offsets[Math.max(0, Math.min(index, offsets.length - 1))];
        }
    }

    private record Assignment(String name, int nameStart, int nameEnd, Line line, int valueFrom, int valueTo) {}

    private record Definition(String name, int nameStart, int nameEnd, List<String> arguments, List<int[]> argumentSpans,
            XppExpression.Node body, int start, int end) {}

    private final List<Assignment> params = new ArrayList<>();
    private final List<Definition> derived = new ArrayList<>();
    private final List<Definition> functions = new ArrayList<>();
    private final List<Definition> fixed = new ArrayList<>();
    private final List<Definition> aux = new ArrayList<>();
    private final Map<String, Definition> equations = new LinkedHashMap<>();
    private final Map<String, Definition> initial = new LinkedHashMap<>();
    private double total = 20;
    private double t0 = 0;
    private Span totalSpan = Span.NONE;
    /** A negative total as written: XPP makes it positive (and stores nothing); 0 when total was not negative. */
    private double negativeTotal;
    /** A negative dt: XPP integrates backwards, from t0 down to t0 - total. */
    private boolean backward;

    private XppReader(SourceFile source) {
        this.source = source;
    }

    /** Reads and translates an XPP file. */
    public static XppTranslation read(SourceFile source) {
        return new XppReader(source).translate();
    }

    private XppTranslation translate() {
        for (Line line : logicalLines(source.text())) {
            try {
                if (!statement(line)) {
                    break; // done
                }
            } catch (XppException e) {
                diagnostics.add(new Diagnostic(Severity.ERROR, e.code, span(e.start, e.end), e.getMessage(), e.hint));
            }
        }
        if (!ignoredOptions.isEmpty()) {
            diagnostics.add(note("xpp-ignored", firstIgnored, "ignored: " + String.join(", ", ignoredOptions)
                    + " (settings of XPP's windows and its own solvers)", "neuroform chooses its own steps and checks its answers"
                    + " against DormandPrince853; the horizon comes from total and t0"));
        }
        if (equations.isEmpty() && diagnostics.stream().noneMatch(Diagnostic::isError)) {
            diagnostics.add(Diagnostic.error("xpp-syntax", Span.NONE, "this XPP file has no differential equation (x' = ... or dx/dt = ...)",
                    "neuroform solves initial value problems of ordinary differential equations"));
        }
        if (!(total > 0) || !Double.isFinite(t0 + total) || !Double.isFinite(t0 - total)) {
            diagnostics.add(Diagnostic.error("xpp-syntax", totalSpan, "total must be a positive number, not "
                    + Printer.number(total), "total is the length of the time interval"));
        }
        NativeText out = new NativeText();
        String description = "";
        if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
            try {
                description = write(out);
            } catch (XppException e) {
                diagnostics.add(new Diagnostic(Severity.ERROR, e.code, span(e.start, e.end), e.getMessage(), e.hint));
            }
        }
        if (!renamed.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            renamed.forEach((from, to) -> pairs.add(from + " -> " + to));
            diagnostics.add(note("xpp-renamed", firstRenamed, "renamed in the translation: "
                    + String.join(", ", pairs), "native names have no dots, and cannot be keywords or built-ins such as e"));
        }
        diagnostics.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        XppTranslation.NativeTextMap map = new XppTranslation.NativeTextMap(out, source.text());
        return new XppTranslation(source, new SourceFile(source.name(), out.text()), diagnostics, description, map);
    }

    private static Diagnostic note(String code, Span span, String message, String hint) {
        return new Diagnostic(Severity.NOTE, code, span, message, hint);
    }

    private Span span(int start, int end) {
        return new XppTranslation.NativeTextMap(new NativeText(), source.text()).span(start, end);
    }

    // ---- lines

    /** Physical lines joined where one ends in a backslash, lower-cased, with each character's offset in the file. */
    private static List<Line> logicalLines(String text) {
        List<Line> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<Integer> offsets = new ArrayList<>();
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1;
        }
        while (true) {
            int end = i;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int stop = end;
            while (stop > i && Character.isWhitespace(text.charAt(stop - 1))) {
                stop--;
            }
            boolean continued = stop > i && text.charAt(stop - 1) == '\\' && end < n;
            for (int k = i; k < (continued ? stop - 1 : end); k++) {
                current.append(Character.toLowerCase(text.charAt(k)));
                offsets.add(k);
            }
            if (continued) {
                current.append(' ');
                offsets.add(stop - 1);
            } else {
                lines.add(new Line(current.toString(), offsets.stream().mapToInt(Integer::intValue).toArray()));
                current.setLength(0);
                offsets.clear();
            }
            if (end >= n) {
                break;
            }
            i = end + (text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? 2 : 1);
        }
        return lines;
    }

    /** One statement; false at {@code done}. */
    private boolean statement(Line line) throws XppException {
        String text = line.text();
        int from = 0;
        while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        if (from >= text.length() || text.charAt(from) == '"') {
            return true;
        }
        if (text.charAt(from) == '{' && markovRefused) {
            return true; // a row of the transition table of a refused markov statement
        }
        if (text.charAt(from) == '#') {
            if (text.startsWith("#include", from)) {
                refuse(line, from, from + 8, "include");
            }
            return true;
        }
        int hash = text.indexOf('#', from);
        int to = hash >= 0 ? hash : text.length();
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        String body = text.substring(from, to);
        if (body.equals("done") || body.equals("d")) {
            return false;
        }
        if (body.startsWith("@")) {
            options(line, from + 1, to);
            return true;
        }
        if (body.startsWith("!")) {
            Definition d = assignmentDefinition(line, from + 1, to, "a derived param");
            derived.add(d);
            return true;
        }
        Matcher word = Pattern.compile("[a-z_0-9]+").matcher(body);
        String first = word.lookingAt() ? word.group() : "";
        boolean keyword = first.length() < body.length() && Character.isWhitespace(body.charAt(first.length()))
                && !body.substring(first.length()).strip().startsWith("=") && !body.substring(first.length()).strip().startsWith("'");
        if (keyword && REFUSED.containsKey(first)) {
            refuse(line, from, from + first.length(), first);
        }
        if (keyword && (first.equals("set") || first.equals("only") || first.equals("option") || first.equals("options"))) {
            ignore(line, from, from + first.length(), first);
            return true;
        }
        Matcher m = PARAM_KEYWORD.matcher(body);
        if (m.lookingAt()) {
            params.addAll(assignments(line, from + m.end(), to));
            return true;
        }
        m = INIT_KEYWORD.matcher(body);
        if (m.lookingAt()) {
            for (Assignment a : assignments(line, from + m.end(), to)) {
                initial.put(a.name(), new Definition(a.name(), a.nameStart(), a.nameEnd(), List.of(), List.of(),
                        expression(line.text(), line.offsets(), a.valueFrom(), a.valueTo()), a.nameStart(),
                        line.offset(a.valueTo() - 1) + 1));
            }
            return true;
        }
        m = AUX_KEYWORD.matcher(body);
        if (m.lookingAt()) {
            aux.add(assignmentDefinition(line, from + m.end(), to, "an aux output"));
            return true;
        }
        if (body.matches("0\\s*=.*")) {
            throw new XppException("xpp-unsupported", line.offset(from), line.offset(from) + 1,
                    "algebraic equations (0 = ...): not supported by the XPP reader",
                    "write the algebraic variable as an unknown of order 0 in the native language: z(t) = ...");
        }
        int equals = body.indexOf('=');
        if (equals < 0) {
            throw new XppException("xpp-syntax", line.offset(from), line.offset(to - 1) + 1,
                    "cannot read this line: it is not an equation, a definition or a known XPP statement",
                    "XPP lines look like x' = -x, par a=1, init x=0, aux q = x^2, @ total=50");
        }
        equation(line, from, from + equals, to);
        return true;
    }

    private boolean markovRefused;
    private final Set<Integer> ambiguities = new java.util.HashSet<>();

    /** An XPP expression, parsed; a grouping XPP reads otherwise than the translation gets a warning (once). */
    private XppExpression.Node expression(String text, int[] offsets, int from, int to) throws XppException {
        return XppExpression.parse(text, offsets, from, to, a -> {
            if (ambiguities.add(a.start())) {
                diagnostics.add(warning("xpp-precedence", span(a.start(), a.end()), "XPP reads '" + a.written() + "' as "
                        + a.xpp() + ", the translation as " + a.translated() + ": in XPP comparisons bind more tightly than"
                        + " + - * /, & as tightly as * /, | as loosely as + -", "write the brackets: " + a.translated()
                        + " for the usual reading (kept here), " + a.xpp() + " for XPP's"));
            }
        });
    }

    private static Diagnostic warning(String code, Span span, String message, String hint) {
        return Diagnostic.warning(code, span, message, hint);
    }

    private void refuse(Line line, int start, int end, String what) throws XppException {
        markovRefused |= what.equals("markov");
        String[] why = REFUSED.get(what);
        throw new XppException("xpp-unsupported", line.offset(start), line.offset(end - 1) + 1,
                why[0] + ": not supported by the XPP reader", why[1]);
    }

    private void ignore(Line line, int start, int end, String what) {
        ignoredOptions.add(what.startsWith("option") ? "options files" : what.equals("set") ? "set blocks" : what);
        if (!firstIgnored.isKnown()) {
            firstIgnored = span(line.offset(start), line.offset(end - 1) + 1);
        }
    }

    /** {@code name=value} items separated by commas or spaces (spaces around '=' allowed). */
    private List<Assignment> assignments(Line line, int from, int to) throws XppException {
        String text = line.text();
        List<Assignment> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                i++;
                continue;
            }
            Matcher name = NAME.matcher(text).region(i, to);
            if (!name.lookingAt()) {
                throw new XppException("xpp-syntax", line.offset(i), line.offset(i) + 1, "expected a name = value here", "");
            }
            int nameEnd = name.end();
            int j = nameEnd;
            while (j < to && Character.isWhitespace(text.charAt(j))) {
                j++;
            }
            if (j >= to || text.charAt(j) != '=') {
                throw new XppException("xpp-syntax", line.offset(i), line.offset(nameEnd - 1) + 1,
                        "expected '=' and a value after '" + name.group() + "'", "write " + name.group() + "=1");
            }
            j++;
            while (j < to && Character.isWhitespace(text.charAt(j))) {
                j++;
            }
            int valueStart = j;
            int depth = 0;
            while (j < to && (depth > 0 || (text.charAt(j) != ',' && !Character.isWhitespace(text.charAt(j))))) {
                depth += text.charAt(j) == '(' ? 1 : text.charAt(j) == ')' ? -1 : 0;
                j++;
            }
            if (j == valueStart) {
                throw new XppException("xpp-syntax", line.offset(nameEnd - 1), line.offset(nameEnd - 1) + 1,
                        "'" + name.group() + "' has no value", "");
            }
            out.add(new Assignment(name.group(), line.offset(i), line.offset(nameEnd - 1) + 1, line, valueStart, j));
            i = j;
        }
        return out;
    }

    private Definition assignmentDefinition(Line line, int from, int to, String what) throws XppException {
        String text = line.text();
        int equals = text.indexOf('=', from);
        if (equals < 0 || equals >= to) {
            throw new XppException("xpp-syntax", line.offset(from), line.offset(to - 1) + 1, what + " needs name = formula", "");
        }
        String lhs = text.substring(from, equals).strip();
        if (!PLAIN.matcher(lhs).matches()) {
            throw new XppException("xpp-syntax", line.offset(from), line.offset(equals - 1) + 1, "expected a name before '='", "");
        }
        int nameStart = text.indexOf(lhs, from);
        return new Definition(lhs, line.offset(nameStart), line.offset(nameStart + lhs.length() - 1) + 1, List.of(), List.of(),
                expression(text, line.offsets(), equals + 1, to), line.offset(from), line.offset(to - 1) + 1);
    }

    private void options(Line line, int from, int to) throws XppException {
        for (Assignment a : assignments(line, from, to)) {
            String value = line.text().substring(a.valueFrom(), a.valueTo());
            if (a.name().equals("total") || a.name().equals("t0")) {
                if (!NUMBER.matcher(value).matches()) {
                    throw new XppException("xpp-syntax", line.offset(a.valueFrom()), line.offset(a.valueTo() - 1) + 1,
                            a.name() + " must be a number, not '" + value + "'", "");
                }
                double v = Double.parseDouble(value.replace('d', 'e'));
                if (a.name().equals("total")) {
                    // XPP's documentation (Numerics, Total): a negative total "will be made positive, and no data
                    // will be stored" -- the integration still runs for |total|, and its end state is what XPP shows.
                    negativeTotal = v < 0 ? v : 0;
                    total = Math.abs(v);
                    totalSpan = span(a.nameStart(), line.offset(a.valueTo() - 1) + 1);
                } else {
                    t0 = v;
                }
            } else if (a.name().equals("dt") && NUMBER.matcher(value).matches()
                    && Double.parseDouble(value.replace('d', 'e')) < 0) {
                // XPP's documentation (Numerics, Dt): "to integrate backwards, make it negative": from t0 to t0 - total.
                // The step itself is XPP's solver's and is not used; its sign is the direction of the problem.
                backward = true;
            } else if (a.name().startsWith("meth") && value.startsWith("d")) {
                // XPP chooses the method by the value's first letter; d is its discrete method, which makes every
                // x' = f(x) the map x(n+1) = f(x(n)): solving it as a differential equation would be another model.
                throw new XppException("xpp-unsupported", a.nameStart(), line.offset(a.valueTo() - 1) + 1,
                        "discrete maps (meth=" + value + "): not supported by the XPP reader",
                        "with this method XPP reads x' = f(x) as the map x(n+1) = f(x(n)); neuroform solves ordinary "
                        + "differential equations");
            } else {
                ignoredOptions.add(a.name());
                if (!firstIgnored.isKnown()) {
                    firstIgnored = span(a.nameStart(), a.nameEnd());
                }
            }
        }
    }

    private void equation(Line line, int from, int equals, int to) throws XppException {
        String text = line.text();
        String lhs = text.substring(from, equals).stripTrailing();
        int lhsEnd = from + lhs.length();
        Matcher m;
        if ((m = ODE_PRIME.matcher(lhs)).matches() || (m = ODE_FRACTION.matcher(lhs)).matches()) {
            String name = m.group(1);
            int nameStart = from + m.start(1);
            XppExpression.Node body = expression(text, line.offsets(), equals + 1, to); // its own errors first
            Definition earlier = equations.get(name);
            if (earlier != null) {
                // Almost always a slip (the native language refuses it too): not a silent replacement.
                throw new XppException("xpp-syntax", line.offset(from), line.offset(lhsEnd - 1) + 1, "a second equation for '" + name
                        + "' (the first is on line " + span(earlier.start(), earlier.end()).line() + ")", "keep one equation per variable");
            }
            equations.put(name, new Definition(name, line.offset(nameStart), line.offset(nameStart + name.length() - 1) + 1,
                    List.of(), List.of(), body, line.offset(from),
                    line.offset(to - 1) + 1));
            return;
        }
        if (lhs.contains("[")) {
            int at = from + lhs.indexOf('[');
            throw new XppException("xpp-unsupported", line.offset(at), line.offset(at) + 1, "arrays (x[1..n]): not supported by the XPP reader",
                    "write each element as its own variable");
        }
        if ((m = APPLIED.matcher(lhs)).matches()) {
            String name = m.group(1);
            String inside = m.group(2).strip();
            int nameStart = from;
            int nameEnd = from + name.length();
            if (NUMBER.matcher(inside).matches()) {
                initial.put(name, new Definition(name, line.offset(nameStart), line.offset(nameEnd - 1) + 1, List.of(), List.of(),
                        expression(text, line.offsets(), equals + 1, to), line.offset(from), line.offset(to - 1) + 1));
                return;
            }
            // XPP (form_ode.c) reads name(t) = ... as a Volterra equation only when the line has an integral int{ or
            // int[; otherwise it is a function whose argument happens to be called t: s(t) = sin(om*t).
            if (inside.equals("t") && Pattern.compile("int\\s*[{\\[]").matcher(text.substring(equals + 1, to)).find()) {
                throw new XppException("xpp-unsupported", line.offset(from), line.offset(lhsEnd - 1) + 1,
                        "Volterra integral equations (name(t) = ...): not supported by the XPP reader", "neuroform solves ordinary differential equations");
            }
            if (inside.matches("t\\s*[+-].*")) {
                throw new XppException("xpp-unsupported", line.offset(from), line.offset(lhsEnd - 1) + 1,
                        "difference equations (maps: name(t+1) = ...): not supported by the XPP reader", "neuroform solves differential equations");
            }
            List<String> arguments = new ArrayList<>();
            List<int[]> spans = new ArrayList<>();
            int open = from + lhs.indexOf('(');
            int k = open + 1;
            for (String argument : m.group(2).split(",", -1)) {
                String a = argument.strip();
                int at = text.indexOf(a, k);
                if (!PLAIN.matcher(a).matches()) {
                    throw new XppException("xpp-syntax", line.offset(Math.max(at, k)), line.offset(Math.max(at, k)) + 1,
                            "the arguments of a function are names: f(x, y) = ...", "");
                }
                arguments.add(a);
                spans.add(new int[] {line.offset(at), line.offset(at + a.length() - 1) + 1});
                k = at + a.length();
            }
            functions.add(new Definition(name, line.offset(nameStart), line.offset(nameEnd - 1) + 1, arguments, spans,
                    expression(text, line.offsets(), equals + 1, to), line.offset(from), line.offset(to - 1) + 1));
            return;
        }
        if ((m = PLAIN.matcher(lhs)).matches()) {
            String name = m.group(1);
            fixed.add(new Definition(name, line.offset(from), line.offset(from + name.length() - 1) + 1, List.of(), List.of(),
                    expression(text, line.offsets(), equals + 1, to), line.offset(from), line.offset(to - 1) + 1));
            return;
        }
        throw new XppException("xpp-syntax", line.offset(from), line.offset(Math.max(from, lhsEnd - 1)) + 1,
                "cannot read the left side '" + lhs.strip() + "'", "XPP equations look like x' = ..., dx/dt = ..., x(0) = 1, f(x) = ...");
    }

    // ---- writing

    private String nativeName(String xpp) {
        String name = xpp.replace('.', '_');
        while (RESERVED.contains(name)) {
            name = name + "_";
        }
        if (!name.equals(xpp)) {
            renamed.putIfAbsent(xpp, name);
        }
        return name;
    }

    /** The native name of a name written at XPP [start, end): the first renamed one is where the note points. */
    private String nativeName(String xpp, int start, int end) {
        String name = nativeName(xpp);
        if (!name.equals(xpp) && !firstRenamed.isKnown()) {
            firstRenamed = span(start, end);
        }
        return name;
    }

    private String write(NativeText out) throws XppException {
        Map<String, int[]> used = new LinkedHashMap<>();
        Set<String> defined = new LinkedHashSet<>(equations.keySet());
        params.forEach(p -> defined.add(p.name()));
        for (List<Definition> list : List.of(derived, functions, fixed, aux)) {
            list.forEach(d -> defined.add(d.name()));
        }
        XppExpression.Writer global = new XppExpression.Writer(out, this::nativeName, used, defined);
        // The initial values are at t0 and the state XPP shows last at the other end; integrating backwards (dt < 0),
        // the domain ends at t0 and the conditions sit at its right end.
        double t1 = backward ? t0 - total : t0 + total;
        String start = Printer.number(t0);
        String end = Printer.number(t1);
        String domain = "domain t in [" + Printer.number(Math.min(t0, t1)) + ", " + Printer.number(Math.max(t0, t1)) + "]";
        out.anchor(0, 0);
        out.add("# " + source.name() + ", read as an XPPAUT file").line();
        for (String line : source.text().split("\\R", -1)) { // the file's opening comments: what it is, where it comes from
            if (!line.strip().startsWith("#") || line.strip().startsWith("#include")) {
                break;
            }
            out.add(line.strip().replaceAll("\\p{Cntrl}", " ")).line();
        }
        if (totalSpan.isKnown()) {
            out.anchor(totalSpan.start(), totalSpan.end());
        }
        out.add(domain).line();
        for (Assignment p : params) {
            out.anchor(p.nameStart(), p.line().offset(p.valueTo() - 1) + 1);
            out.add("param ").token(nativeName(p.name(), p.nameStart(), p.nameEnd()), p.nameStart(), p.nameEnd() - p.nameStart()).add(" = ");
            global.write(expression(p.line().text(), p.line().offsets(), p.valueFrom(), p.valueTo()));
            out.line();
        }
        for (Definition d : derived) {
            out.anchor(d.start(), d.end());
            out.add("param ").token(nativeName(d.name(), d.nameStart(), d.nameEnd()), d.nameStart(), d.nameEnd() - d.nameStart()).add(" = ");
            global.write(d.body());
            out.line();
        }
        Set<String> globalNames = new LinkedHashSet<>();
        params.forEach(p -> globalNames.add(p.name()));
        derived.forEach(d -> globalNames.add(d.name()));
        fixed.forEach(d -> globalNames.add(d.name()));
        aux.forEach(d -> globalNames.add(d.name()));
        functions.forEach(d -> globalNames.add(d.name()));
        for (Definition f : functions) {
            out.anchor(f.start(), f.end());
            Map<String, String> local = new LinkedHashMap<>();
            for (String a : f.arguments()) {
                String n = nativeName(a);
                while (globalNames.contains(n) || n.equals("pi")) {
                    n = n + "_";
                }
                local.put(a, n);
            }
            out.add("def ").token(nativeName(f.name(), f.nameStart(), f.nameEnd()), f.nameStart(), f.nameEnd() - f.nameStart()).add("(");
            for (int i = 0; i < f.arguments().size(); i++) {
                int[] s = f.argumentSpans().get(i);
                out.add(i == 0 ? "" : ", ").token(local.get(f.arguments().get(i)), s[0], s[1] - s[0]);
            }
            out.add(") = ");
            new XppExpression.Writer(out, n -> local.containsKey(n) ? local.get(n) : nativeName(n), used, defined).write(f.body());
            out.line();
        }
        for (Definition d : fixed) {
            let(out, global, d);
        }
        for (Definition d : aux) {
            let(out, global, d);
        }
        List<String> defaulted = new ArrayList<>();
        for (Definition e : equations.values()) {
            out.anchor(e.start(), e.end());
            out.token(nativeName(e.name(), e.nameStart(), e.nameEnd()), e.nameStart(), e.nameEnd() - e.nameStart()).add("' = ");
            global.write(e.body());
            out.line();
        }
        for (Definition i : initial.values()) {
            if (!equations.containsKey(i.name())) {
                throw new XppException("xpp-syntax", i.nameStart(), i.nameEnd(), "an initial value for '" + i.name()
                        + "', which has no equation", "an initial value belongs to a variable with x' = ... or dx/dt = ...");
            }
        }
        for (Definition e : equations.values()) {
            Definition i = initial.get(e.name());
            if (i == null) {
                defaulted.add(e.name());
                out.anchor(e.nameStart(), e.nameEnd());
                out.token(nativeName(e.name(), e.nameStart(), e.nameEnd()), e.nameStart(), e.nameEnd() - e.nameStart()).add("(" + start + ") = 0").line();
                continue;
            }
            out.anchor(i.start(), i.end());
            out.token(nativeName(e.name(), i.nameStart(), i.nameEnd()), i.nameStart(), i.nameEnd() - i.nameStart()).add("(" + start + ") = ");
            global.write(i.body());
            out.line();
        }
        for (Map.Entry<String, int[]> use : used.entrySet()) {
            out.anchor(use.getValue()[0], use.getValue()[1]); // a warning about the def points to its first use
            out.add(XppExpression.PRELUDE.get(use.getKey())).add("   # XPP's " + use.getKey()).line();
        }
        out.anchor(0, 0);
        out.add("# the state XPP shows last, and the aux values there").line();
        for (Definition e : equations.values()) {
            out.anchor(e.nameStart(), e.nameEnd());
            out.token(nativeName(e.name(), e.nameStart(), e.nameEnd()), e.nameStart(), e.nameEnd() - e.nameStart()).add("(" + end + ")").line();
        }
        for (Definition d : aux) {
            out.anchor(d.nameStart(), d.nameEnd());
            out.token(nativeName(d.name(), d.nameStart(), d.nameEnd()), d.nameStart(), d.nameEnd() - d.nameStart()).add("(" + end + ")").line();
        }
        if (!defaulted.isEmpty()) {
            Definition first = equations.get(defaulted.get(0));
            diagnostics.add(note("xpp-default", span(first.nameStart(), first.nameEnd()),
                    "no initial value for " + String.join(", ", defaulted) + ": 0, as in XPP", ""));
        }
        return domain + (totalSpan.isKnown() ? "" : " (XPP's default total=20)")
                + (negativeTotal < 0 ? " (total=" + Printer.number(negativeTotal) + " made positive, as XPP does)" : "")
                + (backward ? " (backwards from t0=" + start + ", as XPP integrates with dt < 0)" : "") + ", "
                + equations.size() + " variable" + (equations.size() == 1 ? "" : "s")
                + (aux.isEmpty() ? "" : ", " + aux.size() + " aux") + (params.isEmpty() && derived.isEmpty() ? ""
                : ", " + (params.size() + derived.size()) + " param" + (params.size() + derived.size() == 1 ? "" : "s"));
    }

    private void let(NativeText out, XppExpression.Writer writer, Definition d) throws XppException {
        out.anchor(d.start(), d.end());
        out.add("let ").token(nativeName(d.name(), d.nameStart(), d.nameEnd()), d.nameStart(), d.nameEnd() - d.nameStart()).add(" = ");
        writer.write(d.body());
        out.line();
    }
}
