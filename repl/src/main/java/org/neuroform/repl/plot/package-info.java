/** {@code :plot}: curves drawn in the terminal (Braille dots or ASCII marks) and PNG files (JFreeChart). */
package org.neuroform.repl.plot;
