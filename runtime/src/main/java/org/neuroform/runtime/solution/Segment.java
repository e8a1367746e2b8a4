package org.neuroform.runtime.solution;

import java.util.Objects;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.runtime.nn.NetworkLayout;

/**
 * One trained piece of a solution: on [lower, upper], the trial system (its conditions),
 * the networks' layout and parameters, and each unknown's output scale.
 */
public record Segment(double lower, double upper, TrialSystem trial, NetworkLayout layout, double[] parameters, double[] scales) {
    public Segment {
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(layout, "layout");
        parameters = parameters.clone();
        scales = scales.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }
}
