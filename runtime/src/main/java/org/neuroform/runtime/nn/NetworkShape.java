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

    /** Where each layer's weights W (in × out, row-major) start in the network's slice. */
    public int[] weightOffsets() {
        return offsets(0);
    }

    /** Where each layer's biases b (out) start, right after its weights. */
    public int[] biasOffsets() {
        return offsets(1);
    }

    private int[] offsets(int which) {
        int[] widths = widths();
        int[] offsets = new int[widths.length - 1];
        int offset = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            int weights = widths[l] * widths[l + 1];
            offsets[l] = offset + (which == 0 ? 0 : weights);
            offset += weights + widths[l + 1];
        }
        return offsets;
    }

    /**
     * Glorot-uniform weights, zero biases, drawn in layout order: every backend initialises the
     * same network the same way, so a seed means the same thing whichever computes it.
     */
    public void initialize(double[] parameters, int offset, SplittableRandom random) {
        int[] widths = widths();
        int[] weights = weightOffsets();
        int[] biases = biasOffsets();
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double limit = Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < in * out; i++) {
                parameters[offset + weights[l] + i] = (2 * random.nextDouble() - 1) * limit;
            }
            for (int i = 0; i < out; i++) {
                parameters[offset + biases[l] + i] = 0;
            }
        }
    }
}
