/**
 * The compiler's front end and what it produces. {@link org.neuroform.compiler.Compiler} is the one
 * entry point for the file runner and the shell alike: it parses an input into
 * {@link org.neuroform.compiler.TypedStatement}s (trees that keep their text and can be placed in
 * any program without parsing again), checks a problem still being typed
 * ({@link org.neuroform.compiler.PartialCheck}), compiles a whole one to a
 * {@link org.neuroform.compiler.CompiledProblem} (domain, unknowns, residual equations with their
 * partial derivatives, trial system, penalty conditions, queries, settings), and compiles queries
 * typed after training. {@link org.neuroform.compiler.ProblemPrinter} prints a compiled problem for
 * people ({@code check --show}, {@code :show}).
 */
package org.neuroform.compiler;
