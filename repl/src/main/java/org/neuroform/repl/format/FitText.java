package org.neuroform.repl.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuroform.runtime.fit.FitResult;

/**
 * The text of a fit: a line per estimated param in the {@code NAME = VALUE} form of answers, its
 * uncertainty on the line below, then the correlations, what the data do not determine, how well
 * the model explains the data, warnings and notes.
 */
public final class FitText {
    private FitText() {}

    /** Only the {@code NAME = VALUE} lines of the estimates ({@code --quiet}). */
    public static String values(FitResult fit) {
        StringBuilder out = new StringBuilder();
        for (FitResult.ParamEstimate p : fit.parameters()) {
            out.append(p.name()).append(" = ").append(Numbers.value(p.value())).append('\n');
        }
        return out.toString();
    }

    /**
     * What {@code --quiet} says on stderr, one {@code warning: …} line each (its stdout has only the
     * {@code NAME = VALUE} lines): what the data do not determine, and the fit's warnings (a model that
     * does not explain the data, estimation that did not converge, several equally good fits).
     */
    public static List<String> quietWarnings(FitResult fit) {
        List<String> out = new ArrayList<>();
        for (String sentence : fit.identifiability()) {
            out.add("warning: not identifiable: " + sentence);
        }
        for (FitResult.ParamEstimate p : fit.parameters()) {
            if (!p.identifiable() && Double.isFinite(p.stderr()) && fit.identifiability().isEmpty()) {
                out.add("warning: " + p.name() + " is not bounded by these data: its 95 % interval reaches [" + end(p.low()) + ", "
                        + end(p.high()) + "]");
            }
        }
        for (String warning : fit.warnings()) {
            out.add("warning: " + warning);
        }
        return out;
    }

    /** The stderr line of a fit that stopped before converging (exit code 3), outside {@code --quiet}. */
    public static final String NOT_CONVERGED = "warning: estimation stopped before converging: the estimates above may not be the best fit";

    public static String text(FitResult fit, String dataFiles) {
        StringBuilder out = new StringBuilder();
        int count = fit.parameters().size();
        out.append(String.format(Locale.ROOT, "fitted: %d param%s to %d observations%s; %d start%s, %d solve%s, %.2f s%n", count,
                count == 1 ? "" : "s", fit.goodness().observations(), dataFiles.isEmpty() ? "" : " (" + dataFiles + ")", fit.starts(),
                fit.starts() == 1 ? "" : "s", fit.evaluations(), fit.evaluations() == 1 ? "" : "s", fit.seconds()));
        for (FitResult.ParamEstimate p : fit.parameters()) {
            out.append(p.name()).append(" = ").append(Numbers.value(p.value())).append('\n');
            out.append("  (").append(uncertainty(p)).append(")\n");
        }
        fit.correlation().ifPresent(rho -> {
            out.append("correlations (some above 0.9):\n");
            for (int a = 0; a < count; a++) {
                StringBuilder row = new StringBuilder("  " + pad(fit.parameters().get(a).name(), 8));
                for (int b = 0; b < count; b++) {
                    row.append(String.format(Locale.ROOT, " %6s", Double.isFinite(rho[a][b]) ? String.format(Locale.ROOT, "%.3f", rho[a][b]) : "-"));
                }
                out.append(row.toString().stripTrailing()).append('\n');
            }
        });
        for (String sentence : fit.identifiability()) {
            out.append("not identifiable: ").append(sentence).append('\n');
        }
        out.append(goodness(fit.goodness())).append('\n');
        for (String warning : fit.warnings()) {
            out.append("warning: ").append(warning).append('\n');
        }
        for (String note : fit.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    static String uncertainty(FitResult.ParamEstimate p) {
        if (!p.identifiable() && !Double.isFinite(p.stderr())) {
            return "not determined by these data";
        }
        List<String> parts = new ArrayList<>();
        if (Double.isFinite(p.stderr())) {
            parts.add("standard error " + Numbers.brief(p.stderr()));
        }
        String method = p.method().equals("profile") ? "profile likelihood" : "linearised";
        parts.add("95 % interval [" + end(p.low()) + ", " + end(p.high()) + "], " + method);
        if (!p.identifiable()) {
            parts.add("not bounded by the data");
        }
        if (p.atBound()) {
            parts.add("at its bound");
        }
        return String.join("; ", parts);
    }

    private static String end(double v) {
        return Double.isFinite(v) ? Numbers.compact(v, 6) : v > 0 ? "inf" : "-inf";
    }

    static String goodness(FitResult.Goodness g) {
        StringBuilder line = new StringBuilder("fit: RMS misfit " + Numbers.brief(g.rms()));
        if (Double.isFinite(g.reducedChiSquared())) {
            line.append(String.format(Locale.ROOT, "; chi-squared per degree of freedom %.3g (%d degree%s of freedom)", g.reducedChiSquared(),
                    g.degreesOfFreedom(), g.degreesOfFreedom() == 1 ? "" : "s"));
        } else if (Double.isFinite(g.sigma())) {
            line.append("; noise estimated from the misfit: sigma ").append(Numbers.brief(g.sigma()));
        }
        line.append(g.explains() ? "; the model explains the data" : "; the model does NOT explain the data");
        return line.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
