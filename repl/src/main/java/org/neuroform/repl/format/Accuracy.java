package org.neuroform.repl.format;

import org.neuroform.runtime.verify.QueryAccuracy;
import org.neuroform.runtime.verify.UnknownDeviation;
import org.neuroform.runtime.verify.Verification;
import org.neuroform.runtime.verify.Verifier;

/**
 * How accuracy is printed: the line under each query value, the reference line, and the
 * text form of {@code verify}. The {@code QUERY = VALUE} line itself never changes:
 * accuracy goes on its own line, so scripts reading those lines keep working.
 */
public final class Accuracy {
    private Accuracy() {}

    /** Which classical solution the deviations are measured against. */
    public static String referenceLine(Verifier verifier) {
        return verifier.description().isEmpty()
                ? "reference: none (" + verifier.unavailable() + "); accuracy is the residual only"
                : "reference: " + verifier.description();
    }

    /** {@code   (residual 3.1e-09; differs from the reference by 2.2e-10)} under a query's value. */
    public static String queryLine(QueryAccuracy accuracy) {
        return queryLine(accuracy, true);
    }

    /** The same, marked unreliable when training did not converge. */
    public static String queryLine(QueryAccuracy accuracy, boolean converged) {
        StringBuilder line = new StringBuilder(converged ? "  (" : "  (unreliable: training did not converge; ");
        line.append(Double.isNaN(accuracy.residual()) ? "no residual known" : "residual " + Numbers.brief(accuracy.residual()));
        if (!Double.isNaN(accuracy.deviation())) {
            line.append("; differs from the reference by ").append(Numbers.brief(accuracy.deviation()));
        }
        return line.append(')').toString();
    }

    /**
     * Where a solution is larger than 1 the tolerance is compared with the deviation relative to its size
     * ({@code |u − ref| / max(1, |ref|)}): said beside the absolute one when the two differ, nothing otherwise.
     */
    public static String relative(double absolute, double scaled, String unknown) {
        if (Double.isNaN(scaled) || !(scaled < absolute)) {
            return "";
        }
        return " (" + Numbers.brief(scaled) + " relative to max(1, |" + unknown + "|))";
    }

    public static String verificationText(Verification verification, String variable) {
        StringBuilder out = new StringBuilder();
        if (!verification.hasReference()) {
            out.append("no classical reference: ").append(verification.unavailable()).append('\n');
            out.append("max residual ").append(Numbers.brief(verification.maxResidual())).append(" (residual only)\n");
            return out.toString();
        }
        out.append("verified against ").append(verification.reference()).append(" on ").append(verification.points())
                .append(" points").append(verification.partial() ? " of the trained part [" + Numbers.compact(verification.from(), 6)
                        + ", " + Numbers.compact(verification.to(), 6) + "] only" : "").append(":\n");
        for (UnknownDeviation unknown : verification.unknowns()) {
            out.append("  ").append(unknown.name()).append(": max deviation ").append(Numbers.brief(unknown.maxDeviation()))
                    .append(" at ").append(variable).append(" = ").append(Numbers.compact(unknown.at(), 6))
                    .append(relative(unknown.maxDeviation(), unknown.maxScaledDeviation(), unknown.name())).append('\n');
        }
        out.append("max deviation ").append(Numbers.brief(verification.maxDeviation()))
                .append(relative(verification.maxDeviation(), verification.maxScaledDeviation(), "u")).append(", max residual ")
                .append(Numbers.brief(verification.maxResidual())).append('\n');
        return out.toString();
    }
}
