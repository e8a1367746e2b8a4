package org.neuroform.compiler.settings;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.neuroform.compiler.trial.TrialFamily;

/**
 * Training options after checking. {@code explicit} names the keys the user wrote; the
 * runtime may adapt the others (for instance the number of collocation points to the size
 * of the network).
 *
 * @param epochs the iteration budget of the first optimizer (Adam epochs, or LM/L-BFGS iterations)
 * @param points collocation points per segment
 * @param segments 0 for automatic marching on initial value problems, otherwise a fixed count
 * @param tolerance stop when the loss (mean squared residual) is below it
 * @param accuracy the relative accuracy automatic training aims at: the residual tolerance of
 *     marching segments, and (times 0.3) the deviation from the classical integrator it accepts
 * @param backend where networks are computed: {@code java} or {@code nd4j}
 */
public record TrainSettings(
        int epochs,
        int points,
        List<Integer> hidden,
        ActivationChoice activation,
        double learningRate,
        OptimizerChoice optimizer,
        long seed,
        double tolerance,
        int segments,
        TrialFamily trial,
        boolean sharedNetwork,
        double accuracy,
        String backend,
        Set<String> explicit) {

    public TrainSettings {
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(backend, "backend");
        explicit = Set.copyOf(explicit);
    }

    public static TrainSettings defaults() {
        return TrainOptions.defaults();
    }

    /** The same settings aiming at another accuracy. */
    public TrainSettings withAccuracy(double other) {
        return new TrainSettings(epochs, points, hidden, activation, learningRate, optimizer, seed, tolerance, segments, trial, sharedNetwork,
                other, backend, explicit);
    }

    public boolean isExplicit(String key) {
        return explicit.contains(key);
    }

    /** The hidden layers training uses: the user's, or the chosen optimizer's default. */
    public List<Integer> effectiveHidden() {
        return isExplicit("hidden") ? hidden : optimizer.defaultHidden();
    }
}
