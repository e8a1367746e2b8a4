package org.neuroform.compiler.sym;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Smart constructors for {@link Expr}: constants fold and neutral elements vanish
 * ({@code 0 + e = e}, {@code 1 * e = e}, {@code 0 * e = 0}, {@code e ^ 1 = e}, {@code --e = e}),
 * so that derivatives stay readable and cheap to evaluate. No other rewriting: what the
 * user wrote keeps its shape.
 */
public final class Sym {
    public static final Constant ZERO = Constant.ZERO;
    public static final Constant ONE = Constant.ONE;

    private Sym() {}

    public static Expr constant(double value) {
        if (value == 0) {
            return ZERO; // also folds -0.0
        }
        if (value == 1) {
            return ONE;
        }
        return new Constant(value);
    }

    public static Expr add(Expr a, Expr b) {
        if (a.isConstant() && b.isConstant()) {
            return constant(value(a) + value(b));
        }
        if (a.isConstant(0)) {
            return b;
        }
        if (b.isConstant(0)) {
            return a;
        }
        if (b instanceof Apply && ((Apply) b).function() == Function.NEGATE) {
            return sub(a, ((Apply) b).argument());
        }
        if (hasNegativeFactor(b)) {
            return sub(a, negateFactor(b));
        }
        return new Binary(Operator.ADD, a, b);
    }

    public static Expr sub(Expr a, Expr b) {
        if (a.isConstant() && b.isConstant()) {
            return constant(value(a) - value(b));
        }
        if (b.isConstant(0)) {
            return a;
        }
        if (a.isConstant(0)) {
            return neg(b);
        }
        if (b instanceof Apply && ((Apply) b).function() == Function.NEGATE) {
            return add(a, ((Apply) b).argument());
        }
        if (a.equals(b)) {
            return ZERO;
        }
        if (hasNegativeFactor(b)) {
            return add(a, negateFactor(b));
        }
        return new Binary(Operator.SUBTRACT, a, b);
    }

    public static Expr mul(Expr a, Expr b) {
        if (a.isConstant() && b.isConstant()) {
            return constant(value(a) * value(b));
        }
        if (a.isConstant(0) || b.isConstant(0)) {
            return ZERO;
        }
        if (a.isConstant(1)) {
            return b;
        }
        if (b.isConstant(1)) {
            return a;
        }
        if (a.isConstant(-1)) {
            return neg(b);
        }
        if (b.isConstant(-1)) {
            return neg(a);
        }
        if (b.isConstant() && !a.isConstant()) {
            return mul(b, a); // constants first: 2*y rather than y*2
        }
        if (a.isConstant() && b instanceof Binary && ((Binary) b).operator() == Operator.MULTIPLY
                && ((Binary) b).left().isConstant()) {
            Binary product = (Binary) b;
            return mul(constant(value(a) * value(product.left())), product.right());
        }
        return new Binary(Operator.MULTIPLY, a, b);
    }

    public static Expr div(Expr a, Expr b) {
        if (a.isConstant() && b.isConstant() && value(b) != 0) {
            return constant(value(a) / value(b));
        }
        if (a.isConstant(0) && !b.isConstant(0)) {
            return ZERO;
        }
        if (b.isConstant(1)) {
            return a;
        }
        if (b.isConstant(-1)) {
            return neg(a);
        }
        return new Binary(Operator.DIVIDE, a, b);
    }

    public static Expr pow(Expr a, Expr b) {
        if (a.isConstant() && b.isConstant()) {
            return constant(Operator.power(value(a), value(b)));
        }
        if (b.isConstant(1)) {
            return a;
        }
        if (b.isConstant(0)) {
            return ONE;
        }
        return new Binary(Operator.POWER, a, b);
    }

    public static Expr neg(Expr a) {
        if (a.isConstant()) {
            return constant(-value(a));
        }
        if (a instanceof Apply && ((Apply) a).function() == Function.NEGATE) {
            return ((Apply) a).argument();
        }
        return new Apply(Function.NEGATE, a);
    }

    public static Expr apply(Function function, Expr a) {
        if (function == Function.NEGATE) {
            return neg(a);
        }
        if (a.isConstant()) {
            return constant(function.apply(value(a)));
        }
        return new Apply(function, a);
    }

    public static Expr binary(Operator operator, Expr a, Expr b) {
        switch (operator) {
            case ADD:
                return add(a, b);
            case SUBTRACT:
                return sub(a, b);
            case MULTIPLY:
                return mul(a, b);
            case DIVIDE:
                return div(a, b);
            default:
                return pow(a, b);
        }
    }

    /** A negative constant, or a product whose leftmost factor is one ({@code -0.2*exp(x)*cos(x)}). */
    private static boolean hasNegativeFactor(Expr e) {
        if (e instanceof Constant) {
            return ((Constant) e).value() < 0;
        }
        return e instanceof Binary && ((Binary) e).operator() == Operator.MULTIPLY && hasNegativeFactor(((Binary) e).left());
    }

    /** The same with the leading constant's sign flipped. */
    private static Expr negateFactor(Expr e) {
        if (e instanceof Constant) {
            return constant(-((Constant) e).value());
        }
        Binary product = (Binary) e;
        return mul(negateFactor(product.left()), product.right());
    }

    private static double value(Expr constant) {
        return ((Constant) constant).value();
    }

    /**
     * The partial derivative of {@code e} with respect to a leaf ({@link Derivative},
     * {@link PointValue} or {@link Variable}), every other leaf held fixed. This is what the
     * loss gradient needs: {@code dR/dy'} treats {@code y}, {@code y'}, {@code x} as
     * independent symbols.
     */
    public static Expr partial(Expr e, Expr leaf) {
        return e.accept(new ExprVisitor<>() {
            @Override
            public Expr visitConstant(Constant constant) {
                return ZERO;
            }

            @Override
            public Expr visitVariable(Variable variable) {
                return variable.equals(leaf) ? ONE : ZERO;
            }

            @Override
            public Expr visitDerivative(Derivative derivative) {
                return derivative.equals(leaf) ? ONE : ZERO;
            }

            @Override
            public Expr visitPointValue(PointValue pointValue) {
                return pointValue.equals(leaf) ? ONE : ZERO;
            }

            @Override
            public Expr visitApply(Apply apply) {
                Expr inner = apply.argument().accept(this);
                if (inner.isConstant(0)) {
                    return ZERO;
                }
                return mul(apply.function().derivative(apply.argument()), inner);
            }

            @Override
            public Expr visitBinary(Binary binary) {
                Expr l = binary.left();
                Expr r = binary.right();
                Expr dl = l.accept(this);
                Expr dr = r.accept(this);
                switch (binary.operator()) {
                    case ADD:
                        return add(dl, dr);
                    case SUBTRACT:
                        return sub(dl, dr);
                    case MULTIPLY:
                        return add(mul(dl, r), mul(l, dr));
                    case DIVIDE:
                        if (dr.isConstant(0)) {
                            return div(dl, r);
                        }
                        return div(sub(mul(dl, r), mul(l, dr)), pow(r, constant(2)));
                    default:
                        if (dr.isConstant(0)) {
                            if (dl.isConstant(0)) {
                                return ZERO;
                            }
                            // d(l^c) = c l^(c-1) dl
                            return mul(mul(r, pow(l, sub(r, ONE))), dl);
                        }
                        // d(l^r) = l^r (dr log l + r dl / l)
                        return mul(binary, add(mul(dr, apply(Function.LOG, l)), div(mul(r, dl), l)));
                }
            }
        });
    }

    /** The leaves of an expression that are unknown terms ({@link Derivative} and {@link PointValue}), in order of appearance. */
    public static Set<Expr> unknownTerms(Expr e) {
        Set<Expr> terms = new LinkedHashSet<>();
        collect(e, terms);
        return terms;
    }

    private static void collect(Expr e, Set<Expr> terms) {
        if (e instanceof Derivative || e instanceof PointValue) {
            terms.add(e);
        } else if (e instanceof Apply) {
            collect(((Apply) e).argument(), terms);
        } else if (e instanceof Binary) {
            collect(((Binary) e).left(), terms);
            collect(((Binary) e).right(), terms);
        }
    }

    /** True when {@code e} mentions the independent variable. */
    public static boolean mentionsVariable(Expr e) {
        if (e instanceof Variable) {
            return true;
        }
        if (e instanceof Apply) {
            return mentionsVariable(((Apply) e).argument());
        }
        if (e instanceof Binary) {
            return mentionsVariable(((Binary) e).left()) || mentionsVariable(((Binary) e).right());
        }
        return false;
    }

    /** Replaces leaves by what {@code replacement} returns for them (identity when it returns the leaf). */
    public static Expr substitute(Expr e, java.util.function.UnaryOperator<Expr> replacement) {
        if (e instanceof Apply) {
            Apply apply = (Apply) e;
            return apply(apply.function(), substitute(apply.argument(), replacement));
        }
        if (e instanceof Binary) {
            Binary binary = (Binary) e;
            return binary(
                    binary.operator(),
                    substitute(binary.left(), replacement),
                    substitute(binary.right(), replacement));
        }
        return replacement.apply(e);
    }
}
