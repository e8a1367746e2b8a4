/**
 * How accurate a trained solution is: the whole solution against a classical reference on 1001
 * points (per unknown, with where the largest deviation is), and each query's residual and
 * deviation. A NaN anywhere makes a metric NaN, and NaN never passes.
 */
package org.neuroform.runtime.verify;
