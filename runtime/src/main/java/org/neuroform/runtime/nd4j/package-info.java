/**
 * The ND4J backend: {@link org.neuroform.runtime.nd4j.Nd4jTaylorNetwork}, the same Taylor-mode
 * network as {@link org.neuroform.runtime.nn.TaylorMlp} with its matrix products and elementwise
 * recurrences done by ND4J (OpenBLAS underneath) in double precision.
 *
 * <p>This is the only package that imports {@code org.nd4j} (or ND4J's JavaCPP pointers). Nothing
 * else refers to its classes by type: {@link org.neuroform.runtime.nn.Backend#ND4J} loads them by
 * name, so that {@code neuroform check} and plain-Java runs never load ND4J or its native
 * libraries.
 */
package org.neuroform.runtime.nd4j;
