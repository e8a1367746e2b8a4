package org.neuroform.runtime.train;

import java.util.Optional;

/** Holds the native dense solve ({@link DenseLeastSquares#nativeSolver}), loaded by name when first asked for. */
final class NativeDenseLeastSquares {
    private static final String NAME = "org.neuroform.runtime.nd4j.NativeLeastSquares";
    static final Optional<DenseLeastSquares> SOLVER = load();

    private NativeDenseLeastSquares() {}

    private static Optional<DenseLeastSquares> load() {
        try {
            Class<?> type = Class.forName(NAME, true, DenseLeastSquares.class.getClassLoader());
            return Optional.of((DenseLeastSquares) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty(); // no native library here: the plain-Java solve serves
        }
    }
}
