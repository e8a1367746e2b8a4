package org.neuroform.runtime.verify;

import java.util.List;
import java.util.Objects;

/**
 * A trained solution compared with a classical one on {@code points} equally spaced points.
 *
 * @param reference what the reference is (empty when there is none)
 * @param unavailable why there is no reference (empty when there is one)
 * @param maxDeviation the largest |u_net − u_ref| over unknowns and points (NaN without reference)
 * @param maxScaledDeviation the largest |u_net − u_ref| / max(1, |u_ref|): what {@link #passes} compares with
 *     the tolerance — absolute where the solution is at most 1 in size, relative where it is larger
 * @param maxResidual the largest equation residual on the same points
 * @param from where the points start: the domain's lower end, or where a stopped training's covered part starts
 * @param to where they end
 * @param partial the points cover only the part of the domain training reached (it stopped early)
 */
public record Verification(String reference, String unavailable, double maxDeviation, double maxScaledDeviation,
        List<UnknownDeviation> unknowns,
        double maxResidual, int points, double from, double to, boolean partial) {
    public Verification {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(unavailable, "unavailable");
        unknowns = List.copyOf(unknowns);
    }

    public boolean hasReference() {
        return !reference.isEmpty();
    }

    /**
     * A reference, and a scaled deviation that is a number within the tolerance (NaN never passes): a
     * solution that grows to 1e12 passes 1e−6 when it is right to 12 digits, as training's accuracy says.
     */
    public boolean passes(double tolerance) {
        return hasReference() && maxScaledDeviation <= tolerance;
    }
}
