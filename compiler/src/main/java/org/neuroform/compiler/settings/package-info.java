/**
 * Train options: the one table of keys, kinds, ranges, defaults and meanings
 * ({@link org.neuroform.compiler.settings.TrainOptions}), the checked result
 * ({@link org.neuroform.compiler.settings.TrainSettings}), and which options each optimizer reads
 * ({@link org.neuroform.compiler.settings.OptimizerChoice#uses}).
 */
package org.neuroform.compiler.settings;
