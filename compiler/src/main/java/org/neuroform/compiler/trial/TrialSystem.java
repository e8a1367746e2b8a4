package org.neuroform.compiler.trial;

import java.util.List;
import java.util.Objects;

/**
 * Trial solutions for all unknowns of a problem, built so that every exact condition holds
 * for any network output {@code N}:
 *
 * <pre>
 *   u(x) = Σ_i ψ_{u,i}(x) (g_i − L_i[E]) + E_u(x),      E_v = D_v · N_v
 * </pre>
 *
 * where the conditions are {@code L_i[u] = g_i} (linear functionals: values and derivatives
 * at points, any linear combination, several unknowns), and the cardinal polynomials satisfy
 * {@code L_k[ψ_i] = δ_ki}. Then {@code L_k[u] = g_k + L_k[E] − Σ_i δ_ki L_i[E] = g_k}
 * whatever N is. This is {@code N + Σ c_j φ_j} with {@code M c = g − L N} of the architecture
 * notes, written with the inverse folded into the ψ's.
 *
 * <p>The envelope {@code D_v} is 1 (projection) or vanishes where the conditions prescribe a
 * complete ladder {@code v(p), v'(p), …, v^(k−1)(p)} (Lagaris's forms); terms it annihilates
 * drop out of {@code L_i[E]}, so classic forms such as {@code y0 + x N(x)} need no
 * correction at all. {@link #corrections(int)} lists the terms that remain.
 *
 * <p>Polynomials are in {@code s = (x − origin) / scale}; a k-th x-derivative carries
 * {@code scale^−k}.
 */
public final class TrialSystem {
    private final CoordinateMap map;
    private final TrialFamily family;
    private final List<LinearCondition> conditions;
    private final List<TrialForm> forms;
    private final List<List<ConditionTerm>> corrections;
    private final List<LinearCondition> dependent;

    public TrialSystem(
            CoordinateMap map,
            TrialFamily family,
            List<LinearCondition> conditions,
            List<TrialForm> forms,
            List<List<ConditionTerm>> corrections,
            List<LinearCondition> dependent) {
        this.map = Objects.requireNonNull(map, "map");
        this.family = Objects.requireNonNull(family, "family");
        this.conditions = List.copyOf(conditions);
        this.forms = List.copyOf(forms);
        this.corrections = corrections.stream().map(List::copyOf).toList();
        this.dependent = List.copyOf(dependent);
    }

    /**
     * The same trial solutions with other condition values {@code g} (in the order of
     * {@link #conditions()}): the cardinals do not depend on the values, so nothing is rebuilt.
     */
    public TrialSystem withValues(double[] values) {
        if (values.length != conditions.size()) {
            throw new IllegalArgumentException(values.length + " values for " + conditions.size() + " conditions");
        }
        List<LinearCondition> changed = new java.util.ArrayList<>(conditions.size());
        for (int i = 0; i < values.length; i++) {
            LinearCondition c = conditions.get(i);
            changed.add(new LinearCondition(c.terms(), values[i], c.label()));
        }
        return new TrialSystem(map, family, changed, forms, corrections, dependent);
    }

    public CoordinateMap map() {
        return map;
    }

    public TrialFamily family() {
        return family;
    }

    /** The conditions enforced exactly, in the order of the cardinal polynomials. */
    public List<LinearCondition> conditions() {
        return conditions;
    }

    public List<TrialForm> forms() {
        return forms;
    }

    public TrialForm form(int unknown) {
        return forms.get(unknown);
    }

    /** The terms of condition i that the envelopes do not annihilate (empty: no correction). */
    public List<ConditionTerm> corrections(int condition) {
        return corrections.get(condition);
    }

    /** Linear conditions that depend on the others: they cannot be enforced exactly. */
    public List<LinearCondition> dependent() {
        return dependent;
    }

    /** {@code d^k ψ_{u,i} / dx^k} at x. */
    public double cardinal(int unknown, int condition, int k, double x) {
        Polynomial psi = forms.get(unknown).cardinals().get(condition);
        return psi.isZero() ? 0 : psi.derivative(k).value(map.toUnit(x)) * map.derivativeFactor(k);
    }

    /** {@code d^k D_u / dx^k} at x. */
    public double envelope(int unknown, int k, double x) {
        return forms.get(unknown).envelope().derivative(k).value(map.toUnit(x)) * map.derivativeFactor(k);
    }
}
