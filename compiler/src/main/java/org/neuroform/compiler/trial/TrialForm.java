package org.neuroform.compiler.trial;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trial solution of one unknown (see {@link TrialSystem} for the formula).
 *
 * @param envelope {@code D(s)}, the polynomial multiplying the network
 * @param roots where {@code D} vanishes and to which multiplicity (point in x → multiplicity)
 * @param cardinals {@code ψ_i(s)} for each exact condition i of the system (zero when the
 *     condition does not involve this unknown's basis)
 */
public record TrialForm(int unknown, int order, Polynomial envelope, Map<Double, Integer> roots, List<Polynomial> cardinals) {
    public TrialForm {
        Objects.requireNonNull(envelope, "envelope");
        roots = Map.copyOf(roots);
        cardinals = List.copyOf(cardinals);
    }

    /** The multiplicity of the envelope's root at a point (0 when it does not vanish there). */
    public int multiplicityAt(double point) {
        return roots.getOrDefault(point, 0);
    }
}
