/**
 * How things are printed: numbers, tables, the training summary (with what a stopped solution
 * covers), the live progress line, the accuracy line under each answer and the text of a
 * verification, and the refusal of a query beyond the trained part of the domain.
 */
package org.neuroform.repl.format;
