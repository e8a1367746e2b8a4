package org.neuroform.grammar;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs front-end work (parsing, checking, symbolic algebra: all recursive over the
 * expression tree) on a thread with a large stack, so that the deepest input the
 * {@link Limits} allow never overflows it. The stack is reserved, not committed: memory is
 * only used as deep as the recursion actually goes.
 */
public final class DeepStack {
    private static final long STACK_BYTES = 512L * 1024 * 1024;

    private DeepStack() {}

    public static <T> T call(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        result.set(work.call());
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "neuroform-front-end",
                STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
        return result.get();
    }
}
