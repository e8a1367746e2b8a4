/**
 * Backend-neutral networks in Taylor mode: a multilayer perceptron evaluated with its first k
 * derivatives in x at once (plain Java, {@link org.neuroform.runtime.nn.TaylorMlp}), the
 * activations' Taylor recurrences, network shapes and parameter layouts, and the bank of networks
 * serving a problem's unknowns. Arrays and records in, arrays out; no ND4J type here.
 */
package org.neuroform.runtime.nn;
