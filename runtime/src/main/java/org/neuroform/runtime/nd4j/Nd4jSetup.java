package org.neuroform.runtime.nd4j;

import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configures ND4J once, on first use: double precision by default, and one thread.
 *
 * <p>Threads: these tensors are tiny, and an OpenMP fork/join on a 2-core machine can cost more
 * than a whole step (ARCHITECTURE, "Threads"). In 1.0.0-M2.1 {@code Environment.setMaxThreads}
 * is a no-op in libnd4j ({@code maxThreads()} keeps reporting the core count); what does take
 * effect is {@code setMaxMasterThreads(1)}, the number of threads libnd4j's own loops start with,
 * and the BLAS thread count ({@code Nd4j.factory().blas().setMaxThreads(1)}, OpenBLAS). Only the
 * environment variable {@code OMP_NUM_THREADS=1}, set before the JVM starts, shrinks libnd4j's
 * thread pool itself.
 *
 * <p>Logging: ND4J logs its start-up through SLF4J; the runtime ships {@code slf4j-nop}, so nothing
 * reaches stdout or stderr.
 */
final class Nd4jSetup {
    private static volatile boolean configured;

    private Nd4jSetup() {}

    static synchronized void configure() {
        if (configured) {
            return;
        }
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        configured = true;
    }

    /** What the running ND4J reports, for benchmarks and bug reports. */
    static String describe() {
        configure();
        return "ND4J backend " + Nd4j.getBackend().getClass().getSimpleName()
                + ", BLAS " + Nd4j.factory().blas().getBlasVendor() + " threads " + Nd4j.factory().blas().getMaxThreads()
                + ", libnd4j maxThreads " + Nd4j.getEnvironment().maxThreads()
                + " masterThreads " + Nd4j.getEnvironment().maxMasterThreads();
    }

    static Level1 level1() {
        configure();
        return Nd4j.getBlasWrapper().level1();
    }
}
