/**
 * Reading XPPAUT's {@code .ode} files (Ermentrout's format, the initial value problem part of it):
 * {@link org.neuroform.compiler.xpp.XppReader} translates one into the native language (params,
 * {@code def} for XPP's functions, {@code let} for its fixed variables and {@code aux} outputs,
 * equations, initial conditions, default queries) with a map from every translated token back to
 * the XPP file, so that the native compiler's diagnostics point into the file the user wrote.
 * {@link org.neuroform.compiler.xpp.SourceFormat} tells the two formats apart.
 */
package org.neuroform.compiler.xpp;
