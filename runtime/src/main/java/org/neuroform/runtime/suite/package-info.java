/**
 * The public benchmark suite: its problems with their exact solutions, the suite's error metric
 * (max error on 1001 points, NaN if the solution is NaN anywhere), and a runner that trains and
 * measures each problem for {@code neuroform bench}.
 */
package org.neuroform.runtime.suite;
