package org.neuroform.repl.plot;

import java.util.Objects;

/** One curve to plot: its label ({@code y}, {@code y'}) and its values at the plot's x samples. */
public record Curve(String label, double[] values) {
    public Curve {
        Objects.requireNonNull(label, "label");
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
