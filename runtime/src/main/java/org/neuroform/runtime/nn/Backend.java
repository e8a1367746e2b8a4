package org.neuroform.runtime.nn;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.Function;

/**
 * Where networks are computed: in plain Java ({@link TaylorMlp}, the default) or with ND4J
 * ({@code org.neuroform.runtime.nd4j.Nd4jTaylorNetwork}). Measured (bench/README.md): Java is
 * faster for small networks ([16] up to at least 128 points, [32] at 64 points), since an ND4J step has
 * a floor of ~150–200 µs of per-operation overhead; ND4J is 2–5× faster from ~256 points or
 * [64, 64] on, where OpenBLAS's matrix products dominate. Its parameter Jacobian (what
 * Levenberg–Marquardt uses) is not faster than Java's at any size measured yet.
 *
 * <p>The ND4J class is loaded by name, on first use of {@link #ND4J} only: nothing in this package
 * refers to it by type, so {@code neuroform check} and plain-Java runs never load ND4J nor pay its
 * start-up (~0.5 s with its native libraries cached, more on the very first run).
 */
public enum Backend {
    JAVA,
    ND4J;

    private static final String ND4J_NETWORK = "org.neuroform.runtime.nd4j.Nd4jTaylorNetwork";

    /** A network of this shape on this backend. */
    public TaylorNetwork network(NetworkShape shape) {
        if (this == JAVA) {
            return new TaylorMlp(shape);
        }
        try {
            return (TaylorNetwork) Nd4jClass.CONSTRUCTOR.invoke(shape);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create an ND4J network", e);
        }
    }

    /**
     * Networks for a segment [lower, upper] (input mapped onto [−1, 1]), as {@link NetworkBank}
     * takes them: a function from the number of outputs to a network.
     */
    public Function<Integer, TaylorNetwork> networks(List<Integer> hidden, NetworkShape.Activation activation, double lower, double upper) {
        return outputs -> network(NetworkShape.of(hidden, outputs, activation, lower, upper));
    }

    /** Whether this backend can compute networks with this activation (both can, for every activation today). */
    public boolean supports(NetworkShape.Activation activation) {
        if (this == JAVA) {
            return true;
        }
        try {
            return (boolean) Nd4jClass.SUPPORTS.invoke(activation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot ask the ND4J backend", e);
        }
    }

    /** Resolved on first use of {@link #ND4J}, never before. */
    private static final class Nd4jClass {
        static final MethodHandle CONSTRUCTOR;
        static final MethodHandle SUPPORTS;

        static {
            try {
                Class<?> type = Class.forName(ND4J_NETWORK, false, Backend.class.getClassLoader());
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                CONSTRUCTOR = lookup.findConstructor(type, MethodType.methodType(void.class, NetworkShape.class));
                SUPPORTS = lookup.findStatic(type, "supports", MethodType.methodType(boolean.class, NetworkShape.Activation.class));
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("the ND4J backend is not on the class path (" + ND4J_NETWORK + ")", e);
            }
        }
    }
}
