/**
 * {@code :export y as java|python}: a trained trial solution as standalone source code, with
 * no neuroform dependency, computing the same values as the runtime.
 */
package org.neuroform.repl.export;
