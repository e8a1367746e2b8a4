package org.neuroform.ast;

import org.neuroform.diagnostic.Span;

/** Every AST node knows where it came from. */
public interface Node {
    Span span();
}
