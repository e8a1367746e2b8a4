package org.neuroform.runtime.verify;

/**
 * What is known of a query's accuracy: the largest equation residual at its points, and its
 * deviation from the classical reference (NaN when there is none, or when the query asks for a
 * derivative above the reference's order).
 */
public record QueryAccuracy(double residual, double deviation) {}
