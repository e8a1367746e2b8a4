/**
 * The {@code neuroform} command's entry point ({@link org.neuroform.repl.Main}): it hands the
 * arguments to the command line and turns an internal error into exit code 70. The module's
 * packages, from the bottom floor up: {@code common} (exit codes, version, reading .ode files),
 * {@code format} (how numbers, summaries and accuracy are printed), {@code plot}, {@code json}
 * (the one JSON writer), {@code solution} and {@code export} (trained solutions to files and to
 * code), {@code session} (the shell without a terminal), {@code terminal} (the only JLine code),
 * {@code cli} (the command line, picocli).
 */
package org.neuroform.repl;
