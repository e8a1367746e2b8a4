package org.neuroform.compiler.sym;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Prints expressions in the language's own syntax, with as few parentheses as precedence
 * allows: {@code y'' + 0.2*y' + y - (-0.2*exp(-0.2*x)*cos(x))}.
 */
public final class Printer {
    private static final int UNARY = 3;
    private static final int ATOM = 9;

    private final String variable;
    private final List<String> unknowns;

    public Printer(String variable, List<String> unknowns) {
        this.variable = variable;
        this.unknowns = List.copyOf(unknowns);
    }

    public String print(Expr e) {
        StringBuilder out = new StringBuilder();
        print(e, out);
        return out.toString();
    }

    /** Shortest text that reads back as the same double: 0.2, 1, 1e-12, 3.141592653589793. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = Double.toString(value);
        if (text.contains("E")) {
            BigDecimal decimal = new BigDecimal(text);
            return decimal.stripTrailingZeros().toString().replace("E+", "e").replace("E", "e");
        }
        return text;
    }

    /**
     * At most {@code digits} significant digits, no trailing zeros: plain between 1e−4 and 1e7 ({@code 0.999914}),
     * scientific outside ({@code 1.3114e-09}). The form of ranges and axis labels, in messages of every layer.
     */
    public static String compact(double v, int digits) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        return String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", v).replaceFirst("\\.?0+e", "e");
    }

    public String unknownName(int unknown, int order) {
        return unknowns.get(unknown) + "'".repeat(order);
    }

    private int precedence(Expr e) {
        if (e instanceof Binary) {
            return ((Binary) e).operator().precedence();
        }
        if (e instanceof Apply && ((Apply) e).function() == Function.NEGATE) {
            return UNARY;
        }
        if (e instanceof Constant && ((Constant) e).value() < 0) {
            return UNARY;
        }
        return ATOM;
    }

    private void print(Expr e, StringBuilder out) {
        if (e instanceof Constant) {
            out.append(number(((Constant) e).value()));
        } else if (e instanceof Variable) {
            out.append(variable);
        } else if (e instanceof Derivative) {
            Derivative d = (Derivative) e;
            out.append(unknownName(d.unknown(), d.order()));
        } else if (e instanceof PointValue) {
            PointValue p = (PointValue) e;
            out.append(unknownName(p.unknown(), p.order())).append('(').append(number(p.point())).append(')');
        } else if (e instanceof Apply) {
            Apply apply = (Apply) e;
            if (apply.function() == Function.NEGATE) {
                out.append('-');
                wrap(apply.argument(), precedence(apply.argument()) <= UNARY, out);
            } else {
                out.append(apply.function().builtinName()).append('(');
                print(apply.argument(), out);
                out.append(')');
            }
        } else {
            Binary binary = (Binary) e;
            int own = binary.operator().precedence();
            int left = precedence(binary.left());
            int right = precedence(binary.right());
            if (binary.operator() == Operator.POWER) {
                wrap(binary.left(), left <= own, out);
                out.append('^');
                wrap(binary.right(), right < own, out);
            } else {
                wrap(binary.left(), left < own, out);
                out.append(own == 1 ? " " + binary.operator().symbol() + " " : binary.operator().symbol());
                boolean rightNeedsParens = right < own
                        || (right == own && (binary.operator() == Operator.SUBTRACT || binary.operator() == Operator.DIVIDE))
                        || (right == UNARY && own > 1);
                wrap(binary.right(), rightNeedsParens || right == UNARY, out);
            }
        }
    }

    private void wrap(Expr e, boolean parens, StringBuilder out) {
        if (parens) {
            out.append('(');
            print(e, out);
            out.append(')');
        } else {
            print(e, out);
        }
    }
}
