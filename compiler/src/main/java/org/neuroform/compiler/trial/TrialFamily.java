package org.neuroform.compiler.trial;

/**
 * How the network enters a trial solution {@code u = P + (I - Π)(D N)} (see {@link TrialSystem}).
 */
public enum TrialFamily {
    /**
     * Lagaris, Likas and Fotiadis (1998): {@code D} vanishes to the right order wherever a
     * complete ladder {@code u(p), u'(p), ...} is prescribed, as in {@code y0 + x N(x)} or
     * {@code A (1-x) + B x + x (1-x) N(x)}; other conditions are projected out.
     */
    LAGARIS("lagaris"),
    /** {@code D = 1}: every condition is projected out, as in {@code y0 + N(x) - N(0)}. */
    PROJECTION("projection");

    private final String keyword;

    TrialFamily(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
