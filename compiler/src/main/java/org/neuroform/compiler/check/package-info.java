/**
 * The checker: from syntax tree to compiled problem, one phase per class, each stopping the
 * compilation when it reports an error. {@link org.neuroform.compiler.check.ProblemChecker} runs
 * {@link org.neuroform.compiler.check.Declarations} (domain, params, unknowns found by
 * {@link org.neuroform.compiler.check.UnknownDiscovery}, train options),
 * {@link org.neuroform.compiler.check.EquationResolution} (names resolved to symbolic form by
 * {@link org.neuroform.compiler.check.ExpressionResolver}; equations told from conditions),
 * {@link org.neuroform.compiler.check.Structure} and {@link org.neuroform.compiler.check.ConditionCheck}
 * (counts and orders; whole problems only), and {@link org.neuroform.compiler.check.Lowering}
 * (residuals, trial system, penalties). Every user mistake becomes a
 * {@link org.neuroform.diagnostic.Diagnostic}; the catalogue of their codes is in docs/language.md.
 */
package org.neuroform.compiler.check;
