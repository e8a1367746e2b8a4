package org.neuroform.runtime.nn;

import java.util.List;
import java.util.Objects;

/** How the networks of a problem are laid out: hidden sizes, activation, one per unknown or shared. */
public record NetworkLayout(List<Integer> hidden, NetworkShape.Activation activation, boolean shared) {
    public NetworkLayout {
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(activation, "activation");
    }

    /** Networks for a segment [lower, upper], whose input is mapped onto [−1, 1]. */
    public NetworkBank bank(int unknowns, double lower, double upper) {
        if (shared) {
            return NetworkBank.shared(unknowns, outputs -> new TaylorMlp(NetworkShape.of(hidden, outputs, activation, lower, upper)));
        }
        return NetworkBank.separate(unknowns, outputs -> new TaylorMlp(NetworkShape.of(hidden, outputs, activation, lower, upper)));
    }

    public int parameterCount(int unknowns) {
        if (shared) {
            return NetworkShape.of(hidden, unknowns, activation, 0, 1).parameterCount();
        }
        return unknowns * NetworkShape.of(hidden, 1, activation, 0, 1).parameterCount();
    }
}
