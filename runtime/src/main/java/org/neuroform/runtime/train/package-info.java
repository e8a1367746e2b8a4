/**
 * Training: turning a compiled problem into a trained solution. The default is the least-squares
 * core — {@link org.neuroform.runtime.train.LeastSquaresTrainer} (orchestration, marching with
 * step-size control, blow-up evidence, the classical check), {@link org.neuroform.runtime.train.FeatureSegments}
 * (one segment: frozen features, collocation, the defect check) and
 * {@link org.neuroform.runtime.train.FeatureLeastSquares} (Gauss–Newton on the output weights by QR).
 * {@link org.neuroform.runtime.train.Trainer} is the entry point and trains every weight for the
 * optimizers named by {@code train optimizer} ({@link org.neuroform.runtime.train.Optimizers});
 * {@link org.neuroform.runtime.train.MarchingConditions} holds what marching needs from one
 * segment to the next, whichever solver trains them.
 */
package org.neuroform.runtime.train;
