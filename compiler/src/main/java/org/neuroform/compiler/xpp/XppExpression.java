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

    record Neg(Node operand) implements Node {}

    record Bin(char operator, Node left, Node right) implements Node {}

    record Cmp(String operator, Node left, Node right, int start, int end) implements Node {}

    record Logic(char operator, Node left, Node right) implements Node {}

    record Not(Node operand) implements Node {}

    record If(Node condition, Node then, Node otherwise, int start, int end) implements Node {}

    private final List<Token> tokens;
    private int position;

    private XppExpression(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses {@code line[from, to)}; {@code offsets[i]} is where character i of the line is in the XPP file. */
    static Node parse(String line, int[] offsets, int from, int to) throws XppException {
        List<Token> tokens = tokenize(line, offsets, from, to);
        XppExpression parser = new XppExpression(tokens);
        if (parser.peek().kind == Kind.END) {
            int at = from < offsets.length ? offsets[Math.min(from, offsets.length - 1)] : 0;
            throw new XppException("xpp-syntax", at, at + 1, "an expression is missing here", "");
        }
        Node node = parser.or();
        Token rest = parser.peek();
        if (rest.kind != Kind.END) {
            throw new XppException("xpp-syntax", rest.start, rest.end, "unexpected '" + rest.text + "' in this expression",
                    rest.text.equals("(") ? "write * between a value and a bracket" : "");
        }
        return node;
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

    private Node or() throws XppException {
        Node left = and();
        while (at("|")) {
            position++;
            left = new Logic('|', left, and());
        }
        return left;
    }

    private Node and() throws XppException {
        Node left = comparison();
        while (at("&")) {
            position++;
            left = new Logic('&', left, comparison());
        }
        return left;
    }

    private Node comparison() throws XppException {
        Node left = additive();
        for (String op : new String[] {"<=", ">=", "==", "!=", "<", ">"}) {
            if (at(op)) {
                Token t = peek();
                position++;
                return new Cmp(op, left, additive(), t.start, t.end);
            }
        }
        return left;
    }

    private Node additive() throws XppException {
        Node left = multiplicative();
        while (at("+") || at("-")) {
            char op = peek().text.charAt(0);
            position++;
            left = new Bin(op, left, multiplicative());
        }
        return left;
    }

    private Node multiplicative() throws XppException {
        Node left = unary();
        while (at("*") || at("/")) {
            char op = peek().text.charAt(0);
            position++;
            left = new Bin(op, left, unary());
        }
        return left;
    }

    private Node unary() throws XppException {
        if (at("-")) {
            position++;
            return new Neg(unary());
        }
        if (at("+")) {
            position++;
            return unary();
        }
        return power();
    }

    private Node power() throws XppException {
        Node base = primary();
        if (at("^") || at("**")) {
            position++;
            return new Bin('^', base, unary());
        }
        return base;
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
            if (t.text.equals("not") && at("(")) {
                return new Not(bracketed());
            }
            if (at("(")) {
                if (UNSUPPORTED.containsKey(t.text)) {
                    throw new XppException("xpp-unsupported", t.start, t.end, "'" + t.text + "' (" + UNSUPPORTED.get(t.text)
                            + "): not supported by the XPP reader", "neuroform solves ordinary differential equations");
                }
                position++;
                List<Node> arguments = new ArrayList<>();
                if (!at(")")) {
                    arguments.add(or());
                    while (at(",")) {
                        position++;
                        arguments.add(or());
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
        Node inner = or();
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
