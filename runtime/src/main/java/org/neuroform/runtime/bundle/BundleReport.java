package org.neuroform.runtime.bundle;

import org.neuroform.runtime.solution.TrainingReport;

/**
 * How a parametric solution was trained.
 *
 * @param nodesPerParam the Chebyshev–Lobatto node count along each ranged param
 * @param interpolationError the estimate of the interpolation error in the params, relative to
 *     max(1, |u|): the last two Chebyshev coefficients along each param, largest over the unknowns,
 *     the params and a grid of points of the domain
 * @param training the node solutions together: iterations summed, the largest loss and segment
 *     count, the total time; converged when every node did and the estimate met the accuracy
 */
public record BundleReport(int nodesPerParam, int nodes, double interpolationError, TrainingReport training) {}
