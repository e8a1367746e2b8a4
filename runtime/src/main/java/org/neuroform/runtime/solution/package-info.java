/**
 * A trained solution: its segments (interval, trial system, network layout and weights), the
 * training report, values and derivatives anywhere in the part of the domain the segments cover,
 * and the equation residual on a fine grid.
 */
package org.neuroform.runtime.solution;
