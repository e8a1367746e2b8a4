package org.neuroform.runtime.verify;

import java.util.Objects;

/**
 * The largest deviation of one unknown from the reference, and where it occurs.
 *
 * @param maxScaledDeviation the largest {@code |u − ref| / max(1, |ref|)} (see {@link LargestDeviation#scaled})
 */
public record UnknownDeviation(String name, double maxDeviation, double at, double maxScaledDeviation) {
    public UnknownDeviation {
        Objects.requireNonNull(name, "name");
    }
}
