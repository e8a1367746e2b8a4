package org.neuroform.runtime.nn;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

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

    /** Layer widths: 1 (the input), the hidden sizes, the outputs. */
    public int[] widths() {
        int[] widths = new int[hidden.size() + 2];
        widths[0] = 1;
        for (int i = 0; i < hidden.size(); i++) {
            widths[i + 1] = hidden.get(i);
        }
        widths[widths.length - 1] = outputs;
        return widths;
    }

    /**
     * Where each layer's parameters start in the network's slice: per layer l, the weights W
     * (in × out, row-major) at {@code offsets[2l]}, then the biases b (out) at {@code offsets[2l + 1]}.
     */
    public int[] parameterOffsets() {
        int[] widths = widths();
        int[] offsets = new int[2 * (widths.length - 1)];
        int offset = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            offsets[2 * l] = offset;
            offset += widths[l] * widths[l + 1];
            offsets[2 * l + 1] = offset;
            offset += widths[l + 1];
        }
        return offsets;
    }

    /**
     * Glorot-uniform weights, zero biases, drawn in layout order: every backend initialises the
     * same network the same way, so a seed means the same thing whichever computes it.
     */
    public void initialize(double[] parameters, int offset, SplittableRandom random) {
        int[] widths = widths();
        int[] offsets = parameterOffsets();
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double limit = Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < in * out; i++) {
                parameters[offset + offsets[2 * l] + i] = (2 * random.nextDouble() - 1) * limit;
            }
            for (int i = 0; i < out; i++) {
                parameters[offset + offsets[2 * l + 1] + i] = 0;
            }
        }
    }
}
