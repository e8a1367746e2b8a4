/**
 * The interactive shell on a terminal: JLine line editing, history, completion, highlighting,
 * the live training status line and Ctrl-C. The only package that imports JLine; everything it
 * shows comes from {@link org.neuroform.repl.session.Session}, which knows no terminal.
 */
package org.neuroform.repl.terminal;
