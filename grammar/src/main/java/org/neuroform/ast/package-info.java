/** The AST: sealed records with source spans, their visitors, and the printer golden tests use. */
package org.neuroform.ast;
