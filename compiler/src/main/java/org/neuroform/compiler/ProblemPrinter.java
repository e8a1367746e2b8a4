package org.neuroform.compiler;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.neuroform.compiler.settings.TrainOptions;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.Polynomial;
import org.neuroform.compiler.trial.TrialForm;
import org.neuroform.compiler.trial.TrialSystem;

/** Prints a compiled problem in readable maths ({@code check --show}, {@code :show}). */
public final class ProblemPrinter {
    private final CompiledProblem problem;
    private final Printer printer;
    private final String x;
    private final double origin;
    private final double scale;

    public ProblemPrinter(CompiledProblem problem) {
        this.problem = problem;
        this.printer = problem.printer();
        this.x = problem.domain().variable();
        this.origin = problem.trial().map().origin();
        this.scale = problem.trial().map().scale();
    }

    public String print() {
        StringBuilder out = new StringBuilder();
        Domain domain = problem.domain();
        out.append("domain ").append(x).append(" in [").append(Printer.number(domain.lower())).append(", ")
                .append(Printer.number(domain.upper())).append("]\n");
        if (!problem.params().isEmpty()) {
            List<String> params = new ArrayList<>();
            problem.params().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> params.add(e.getKey() + " = " + Printer.number(e.getValue())));
            out.append("params: ").append(String.join(", ", params)).append('\n');
        }
        if (problem.isInverse()) {
            // Params written `= ?` have no value until run fits them: the params line shows them at their starts.
            List<String> estimated = new ArrayList<>();
            List<String> starts = new ArrayList<>();
            problem.estimated().forEach(p -> {
                estimated.add(p.name() + " = ?" + (p.bounded() ? " in [" + Printer.number(p.lower()) + ", " + Printer.number(p.upper()) + "]" : ""));
                starts.add(p.name() + " = " + Printer.number(p.defaultStart()));
            });
            out.append("estimated: ").append(String.join(", ", estimated)).append(" (estimated from data by run and verify; shown at ")
                    .append(estimated.size() == 1 ? "its start " : "their starts ").append(String.join(", ", starts)).append(")\n");
        }
        if (problem.isParametric()) {
            List<String> ranges = new ArrayList<>();
            problem.ranges().params().forEach(p -> ranges.add(p.name() + " in [" + Printer.number(p.lower()) + ", "
                    + Printer.number(p.upper()) + "]"));
            out.append("ranged: ").append(String.join(", ", ranges))
                    .append(" (shown at the middle; solved at Chebyshev nodes of the range)\n");
        }
        out.append("unknowns:\n");
        for (UnknownFunction unknown : problem.unknowns()) {
            out.append("  ").append(unknown.name()).append(" (order ").append(unknown.order()).append(")\n");
        }
        Definitions definitions = problem.definitions();
        if (!definitions.defs().isEmpty() || !definitions.lets().isEmpty()) {
            out.append("definitions (expanded where they are used):\n");
            java.util.stream.Stream.concat(definitions.defs().stream(), definitions.lets().stream())
                    .sorted(java.util.Comparator.comparingInt(s -> s.span().start()))
                    .forEach(s -> out.append("  ").append(problem.source().text(s.span()).replaceAll("\\s+", " ").strip()).append('\n'));
        }
        out.append("residuals (each = 0 on the domain):\n");
        for (Equation equation : problem.equations()) {
            out.append("  ").append(printer.print(equation.residual())).append('\n');
        }
        TrialSystem trial = problem.trial();
        if (!trial.conditions().isEmpty()) {
            out.append("conditions (exact for any network weights):\n");
            for (LinearCondition condition : trial.conditions()) {
                out.append("  ").append(condition.label()).append('\n');
            }
        }
        if (!problem.penalties().isEmpty()) {
            out.append("conditions (approximate, as penalties):\n");
            for (PenaltyCondition penalty : problem.penalties()) {
                out.append("  ").append(penalty.text()).append("    # ").append(penalty.reason()).append('\n');
            }
        }
        out.append("trial solutions (").append(trial.family().keyword()).append("; N_u is u's network):\n");
        for (TrialForm form : trial.forms()) {
            out.append("  ").append(trialForm(form)).append('\n');
        }
        out.append("train: ").append(TrainOptions.describe(problem.settings())).append('\n');
        if (!problem.queries().isEmpty()) {
            List<String> queries = problem.queries().stream().map(Query::text).toList();
            out.append("queries: ").append(String.join(", ", queries)).append('\n');
        }
        return out.toString();
    }

    /** {@code y(x) = P(x) + D(x)*N_y(x) - ψ(x)*(...)}. */
    public String trialForm(TrialForm form) {
        TrialSystem trial = problem.trial();
        String name = problem.unknowns().get(form.unknown()).name();
        String network = "N_" + name + "(" + x + ")";
        Polynomial particular = Polynomial.ZERO;
        for (int i = 0; i < trial.conditions().size(); i++) {
            particular = particular.plus(form.cardinals().get(i).scaled(trial.conditions().get(i).value()));
        }
        List<String> parts = new ArrayList<>();
        String p = polynomial(particular);
        if (!p.equals("0")) {
            parts.add(p);
        }
        String envelope = polynomial(form.envelope());
        parts.add(envelope.equals("1") ? network : factor(envelope) + "*" + network);
        for (int i = 0; i < trial.conditions().size(); i++) {
            Polynomial psi = form.cardinals().get(i);
            List<ConditionTerm> terms = trial.corrections(i);
            if (psi.isZero() || terms.isEmpty()) {
                continue;
            }
            String functional = functional(terms);
            String weight = polynomial(psi);
            boolean single = terms.size() == 1 && !functional.startsWith("-");
            String correction = weight.equals("1")
                    ? (single ? functional : "(" + functional + ")")
                    : factor(weight) + "*" + (single ? functional : "(" + functional + ")");
            parts.add("-" + correction);
        }
        StringBuilder out = new StringBuilder(name + "(" + x + ") = ");
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (i == 0) {
                out.append(part);
            } else if (part.startsWith("-")) {
                out.append(" - ").append(part.substring(1));
            } else {
                out.append(" + ").append(part);
            }
        }
        return out.toString();
    }

    /**
     * The condition functionals applied to the network part of the trial form, e.g.
     * {@code (x*N_y)(1) + 2*(x*N_y)'(1)}: the envelope times the network, evaluated (or
     * differentiated, then evaluated) at the condition's point.
     */
    private String functional(List<ConditionTerm> terms) {
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < terms.size(); t++) {
            ConditionTerm term = terms.get(t);
            String name = problem.unknowns().get(term.unknown()).name();
            String envelope = polynomial(problem.trial().form(term.unknown()).envelope());
            String network = "N_" + name;
            String function = envelope.equals("1") ? network : "(" + factor(envelope) + "*" + network + ")";
            String text = function + "'".repeat(term.order()) + "(" + Printer.number(term.point()) + ")";
            double c = term.coefficient();
            String coefficient = c == 1 ? "" : c == -1 ? "-" : number(c) + "*";
            String piece = coefficient + text;
            if (t == 0) {
                out.append(piece);
            } else if (piece.startsWith("-")) {
                out.append(" - ").append(piece.substring(1));
            } else {
                out.append(" + ").append(piece);
            }
        }
        return out.toString();
    }

    private static String factor(String polynomial) {
        return polynomial.contains(" ") ? "(" + polynomial + ")" : polynomial;
    }

    /**
     * A polynomial of s = (x − origin)/scale, printed in powers of x (origin 0) or of
     * (x − origin).
     */
    String polynomial(Polynomial p) {
        String base = origin == 0 ? x : "(" + x + (origin > 0 ? " - " : " + ") + Printer.number(Math.abs(origin)) + ")";
        List<String> terms = new ArrayList<>();
        for (int d = 0; d <= p.degree(); d++) {
            double c = p.coefficient(d) / Math.pow(scale, d);
            if (Math.abs(c) < 1e-14 * Math.max(1, maxCoefficient(p))) {
                continue;
            }
            String power = d == 0 ? "" : d == 1 ? base : base + "^" + d;
            String coefficient;
            if (d == 0) {
                coefficient = number(c);
            } else if (roundsTo(c, 1)) {
                coefficient = "";
            } else if (roundsTo(c, -1)) {
                coefficient = "-";
            } else {
                coefficient = number(c) + "*";
            }
            terms.add(coefficient + power);
        }
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder out = new StringBuilder(terms.get(0));
        for (int i = 1; i < terms.size(); i++) {
            String term = terms.get(i);
            out.append(term.startsWith("-") ? " - " + term.substring(1) : " + " + term);
        }
        return out.toString();
    }

    private double maxCoefficient(Polynomial p) {
        double max = 0;
        for (int d = 0; d <= p.degree(); d++) {
            max = Math.max(max, Math.abs(p.coefficient(d) / Math.pow(scale, d)));
        }
        return max;
    }

    private static boolean roundsTo(double c, double target) {
        return Math.abs(c - target) < 1e-12;
    }

    /** 10 significant digits, trailing zeros dropped: coefficients are printed for people. */
    static String number(double c) {
        if (c == Math.rint(c) && Math.abs(c) < 1e12) {
            return Printer.number(c);
        }
        return Printer.number(new BigDecimal(c).round(new MathContext(10)).doubleValue());
    }
}
