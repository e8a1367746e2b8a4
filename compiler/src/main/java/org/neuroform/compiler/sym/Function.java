package org.neuroform.compiler.sym;

import java.util.Locale;
import java.util.Optional;

/** Negation and the built-in functions of the language, with their derivatives. */
public enum Function {
    NEGATE,
    SIN,
    COS,
    TAN,
    ASIN,
    ACOS,
    ATAN,
    SINH,
    COSH,
    TANH,
    EXP,
    LOG,
    SQRT,
    ABS,
    /** Heaviside's step: 0 below 0, 1 from 0 on (XPP's {@code heav}). Not smooth. */
    HEAV,
    /** −1, 0 or 1. Not smooth. */
    SIGN,
    /** The largest whole number not above the argument. Not smooth. */
    FLOOR;

    /** Jumps somewhere: a smooth network sees a steep ramp there, so a warning says so. */
    public boolean isSmooth() {
        return this != HEAV && this != SIGN && this != FLOOR;
    }

    /** The name users write, e.g. {@code sin}; empty for negation. */
    public String builtinName() {
        return this == NEGATE ? "" : name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Function> builtin(String name) {
        for (Function function : values()) {
            if (function != NEGATE && function.builtinName().equals(name)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    public double apply(double x) {
        switch (this) {
            case NEGATE:
                return -x;
            case SIN:
                return Math.sin(x);
            case COS:
                return Math.cos(x);
            case TAN:
                return Math.tan(x);
            case ASIN:
                return Math.asin(x);
            case ACOS:
                return Math.acos(x);
            case ATAN:
                return Math.atan(x);
            case SINH:
                return Math.sinh(x);
            case COSH:
                return Math.cosh(x);
            case TANH:
                return Math.tanh(x);
            case EXP:
                return Math.exp(x);
            case LOG:
                return Math.log(x);
            case SQRT:
                return Math.sqrt(x);
            case HEAV:
                return Double.isNaN(x) ? x : x >= 0 ? 1 : 0;
            case SIGN:
                return Math.signum(x);
            case FLOOR:
                return Math.floor(x);
            default:
                return Math.abs(x);
        }
    }

    /** d f(a) / d a, as an expression in {@code a}. */
    public Expr derivative(Expr a) {
        switch (this) {
            case NEGATE:
                return Sym.constant(-1);
            case SIN:
                return Sym.apply(COS, a);
            case COS:
                return Sym.neg(Sym.apply(SIN, a));
            case TAN:
                return Sym.add(Sym.ONE, Sym.pow(Sym.apply(TAN, a), Sym.constant(2)));
            case ASIN:
                return Sym.div(Sym.ONE, Sym.apply(SQRT, Sym.sub(Sym.ONE, Sym.pow(a, Sym.constant(2)))));
            case ACOS:
                return Sym.neg(Sym.div(Sym.ONE, Sym.apply(SQRT, Sym.sub(Sym.ONE, Sym.pow(a, Sym.constant(2))))));
            case ATAN:
                return Sym.div(Sym.ONE, Sym.add(Sym.ONE, Sym.pow(a, Sym.constant(2))));
            case SINH:
                return Sym.apply(COSH, a);
            case COSH:
                return Sym.apply(SINH, a);
            case TANH:
                return Sym.sub(Sym.ONE, Sym.pow(Sym.apply(TANH, a), Sym.constant(2)));
            case EXP:
                return Sym.apply(EXP, a);
            case LOG:
                return Sym.div(Sym.ONE, a);
            case SQRT:
                return Sym.div(Sym.constant(0.5), Sym.apply(SQRT, a));
            case HEAV:
            case SIGN:
            case FLOOR:
                return Sym.ZERO; // piecewise constant: 0 wherever it is differentiable
            default:
                return Sym.div(a, Sym.apply(ABS, a)); // sign(a); undefined at 0 like |a|'
        }
    }
}
