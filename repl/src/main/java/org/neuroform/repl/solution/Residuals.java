package org.neuroform.repl.solution;

import java.util.OptionalDouble;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * The largest equation residual of a trained solution on a uniform grid of each segment
 * (collocation points or not: a loss that is small only at the collocation points shows up
 * here), as the summary line reports it.
 */
public final class Residuals {
    /** Grid points per segment for the summary line. */
    public static final int POINTS_PER_SEGMENT = 201;

    private Residuals() {}

    public static OptionalDouble max(TrainedSolution solution) {
        return max(solution, POINTS_PER_SEGMENT);
    }

    /** Empty when there is no equation to evaluate. */
    public static OptionalDouble max(TrainedSolution solution, int pointsPerSegment) {
        if (solution.problem().equations().isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(solution.maxResidual(pointsPerSegment));
    }
}
