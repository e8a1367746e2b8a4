/**
 * What every front end of the repl module shares and nothing else: the process exit codes, the
 * version, and reading an {@code .ode} file with every failure turned into a message. It imports no
 * other package of the repl module, so the command line, the shell and the terminal can all use
 * it without importing each other.
 */
package org.neuroform.repl.common;
