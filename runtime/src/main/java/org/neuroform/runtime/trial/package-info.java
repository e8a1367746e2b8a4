/**
 * The trial-values engine: the trial solutions of all unknowns on a set of points — values and
 * derivatives from the networks and the conditions' polynomials — and the least-squares problem
 * they pose (residuals, gradient, Jacobian, the linearisation in the output weights). Below both
 * training ({@code runtime.train}) and trained solutions ({@code runtime.solution}).
 */
package org.neuroform.runtime.trial;
