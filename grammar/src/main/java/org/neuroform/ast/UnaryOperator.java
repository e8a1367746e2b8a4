package org.neuroform.ast;

public enum UnaryOperator {
    PLUS("+"),
    MINUS("-");

    private final String symbol;

    UnaryOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
