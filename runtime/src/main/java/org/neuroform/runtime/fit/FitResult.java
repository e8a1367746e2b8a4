package org.neuroform.runtime.fit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * What estimation found: the params with their uncertainty, how well the data determine them,
 * how well the model explains the data, and the solution at the estimates (queries are answered
 * on it, with their accuracy, as after any training).
 *
 * @param correlation the params' correlation matrix, present when some |ρ| > 0.9
 * @param identifiability sentences naming what the data do not determine (empty when they determine everything)
 * @param warnings what makes the estimates doubtful (a model that does not explain the data, several equally good fits)
 * @param notes what the user may want to know (starts that ended in worse local minima, params at a bound)
 * @param converged false when estimation stopped before converging (its evaluation budget spent): the estimates may not be the best fit
 */
public record FitResult(
        List<ParamEstimate> parameters,
        Optional<double[][]> correlation,
        List<String> identifiability,
        Goodness goodness,
        List<String> warnings,
        List<String> notes,
        int starts,
        int evaluations,
        double seconds,
        CompiledProblem problem,
        TrainedSolution solution,
        boolean converged) {
    public FitResult {
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(correlation, "correlation");
        identifiability = List.copyOf(identifiability);
        Objects.requireNonNull(goodness, "goodness");
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /**
     * One estimate.
     *
     * @param stderr the standard error (linearised); NaN when the data do not determine the param
     * @param low the 95 % interval's lower end (−∞ when the data do not bound it)
     * @param high its upper end (+∞ when the data do not bound it)
     * @param method how the interval was found: "profile" (profile likelihood, where it differs from
     *     the linearised one by more than 10 %), "linearised" (from the Fisher information), or "none"
     */
    public record ParamEstimate(String name, double value, double stderr, double low, double high, boolean identifiable, String method,
            boolean atBound) {}

    /**
     * How well the model explains the data.
     *
     * @param rms the root-mean-square misfit {@code √(mean (u(t_i) − d_i)²)}, in the data's units
     * @param chiSquared {@code Σ ((u(t_i) − d_i)/σ_i)²} when the data give sigma, else NaN
     * @param reducedChiSquared chiSquared over the degrees of freedom (≈ 1 for a model that fits within the noise), or NaN
     * @param sigma the noise level estimated from the misfit when the data give no sigma, else NaN
     * @param explains false when the misfit is more than the noise explains (χ² test, or a runs test of the residuals' signs),
     *     or, for data without sigma, when the fit explains less than 90 % of the data's variation (R²)
     * @param rSquared {@code 1 − SS_res/SS_tot} weighted by 1/σ², each unknown about its own mean: the share of the data's
     *     variation the fit explains (1 exact, 0 no better than a constant, negative worse); NaN when the data do not vary
     */
    public record Goodness(int observations, int degreesOfFreedom, double rms, double chiSquared, double reducedChiSquared, double sigma,
            boolean explains, double rSquared) {}
}
