/**
 * The command line, {@code neuroform run|check|verify|bench|repl}: options parsed by picocli (the
 * only package that uses it), compiling a file, training it and printing the answers, the
 * verification or the benchmark tables, with the exit codes of {@link
 * org.neuroform.repl.common.ExitCode}.
 */
package org.neuroform.repl.cli;
