package org.neuroform.repl.format;

import java.util.Map;
import java.util.stream.Collectors;
import org.neuroform.compiler.RangedParam;
import org.neuroform.runtime.bundle.BundleVerifier;
import org.neuroform.runtime.bundle.ParametricSolution;

/** How a parametric solution is described: its grid of nodes, and the text form of its verification. */
public final class BundleText {
    private BundleText() {}

    /**
     * {@code bundle: 9 solutions and their slopes d/dk at Chebyshev nodes of k in [0.5, 2]; interpolation
     * error estimate 1.8e-14} (without "and their slopes" when the interpolation is of values alone).
     */
    public static String summary(ParametricSolution bundle) {
        String ranges = bundle.ranges().params().stream()
                .map(p -> p.name() + " in " + Reports.interval(p.lower(), p.upper())).collect(Collectors.joining(", "));
        int per = bundle.nodesPerParam();
        return "bundle: " + bundle.report().nodes() + " solutions" + (bundle.isHermite() ? " and their slopes d/d"
                + bundle.ranges().names().get(0) : "") + " at Chebyshev nodes of " + ranges
                + (bundle.ranges().count() > 1 ? " (" + per + " per param)" : "")
                + "; interpolation error estimate " + Numbers.brief(bundle.report().interpolationError());
    }

    /** {@code k = 0.5, y0 = 1}. */
    public static String values(Map<String, Double> values) {
        return values.entrySet().stream().map(e -> e.getKey() + " = " + Numbers.compact(e.getValue(), 6))
                .collect(Collectors.joining(", "));
    }

    public static String verificationText(BundleVerifier.Verification verification, String variable) {
        StringBuilder out = new StringBuilder();
        if (!verification.hasReference()) {
            out.append("no classical reference: ").append(verification.unavailable()).append('\n');
            out.append("max residual ").append(Numbers.brief(verification.maxResidual())).append(" (residual only)\n");
            return out.toString();
        }
        out.append("verified against ").append(verification.reference()).append(" at ").append(verification.values().size())
                .append(" values of the params, ").append(verification.points()).append(" points each:\n");
        for (BundleVerifier.AtValue at : verification.values()) {
            out.append("  ").append(values(at.values())).append(": max deviation ").append(Numbers.brief(at.maxDeviation()))
                    .append(" (").append(at.unknown()).append(" at ").append(variable).append(" = ")
                    .append(Numbers.compact(at.at(), 6)).append(")")
                    .append(Accuracy.relative(at.maxDeviation(), at.maxScaledDeviation(), "u")).append('\n');
        }
        out.append("max deviation ").append(Numbers.brief(verification.maxDeviation()))
                .append(Accuracy.relative(verification.maxDeviation(), verification.maxScaledDeviation(), "u"));
        verification.worst().ifPresent(w -> out.append(" at ").append(values(w.values())));
        out.append(", max residual ").append(Numbers.brief(verification.maxResidual())).append('\n');
        return out.toString();
    }

    static String range(RangedParam p) {
        return p.name() + " in " + Reports.interval(p.lower(), p.upper());
    }
}
