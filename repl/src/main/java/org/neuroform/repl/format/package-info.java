/** How numbers, tables, training summaries and the live progress line are printed. */
package org.neuroform.repl.format;
