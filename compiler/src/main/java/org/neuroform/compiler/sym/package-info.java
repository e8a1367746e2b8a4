/**
 * The symbolic form of equations and conditions: an immutable expression tree
 * ({@link org.neuroform.compiler.sym.Expr}) of constants, the domain variable, unknowns' derivatives
 * at every point or at fixed points, operators and built-in functions; simplifying constructors,
 * exact partial derivatives ({@link org.neuroform.compiler.sym.Sym}), printing, evaluation, and
 * batch programs that evaluate a residual on all collocation points at once.
 */
package org.neuroform.compiler.sym;
