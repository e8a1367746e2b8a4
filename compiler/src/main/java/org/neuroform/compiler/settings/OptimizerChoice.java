package org.neuroform.compiler.settings;

import java.util.Set;

/**
 * The {@code optimizer} train option, and which other train options each optimizer reads: the one
 * place that knows it ({@code :show}, {@code check --show} and the docs list only those).
 */
public enum OptimizerChoice {
    /**
     * The default: least squares over frozen network features (the output layers solved, the
     * hidden layer drawn once), marched with step-size control on initial value problems. It
     * chooses its own iterations and stopping targets from {@code accuracy}, so it reads neither
     * {@code epochs}, {@code lr} nor {@code tolerance}.
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

    /**
     * The hidden layers when {@code train hidden} is not given: 20 frozen features for the
     * least-squares solver, 8 trained units for the optimizers that train every weight.
     */
    public java.util.List<Integer> defaultHidden() {
        return this == AUTO ? java.util.List.of(20) : java.util.List.of(8);
    }

    /** Whether training with this optimizer reads the train option {@code key}. */
    public boolean uses(String key) {
        return !unused.contains(key);
    }
}
