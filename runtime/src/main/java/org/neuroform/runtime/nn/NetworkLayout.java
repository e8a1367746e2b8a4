package org.neuroform.runtime.nn;

import java.util.List;
import java.util.Objects;

/**
 * How the networks of a problem are laid out: hidden sizes, activation, one per unknown or
 * shared, and the backend that computes them ({@link Backend#JAVA} unless asked otherwise).
 */
public record NetworkLayout(List<Integer> hidden, NetworkShape.Activation activation, boolean shared, Backend backend) {
    public NetworkLayout {
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(backend, "backend");
    }

    /** The plain-Java backend. */
    public NetworkLayout(List<Integer> hidden, NetworkShape.Activation activation, boolean shared) {
        this(hidden, activation, shared, Backend.JAVA);
    }

    public NetworkLayout withBackend(Backend backend) {
        return new NetworkLayout(hidden, activation, shared, backend);
    }

    /** Networks for a segment [lower, upper], whose input is mapped onto [−1, 1]. */
    public NetworkBank bank(int unknowns, double lower, double upper) {
        if (shared) {
            return NetworkBank.shared(unknowns, backend.networks(hidden, activation, lower, upper));
        }
        return NetworkBank.separate(unknowns, backend.networks(hidden, activation, lower, upper));
    }

    public int parameterCount(int unknowns) {
        if (shared) {
            return NetworkShape.of(hidden, unknowns, activation, 0, 1).parameterCount();
        }
        return unknowns * NetworkShape.of(hidden, 1, activation, 0, 1).parameterCount();
    }
}
