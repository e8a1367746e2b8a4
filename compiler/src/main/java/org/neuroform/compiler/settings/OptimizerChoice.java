package org.neuroform.compiler.settings;

/** The {@code optimizer} train option. */
public enum OptimizerChoice {
    /** Levenberg–Marquardt, with restarts from other seeds when validation fails (the default). */
    AUTO("auto"),
    ADAM("adam"),
    LBFGS("lbfgs"),
    ADAM_LBFGS("adam+lbfgs"),
    /** Levenberg–Marquardt on the residual vector. */
    LM("lm");

    private final String keyword;

    OptimizerChoice(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
