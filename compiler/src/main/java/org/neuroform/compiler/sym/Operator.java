package org.neuroform.compiler.sym;

public enum Operator {
    ADD("+", 1),
    SUBTRACT("-", 1),
    MULTIPLY("*", 2),
    DIVIDE("/", 2),
    POWER("^", 4);

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    /** Binding strength when printing; unary minus sits at 3, between '*' and '^'. */
    public int precedence() {
        return precedence;
    }

    public double apply(double left, double right) {
        switch (this) {
            case ADD:
                return left + right;
            case SUBTRACT:
                return left - right;
            case MULTIPLY:
                return left * right;
            case DIVIDE:
                return left / right;
            default:
                return power(left, right);
        }
    }

    /** {@code Math.pow}, but exact and fast for the small integer exponents equations use. */
    public static double power(double base, double exponent) {
        if (exponent == 2) {
            return base * base;
        }
        if (exponent == 3) {
            return base * base * base;
        }
        if (exponent == 1) {
            return base;
        }
        return Math.pow(base, exponent);
    }
}
