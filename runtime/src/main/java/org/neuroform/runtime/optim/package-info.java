/**
 * The optimizers that fit a trial solution's weights: Levenberg–Marquardt on the residual vector
 * (the default), Adam and L-BFGS on the loss, their results, and the monitor through which
 * training reports progress and is asked to stop (Ctrl-C).
 */
package org.neuroform.runtime.optim;
