package org.neuroform.compiler.xpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * XPP's expressions: parsed from one (lower-cased) line, written out in the native language.
 * {@code **} becomes {@code ^}, {@code ln} {@code log}, {@code flr} {@code floor}; comparisons
 * ({@code v > 0} is 1 or 0 in XPP), {@code &}, {@code |}, {@code not} and
 * {@code if(c)then(a)else(b)} become sums and products of {@code heav}; {@code min}, {@code max},
 * {@code mod}, {@code atan2} become defs the translation adds ({@link #PRELUDE}).
 */
final class XppExpression {
    /** The defs that stand for XPP's built-ins of two arguments, added when a file uses them. */
    static final Map<String, String> PRELUDE = Map.of(
            "min", "def min(a, b) = (a + b - abs(a - b))/2",
            "max", "def max(a, b) = (a + b + abs(a - b))/2",
            "mod", "def mod(a, b) = a - b*floor(a/b)",
            "atan2", "def atan2(a, b) = 2*atan(a/(sqrt(a^2 + b^2) + b))");

    private static final Set<String> SAME = Set.of("sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "sqrt",
            "abs", "heav", "sign");
    private static final Map<String, String> RENAMED = Map.of("ln", "log", "log", "log", "flr", "floor");
    /** XPP built-ins with no translation: what they are, for the message. */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("delay", "a delay differential equation"),
            Map.entry("del_shft", "a delay differential equation"),
            Map.entry("ran", "a random number (a stochastic model)"),
            Map.entry("normal", "a random number (a stochastic model)"),
            Map.entry("poisson", "a random number (a stochastic model)"),
            Map.entry("besselj", "a Bessel function"),
            Map.entry("bessely", "a Bessel function"),
            Map.entry("besseli", "a Bessel function"),
            Map.entry("erf", "the error function"),
            Map.entry("erfc", "the error function"),
            Map.entry("lgamma", "the logarithm of the gamma function"),
            Map.entry("sum", "a sum over an index (sum(...)of(...))"),
            Map.entry("shift", "an array shift"),
            Map.entry("ishift", "an array shift"),
            Map.entry("hom_bcs", "boundary conditions of a homoclinic orbit"),
            Map.entry("int", "an integral (a Volterra equation)"));

    // ---- tokens

    private enum Kind { NUMBER, NAME, OPERATOR, END }

    private record Token(Kind kind, String text, int start, int end) {}

    // ---- tree

    sealed interface Node permits Num, Name, Call, Neg, Bin, Cmp, Logic, Not, If {}

    record Num(String text, int start, int end) implements Node {}

    record Name(String name, int start, int end) implements Node {}

    record Call(String name, int start, int end, List<Node> arguments) implements Node {}

    /** {@code start}: where the minus is in the XPP file. */
    record Neg(Node operand, int start) implements Node {}

    /** {@code start}, {@code end}: the operator's place in the XPP file. */
    record Bin(char operator, Node left, Node right, int start, int end) implements Node {}

    record Cmp(String operator, Node left, Node right, int start, int end) implements Node {}

    record Logic(char operator, Node left, Node right, int start, int end) implements Node {}

    record Not(Node operand, int start) implements Node {}

    record If(Node condition, Node then, Node otherwise, int start, int end) implements Node {}

    /**
     * XPP's binding priorities (parserslow.c's symbol table; higher binds tighter, equal ones group from the left,
     * {@code ^} too: {@code 2^3^2} is {@code (2^3)^2 = 64}). Its comparisons bind as tightly as {@code ^}, above
     * {@code * /}, and {@code &} as {@code *}, {@code |} as {@code +}: XPP reads {@code t-5>0} as {@code t-(5>0)}.
     */
    private static final Map<String, Integer> XPP_PRIORITY = Map.ofEntries(Map.entry("|", 4), Map.entry("+", 4),
            Map.entry("-", 4), Map.entry("*", 6), Map.entry("/", 6), Map.entry("&", 6), Map.entry("^", 7), Map.entry("**", 7),
            Map.entry("<", 7), Map.entry(">", 7), Map.entry("<=", 7), Map.entry(">=", 7), Map.entry("==", 7), Map.entry("!=", 7));
    /**
     * What the translation writes: XPP's priorities for arithmetic (powers from the left included), but comparisons
     * below {@code + - * /} and {@code &} below them, {@code |} lowest, as in every other language -- where the two
     * readings differ, a warning says so ({@link Ambiguity}).
     */
    private static final Map<String, Integer> USUAL_PRIORITY = Map.ofEntries(Map.entry("|", 1), Map.entry("&", 2),
            Map.entry("+", 4), Map.entry("-", 4), Map.entry("*", 5), Map.entry("/", 5), Map.entry("^", 7), Map.entry("**", 7),
            Map.entry("<", 3), Map.entry(">", 3), Map.entry("<=", 3), Map.entry(">=", 3), Map.entry("==", 3), Map.entry("!=", 3));
    /** Unary minus and {@code not} bind the operators above 6: {@code -x^2} is {@code -(x^2)} in both readings. */
    private static final int PREFIX_OPERAND = 7;

    /**
     * An expression XPP reads otherwise than the translation: {@code [start, end)} is the operator in the XPP file,
     * {@code xpp} and {@code translated} the two readings with every group bracketed.
     */
    record Ambiguity(int start, int end, String written, String xpp, String translated) {}

    private final List<Token> tokens;
    private final Map<String, Integer> priority;
    private int position;

    private XppExpression(List<Token> tokens, Map<String, Integer> priority) {
        this.tokens = tokens;
        this.priority = priority;
    }

    /** Parses {@code line[from, to)}; {@code offsets[i]} is where character i of the line is in the XPP file. */
    static Node parse(String line, int[] offsets, int from, int to) throws XppException {
        return parse(line, offsets, from, to, a -> { });
    }

    /** As {@link #parse(String, int[], int, int)}; {@code ambiguities} hears of a grouping XPP reads otherwise. */
    static Node parse(String line, int[] offsets, int from, int to, java.util.function.Consumer<Ambiguity> ambiguities)
            throws XppException {
        List<Token> tokens = tokenize(line, offsets, from, to);
        Node node = parse(tokens, USUAL_PRIORITY, offsets, from);
        Node xpp;
        try {
            xpp = parse(tokens, XPP_PRIORITY, offsets, from);
        } catch (XppException e) {
            return node; // the same tokens and grammar: not reached
        }
        if (!xpp.equals(node)) {
            ambiguities(xpp, node, line, offsets, from, to).forEach(ambiguities);
        }
        return node;
    }

    private static Node parse(List<Token> tokens, Map<String, Integer> priority, int[] offsets, int from) throws XppException {
        XppExpression parser = new XppExpression(tokens, priority);
        if (parser.peek().kind == Kind.END) {
            int at = from < offsets.length ? offsets[Math.min(from, offsets.length - 1)] : 0;
            throw new XppException("xpp-syntax", at, at + 1, "an expression is missing here", "");
        }
        Node node = parser.expression(0);
        Token rest = parser.peek();
        if (rest.kind != Kind.END) {
            throw new XppException("xpp-syntax", rest.start, rest.end, "unexpected '" + rest.text + "' in this expression",
                    rest.text.equals("(") ? "write * between a value and a bracket" : "");
        }
        return node;
    }

    /**
     * Each place where XPP's tree groups otherwise than the translation's (a node of XPP's that the translation lacks
     * while it has all its parts), shown in the smallest stretch of text both read whole.
     */
    private static List<Ambiguity> ambiguities(Node xpp, Node usual, String line, int[] offsets, int from, int to) {
        Map<List<Integer>, Node> usualBySpan = new java.util.HashMap<>();
        Set<Node> usualNodes = new java.util.HashSet<>();
        walk(usual, n -> {
            usualNodes.add(n);
            usualBySpan.putIfAbsent(List.of(extent(n)[0], extent(n)[1]), n);
        });
        List<List<Node>> paths = new ArrayList<>();
        differing(xpp, usualNodes, new ArrayList<>(), paths);
        List<Ambiguity> out = new ArrayList<>();
        for (List<Node> path : paths) {
            Node differing = path.get(path.size() - 1);
            Node xppWhole = xpp;
            Node usualWhole = usual;
            for (int i = path.size() - 1; i >= 0; i--) { // from the differing node up to the root
                Node candidate = path.get(i);
                Node match = usualBySpan.get(List.of(extent(candidate)[0], extent(candidate)[1]));
                if (match != null) {
                    xppWhole = candidate;
                    usualWhole = match;
                    break;
                }
            }
            int[] whole = extent(xppWhole);
            int first = to;
            int last = from;
            for (int i = from; i < to; i++) {
                if (offsets[i] >= whole[0] && offsets[i] < whole[1]) {
                    first = Math.min(first, i);
                    last = Math.max(last, i + 1);
                }
            }
            // the tokens leave out brackets around a part at either end ("(a+b)*c" from a to c): take them in
            int depth = 0;
            int lowest = 0;
            for (int i = first; i < last; i++) {
                depth += line.charAt(i) == '(' ? 1 : line.charAt(i) == ')' ? -1 : 0;
                lowest = Math.min(lowest, depth);
            }
            for (int open = -lowest; open > 0 && first > from; first--) {
                open -= line.charAt(first - 1) == '(' ? 1 : 0;
            }
            for (int close = depth - lowest; close > 0 && last < to; last++) {
                close -= line.charAt(last) == ')' ? 1 : 0;
            }
            String written = first < last ? line.substring(first, last) : "";
            int[] operator = operator(differing);
            if (operator == null) {
                operator = whole;
            }
            out.add(new Ambiguity(operator[0], operator[1], written.strip(), show(xppWhole), show(usualWhole)));
        }
        return out;
    }

    /** Collects the paths from the root to each node that {@code present} lacks while it has all the node's parts. */
    private static void differing(Node node, Set<Node> present, List<Node> path, List<List<Node>> into) {
        path.add(node);
        boolean partsPresent = true;
        for (Node child : children(node)) {
            partsPresent &= present.contains(child);
            differing(child, present, path, into);
        }
        if (partsPresent && !present.contains(node)) {
            into.add(List.copyOf(path));
        }
        path.remove(path.size() - 1);
    }

    private static List<Node> children(Node node) {
        if (node instanceof Call c) {
            return c.arguments();
        } else if (node instanceof Neg n) {
            return List.of(n.operand());
        } else if (node instanceof Not n) {
            return List.of(n.operand());
        } else if (node instanceof Bin b) {
            return List.of(b.left(), b.right());
        } else if (node instanceof Cmp c) {
            return List.of(c.left(), c.right());
        } else if (node instanceof Logic l) {
            return List.of(l.left(), l.right());
        } else if (node instanceof If f) {
            return List.of(f.condition(), f.then(), f.otherwise());
        }
        return List.of();
    }

    private static void walk(Node node, java.util.function.Consumer<Node> visit) {
        visit.accept(node);
        children(node).forEach(c -> walk(c, visit));
    }

    private static int[] operator(Node node) {
        if (node instanceof Bin b) {
            return new int[] {b.start(), b.end()};
        } else if (node instanceof Cmp c) {
            return new int[] {c.start(), c.end()};
        } else if (node instanceof Logic l) {
            return new int[] {l.start(), l.end()};
        }
        return null;
    }

    /** The first and last place in the XPP file of the tokens a node is made of (brackets around it left out). */
    private static int[] extent(Node node) {
        int[] own = node instanceof Num n ? new int[] {n.start(), n.end()} : node instanceof Name n ? new int[] {n.start(), n.end()}
                : node instanceof Call c ? new int[] {c.start(), c.end()} : node instanceof If f ? new int[] {f.start(), f.end()}
                : node instanceof Neg n ? new int[] {n.start(), n.start() + 1} : node instanceof Not n ? new int[] {n.start(), n.start() + 3}
                : operator(node);
        int start = own == null ? Integer.MAX_VALUE : own[0];
        int end = own == null ? Integer.MIN_VALUE : own[1];
        for (Node child : children(node)) {
            int[] e = extent(child);
            start = Math.min(start, e[0]);
            end = Math.max(end, e[1]);
        }
        return new int[] {start, end};
    }

    /** A node in XPP's notation with every compound operand bracketed: {@code t - (5 > 0)}. */
    static String show(Node node) {
        if (node instanceof Num n) {
            return n.text();
        } else if (node instanceof Name n) {
            return n.name();
        } else if (node instanceof Call c) {
            List<String> arguments = new ArrayList<>();
            c.arguments().forEach(a -> arguments.add(show(a)));
            return c.name() + "(" + String.join(", ", arguments) + ")";
        } else if (node instanceof Neg n) {
            return "-" + operand(n.operand());
        } else if (node instanceof Not n) {
            return "not(" + show(n.operand()) + ")";
        } else if (node instanceof If f) {
            return "if(" + show(f.condition()) + ")then(" + show(f.then()) + ")else(" + show(f.otherwise()) + ")";
        }
        List<Node> two = children(node);
        String operator = node instanceof Bin b ? String.valueOf(b.operator()) : node instanceof Cmp c ? c.operator()
                : String.valueOf(((Logic) node).operator());
        return operand(two.get(0)) + " " + operator + " " + operand(two.get(1));
    }

    private static String operand(Node node) {
        return node instanceof Bin || node instanceof Cmp || node instanceof Logic || node instanceof Neg ? "(" + show(node) + ")"
                : show(node);
    }

    private static List<Token> tokenize(String line, int[] offsets, int from, int to) throws XppException {
        List<Token> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n') {
                i++;
                continue;
            }
            int start = i;
            if (Character.isDigit(c) || (c == '.' && i + 1 < to && Character.isDigit(line.charAt(i + 1)))) {
                while (i < to && Character.isDigit(line.charAt(i))) {
                    i++;
                }
                if (i < to && line.charAt(i) == '.') {
                    i++;
                    while (i < to && Character.isDigit(line.charAt(i))) {
                        i++;
                    }
                }
                if (i < to && (line.charAt(i) == 'e' || line.charAt(i) == 'd')) {
                    int j = i + 1;
                    if (j < to && (line.charAt(j) == '+' || line.charAt(j) == '-')) {
                        j++;
                    }
                    if (j < to && Character.isDigit(line.charAt(j))) {
                        while (j < to && Character.isDigit(line.charAt(j))) {
                            j++;
                        }
                        i = j;
                    }
                }
                String text = line.substring(start, i).replace('d', 'e');
                out.add(new Token(Kind.NUMBER, text.startsWith(".") ? "0" + text : text, offsets[start], offsets[i - 1] + 1));
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                while (i < to && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == '.')) {
                    i++;
                }
                while (i > start + 1 && line.charAt(i - 1) == '.') {
                    i--; // a trailing dot ends a sentence, not a name
                }
                out.add(new Token(Kind.NAME, line.substring(start, i), offsets[start], offsets[i - 1] + 1));
                continue;
            }
            String two = i + 1 < to ? line.substring(i, i + 2) : "";
            if (two.equals("**") || two.equals("<=") || two.equals(">=") || two.equals("==") || two.equals("!=")) {
                out.add(new Token(Kind.OPERATOR, two, offsets[i], offsets[i + 1] + 1));
                i += 2;
                continue;
            }
            if ("+-*/^(),<>&|".indexOf(c) >= 0) {
                out.add(new Token(Kind.OPERATOR, String.valueOf(c), offsets[i], offsets[i] + 1));
                i++;
                continue;
            }
            if (c == '[' || c == '{' || c == '#') {
                throw new XppException("xpp-unsupported", offsets[i], offsets[i] + 1, c == '['
                        ? "arrays (x[1..n], x[j]): not supported by the XPP reader"
                        : "integrals (int{...}, convolutions #): not supported by the XPP reader",
                        c == '[' ? "write each element as its own variable" : "write the equations without the integral");
            }
            if (c == '\'') {
                throw new XppException("xpp-unsupported", offsets[i], offsets[i] + 1,
                        "a prime inside an expression (t' in a Volterra integral): not supported by the XPP reader", "");
            }
            throw new XppException("xpp-syntax", offsets[i], offsets[i] + 1, "unexpected character '" + c + "'", "");
        }
        int end = to > from && to - 1 < offsets.length ? offsets[to - 1] + 1 : (from < offsets.length ? offsets[from] : 0);
        out.add(new Token(Kind.END, "the end of the line", end, end + 1));
        return out;
    }

    private Token peek() {
        return tokens.get(position);
    }

    private boolean at(String operator) {
        Token t = peek();
        return t.kind == Kind.OPERATOR && t.text.equals(operator);
    }

    private Token expect(String operator) throws XppException {
        Token t = peek();
        if (!at(operator)) {
            throw new XppException("xpp-syntax", t.start, t.end, "expected '" + operator + "' but found '" + t.text + "'", "");
        }
        position++;
        return t;
    }

    /** Precedence climbing over the operators of priority {@code min} and above; equal priorities group from the left. */
    private Node expression(int min) throws XppException {
        Node left = prefix();
        while (true) {
            Token t = peek();
            Integer p = t.kind == Kind.OPERATOR ? priority.get(t.text) : null;
            if (p == null || p < min) {
                return left;
            }
            position++;
            Node right = expression(p + 1);
            switch (t.text) {
                case "&", "|" -> left = new Logic(t.text.charAt(0), left, right, t.start, t.end);
                case "+", "-", "*", "/" -> left = new Bin(t.text.charAt(0), left, right, t.start, t.end);
                case "^", "**" -> left = new Bin('^', left, right, t.start, t.end);
                default -> left = new Cmp(t.text, left, right, t.start, t.end);
            }
        }
    }

    /** Unary minus and plus, and XPP's {@code not}: in XPP a prefix of priority 6, {@code not(a)>b} is not(a>b). */
    private Node prefix() throws XppException {
        if (at("-")) {
            int start = peek().start;
            position++;
            return new Neg(expression(PREFIX_OPERAND), start);
        }
        if (at("+")) {
            position++;
            return prefix();
        }
        Token t = peek();
        if (t.kind == Kind.NAME && t.text.equals("not") && position + 1 < tokens.size()
                && tokens.get(position + 1).kind == Kind.OPERATOR && tokens.get(position + 1).text.equals("(")) {
            position++;
            return new Not(priority == XPP_PRIORITY ? expression(PREFIX_OPERAND) : bracketed(), t.start);
        }
        return primary();
    }

    private Node primary() throws XppException {
        Token t = peek();
        if (t.kind == Kind.NUMBER) {
            position++;
            return new Num(t.text, t.start, t.end);
        }
        if (t.kind == Kind.NAME) {
            position++;
            if (t.text.equals("if") && at("(")) {
                Node condition = bracketed();
                expectWord("then");
                Node then = bracketed();
                expectWord("else");
                Node otherwise = bracketed();
                return new If(condition, then, otherwise, t.start, t.end);
            }
            if (at("(")) {
                if (UNSUPPORTED.containsKey(t.text)) {
                    throw new XppException("xpp-unsupported", t.start, t.end, "'" + t.text + "' (" + UNSUPPORTED.get(t.text)
                            + "): not supported by the XPP reader", "neuroform solves ordinary differential equations");
                }
                position++;
                List<Node> arguments = new ArrayList<>();
                if (!at(")")) {
                    arguments.add(expression(0));
                    while (at(",")) {
                        position++;
                        arguments.add(expression(0));
                    }
                }
                expect(")");
                return new Call(t.text, t.start, t.end, arguments);
            }
            return new Name(t.text, t.start, t.end);
        }
        if (at("(")) {
            return bracketed();
        }
        throw new XppException("xpp-syntax", t.start, t.end, "expected a value but found '" + t.text + "'", "");
    }

    private Node bracketed() throws XppException {
        expect("(");
        Node inner = expression(0);
        expect(")");
        return inner;
    }

    private void expectWord(String word) throws XppException {
        Token t = peek();
        if (t.kind != Kind.NAME || !t.text.equals(word)) {
            throw new XppException("xpp-syntax", t.start, t.end, "expected '" + word + "' in if(...)then(...)else(...) but found '"
                    + t.text + "'", "");
        }
        position++;
    }

    // ---- writing native text

    /** XPP's built-in functions that the translation writes (the others are refused, {@link #UNSUPPORTED}), for messages. */
    static final String BUILTINS = "sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, exp, ln, log, log10, sqrt, "
            + "abs, heav, sign, flr, mod, min, max, if(...)then(...)else(...), not";

    /**
     * Writes nodes as native text; {@code rename} maps XPP names to native ones, {@code used} collects prelude defs,
     * {@code defined} tells the names the file defines (a call of any other name that is no built-in is an error: the
     * native language would take {@code ceil(t)} for an unknown function of t).
     */
    static final class Writer {
        private final NativeText out;
        private final UnaryOperator<String> rename;
        private final Map<String, int[]> used;
        private final Set<String> defined;

        Writer(NativeText out, UnaryOperator<String> rename, Map<String, int[]> used, Set<String> defined) {
            this.out = out;
            this.rename = rename;
            this.used = used;
            this.defined = defined;
        }

        private static int precedence(Node node) {
            if (node instanceof Bin) {
                char op = ((Bin) node).operator();
                return op == '+' || op == '-' ? 1 : op == '^' ? 4 : 2;
            }
            return node instanceof Neg ? 3 : 5;
        }

        private void wrapped(Node node, boolean wrap) throws XppException {
            if (wrap) {
                out.add("(");
            }
            write(node);
            if (wrap) {
                out.add(")");
            }
        }

        void write(Node node) throws XppException {
            if (node instanceof Num) {
                Num n = (Num) node;
                out.token(n.text(), n.start(), n.end() - n.start());
            } else if (node instanceof Name) {
                Name n = (Name) node;
                out.token(rename.apply(n.name()), n.start(), n.end() - n.start());
            } else if (node instanceof Call) {
                call((Call) node);
            } else if (node instanceof Neg) {
                out.add("-");
                Node operand = ((Neg) node).operand();
                wrapped(operand, precedence(operand) < 3);
            } else if (node instanceof Bin) {
                Bin b = (Bin) node;
                int p = precedence(b);
                if (b.operator() == '^') {
                    wrapped(b.left(), precedence(b.left()) < 5);
                    out.add("^");
                    wrapped(b.right(), precedence(b.right()) < 3);
                } else {
                    wrapped(b.left(), precedence(b.left()) < p);
                    out.add(p == 1 ? " " + b.operator() + " " : String.valueOf(b.operator()));
                    boolean strict = b.operator() == '-' || b.operator() == '/';
                    wrapped(b.right(), precedence(b.right()) < p || (strict && precedence(b.right()) == p));
                }
            } else if (node instanceof If) {
                If f = (If) node;
                out.add("(");
                truth(f.condition());
                out.add("*(");
                write(f.then());
                out.add(") + (1 - ");
                truth(f.condition());
                out.add(")*(");
                write(f.otherwise());
                out.add("))");
            } else {
                truth(node);
            }
        }

        /** A 0/1 value: comparisons, &, |, not; any other value is true when it is not 0. */
        private void truth(Node node) throws XppException {
            if (node instanceof Cmp) {
                Cmp c = (Cmp) node;
                switch (c.operator()) {
                    case ">":
                        out.add("(1 - ");
                        heav(c, c.right(), c.left());
                        out.add(")");
                        break;
                    case ">=":
                        heav(c, c.left(), c.right());
                        break;
                    case "<":
                        out.add("(1 - ");
                        heav(c, c.left(), c.right());
                        out.add(")");
                        break;
                    case "<=":
                        heav(c, c.right(), c.left());
                        break;
                    case "==":
                        out.add("(");
                        heav(c, c.left(), c.right());
                        out.add("*");
                        heav(c, c.right(), c.left());
                        out.add(")");
                        break;
                    default:
                        out.add("(1 - ");
                        heav(c, c.left(), c.right());
                        out.add("*");
                        heav(c, c.right(), c.left());
                        out.add(")");
                }
            } else if (node instanceof Logic) {
                Logic l = (Logic) node;
                out.add("(");
                truth(l.left());
                if (l.operator() == '&') {
                    out.add("*");
                    truth(l.right());
                } else {
                    out.add(" + ");
                    truth(l.right());
                    out.add(" - ");
                    truth(l.left());
                    out.add("*");
                    truth(l.right());
                }
                out.add(")");
            } else if (node instanceof Not) {
                out.add("(1 - ");
                truth(((Not) node).operand());
                out.add(")");
            } else {
                out.add("(1 - heav(");
                write(node);
                out.add(")*heav(-(");
                write(node);
                out.add(")))");
            }
        }

        /** {@code heav(a - b)}: 1 when a >= b. */
        private void heav(Cmp at, Node a, Node b) throws XppException {
            out.token("heav", at.start(), at.end() - at.start());
            out.add("(");
            write(a);
            out.add(" - ");
            wrapped(b, precedence(b) <= 1);
            out.add(")");
        }

        private void call(Call c) throws XppException {
            String name = c.name();
            int n = c.arguments().size();
            if (SAME.contains(name) || RENAMED.containsKey(name)) {
                arity(c, 1);
                out.token(SAME.contains(name) ? name : RENAMED.get(name), c.start(), c.end() - c.start());
                arguments(c);
                return;
            }
            if (name.equals("log10")) {
                arity(c, 1);
                out.add("(");
                out.token("log", c.start(), c.end() - c.start());
                arguments(c);
                out.add("/log(10))");
                return;
            }
            if (PRELUDE.containsKey(name)) {
                arity(c, 2);
                used.putIfAbsent(name, new int[] {c.start(), c.end()});
                out.token(name, c.start(), c.end() - c.start());
                arguments(c);
                return;
            }
            if (!defined.contains(name)) {
                throw new XppException("undefined-name", c.start(), c.end(), "'" + name + "' is not a function: not one of "
                        + "XPP's built-ins and not defined in this file", (name.equals("ceil")
                        ? "XPP has no ceil; define it with the line ceil(x) = -flr(-x). "
                        : name.equals("floor") ? "XPP writes floor as flr. " : "")
                        + "The functions XPP has and the translation reads: " + BUILTINS);
            }
            out.token(rename.apply(name), c.start(), c.end() - c.start());
            if (n == 0) {
                out.add("()");
                return;
            }
            arguments(c);
        }

        private static void arity(Call c, int expected) throws XppException {
            if (c.arguments().size() != expected) {
                throw new XppException("xpp-syntax", c.start(), c.end(), "'" + c.name() + "' takes " + expected + " argument"
                        + (expected == 1 ? "" : "s") + ", not " + c.arguments().size(), "");
            }
        }

        private void arguments(Call c) throws XppException {
            out.add("(");
            for (int i = 0; i < c.arguments().size(); i++) {
                if (i > 0) {
                    out.add(", ");
                }
                write(c.arguments().get(i));
            }
            out.add(")");
        }
    }

    /** Every name an expression mentions (not the functions it calls). */
    static void names(Node node, Set<String> into) {
        if (node instanceof Name) {
            into.add(((Name) node).name());
        } else if (node instanceof Call) {
            ((Call) node).arguments().forEach(a -> names(a, into));
        } else if (node instanceof Neg) {
            names(((Neg) node).operand(), into);
        } else if (node instanceof Not) {
            names(((Not) node).operand(), into);
        } else if (node instanceof Bin) {
            names(((Bin) node).left(), into);
            names(((Bin) node).right(), into);
        } else if (node instanceof Cmp) {
            names(((Cmp) node).left(), into);
            names(((Cmp) node).right(), into);
        } else if (node instanceof Logic) {
            names(((Logic) node).left(), into);
            names(((Logic) node).right(), into);
        } else if (node instanceof If) {
            names(((If) node).condition(), into);
            names(((If) node).then(), into);
            names(((If) node).otherwise(), into);
        }
    }
}
