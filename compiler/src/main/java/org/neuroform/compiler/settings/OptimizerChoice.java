package org.neuroform.compiler.settings;

import java.util.Set;

/**
 * The {@code optimizer} train option, and which other train options each optimizer reads: the one
 * place that knows it ({@code :show}, {@code check --show} and the docs list only those).
 */
public enum OptimizerChoice {
    /**
     * The default: the automatic solver. It chooses its own iteration budgets and stopping
     * targets from {@code accuracy}, so it reads neither {@code epochs}, {@code lr} nor
     * {@code tolerance}.
     */
    AUTO("auto", Set.of("epochs", "lr", "tolerance")),
    ADAM("adam", Set.of()),
    /** L-BFGS takes no learning rate. */
    LBFGS("lbfgs", Set.of("lr")),
    ADAM_LBFGS("adam+lbfgs", Set.of()),
    /** Levenberg–Marquardt on the residual vector: its damping replaces a learning rate. */
    LM("lm", Set.of("lr"));

    private final String keyword;
    private final Set<String> unused;

    OptimizerChoice(String keyword, Set<String> unused) {
        this.keyword = keyword;
        this.unused = unused;
    }

    public String keyword() {
        return keyword;
    }

    /** Whether training with this optimizer reads the train option {@code key}. */
    public boolean uses(String key) {
        return !unused.contains(key);
    }
}
