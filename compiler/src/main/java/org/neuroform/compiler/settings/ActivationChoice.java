package org.neuroform.compiler.settings;

/** The {@code activation} train option. */
public enum ActivationChoice {
    TANH("tanh"),
    SIGMOID("sigmoid"),
    SIN("sin");

    private final String keyword;

    ActivationChoice(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
