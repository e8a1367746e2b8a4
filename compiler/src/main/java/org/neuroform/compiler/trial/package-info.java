/**
 * Trial solutions that satisfy the linear conditions for any network weights: polynomials of the
 * mapped coordinate, envelopes and cardinal polynomials
 * ({@link org.neuroform.compiler.trial.TrialSystemBuilder}), in the Lagaris or projection family,
 * with the maths in {@link org.neuroform.compiler.trial.TrialSystem}.
 */
package org.neuroform.compiler.trial;
