/**
 * Parametric solutions ({@code param k in [a, b]}): one solution {@code y(x; k)} over the whole
 * range of up to three params, trained once and answered at any value of them by interpolation.
 *
 * <p>The problem is solved by the least-squares core at the Chebyshev–Lobatto nodes of the range
 * (a tensor grid when there are several ranged params), with the node count doubled (5, 9, 17, …:
 * nested, so every solution already trained is kept) until the Chebyshev coefficients' tail says
 * the interpolation in the params is below the accuracy aimed at. {@link ChebyshevNodes} holds the
 * one-dimensional maths, {@link ParametricSolution} the node solutions and the interpolation,
 * {@link BundleTrainer} the adaptive node count, {@link BundleVerifier} the comparison with the
 * classical integrator at values of the params that are not nodes.
 */
package org.neuroform.runtime.bundle;
