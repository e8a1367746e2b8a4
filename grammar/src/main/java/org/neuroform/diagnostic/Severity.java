package org.neuroform.diagnostic;

/** How serious a diagnostic is: errors stop compilation after their phase, warnings do not. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
