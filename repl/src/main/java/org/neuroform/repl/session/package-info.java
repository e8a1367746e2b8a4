/**
 * The shell without a terminal: the session's statements, trained solution and preferences, the
 * {@code :command} table, completion and highlighting, each input answered as text (so transcripts
 * test it line by line). The terminal package puts it on a screen.
 */
package org.neuroform.repl.session;
