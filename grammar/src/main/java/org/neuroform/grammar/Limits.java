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

    /** Errors reported for one input before the rest are summarised. */
    public static final int MAX_ERRORS = 50;

    private Limits() {}
}
