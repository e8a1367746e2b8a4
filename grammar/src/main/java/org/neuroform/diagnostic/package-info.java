/** Errors a user can cause, as values: {@code Diagnostic}, {@code Span}, {@code SourceFile}, and their rendering with a caret. */
package org.neuroform.diagnostic;
