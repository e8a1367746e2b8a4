/**
 * The ANTLR grammar's Java side (the only package that imports ANTLR): statement splitting,
 * parsing to the AST, syntax messages a user can act on, and the limits on input size.
 */
package org.neuroform.grammar;
