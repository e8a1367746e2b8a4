package org.neuroform.runtime.nn;

import java.util.List;
import java.util.Objects;

/**
 * The architecture of one network: scalar input mapped affinely onto [−1, 1], hidden layers,
 * outputs, activation.
 *
 * @param inputScale {@code s = inputScale * x + inputShift}
 */
public record NetworkShape(List<Integer> hidden, int outputs, Activation activation, double inputScale, double inputShift) {

    /** The activations a network can use. */
    public enum Activation {
        TANH,
        SIGMOID,
        SIN;

        public TaylorActivation taylor() {
            switch (this) {
                case SIGMOID:
                    return RiccatiActivation.SIGMOID;
                case SIN:
                    return Sine.INSTANCE;
                default:
                    return RiccatiActivation.TANH;
            }
        }
    }

    public NetworkShape {
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(activation, "activation");
        if (hidden.isEmpty() || outputs < 1 || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("bad network shape " + hidden + " → " + outputs);
        }
    }

    /** Input on [lower, upper] mapped onto [−1, 1]. */
    public static NetworkShape of(List<Integer> hidden, int outputs, Activation activation, double lower, double upper) {
        double scale = 2 / (upper - lower);
        return new NetworkShape(hidden, outputs, activation, scale, -1 - scale * lower);
    }

    public int parameterCount() {
        int count = 0;
        int in = 1;
        for (int width : hidden) {
            count += in * width + width;
            in = width;
        }
        return count + in * outputs + outputs;
    }
}
