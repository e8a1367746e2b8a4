package org.neuroform.runtime.verify;

import java.util.Objects;

/** The largest deviation of one unknown from the reference, and where it occurs. */
public record UnknownDeviation(String name, double maxDeviation, double at) {
    public UnknownDeviation {
        Objects.requireNonNull(name, "name");
    }
}
