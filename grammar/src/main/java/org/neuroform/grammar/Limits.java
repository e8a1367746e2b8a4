package org.neuroform.grammar;

/**
 * Bounds on what one statement may contain. They keep hostile input (20,000 nested brackets,
 * a megabyte of {@code 1+1+...}) from exhausting the stack or the heap, and are far beyond
 * anything a person writes.
 */
public final class Limits {
    /** Brackets open at once. */
    public static final int MAX_NESTING = 200;

    /** Tokens in one statement. */
    public static final int MAX_STATEMENT_TOKENS = 10_000;

    /**
     * The highest derivative the runtime evaluates (its Taylor-mode networks carry orders
     * 0..10); a higher one is refused when the problem is checked, not when it is trained.
     */
    public static final int MAX_DERIVATIVE_ORDER = 10;

    /** Unknowns of one problem: each has its own network, and their trial forms are built jointly. */
    public static final int MAX_UNKNOWNS = 1000;

    /**
     * Conditions of one problem (the sum of the unknowns' orders): the trial system solves a
     * dense system over conditions x polynomial basis, cubic in this number.
     */
    public static final int MAX_CONDITIONS = 2000;

    /** Errors reported for one input before the rest are summarised. */
    public static final int MAX_ERRORS = 50;

    /** Params estimated from data at once ({@code param k = ?}): each costs a column of sensitivities per unknown. */
    public static final int MAX_ESTIMATED_PARAMS = 20;
    /** Params given as ranges in one problem: a parametric solution is a tensor grid of solutions, n^d of them. */
    public static final int MAX_RANGED_PARAMS = 3;

    private Limits() {}
}
