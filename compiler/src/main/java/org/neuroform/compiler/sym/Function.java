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
    ABS;

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
            default:
                return Sym.div(a, Sym.apply(ABS, a)); // sign(a); undefined at 0 like |a|'
        }
    }
}
