/**
 * The front end, for the file runner and the shell alike ({@link org.neuroform.compiler.frontend.Compiler}):
 * parse, check a partial problem, compile a whole one, compile queries. Above the checker
 * ({@code compiler.check}) and the compiled problem's records ({@code compiler}), which import neither it nor each other in a loop.
 */
package org.neuroform.compiler.frontend;
