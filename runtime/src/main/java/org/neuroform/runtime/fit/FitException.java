package org.neuroform.runtime.fit;

/** Estimation cannot be done at all (too few data, no start that can be solved); the message says why. */
public final class FitException extends Exception {
    private static final long serialVersionUID = 1L;

    public FitException(String message) {
        super(message);
    }
}
