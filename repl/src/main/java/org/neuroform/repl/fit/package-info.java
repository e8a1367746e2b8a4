/** Fits from the command line and the shell alike: reading a problem's data files and estimating its params. */
package org.neuroform.repl.fit;
