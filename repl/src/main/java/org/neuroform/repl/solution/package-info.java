/**
 * What the shell does with a trained solution besides answering queries: the residual check
 * after training, and saving and opening solutions as versioned JSON files.
 */
package org.neuroform.repl.solution;
