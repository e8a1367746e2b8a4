package org.neuroform.repl.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.trial.CoordinateMap;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.compiler.trial.Polynomial;
import org.neuroform.compiler.trial.TrialForm;
import org.neuroform.compiler.trial.TrialSystem;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.trial.TrialModel;
import org.neuroform.runtime.nn.TaylorNetwork;
import org.neuroform.runtime.solution.Segment;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * What a standalone function needs to compute one unknown u of a trained solution. On each
 * segment the trial solution is (see {@code TrialSystem} and {@code TrialModel})
 *
 * <pre>
 *   u(x) = (σ_u D_u(s)) N_u(x) + Σ_i ψ_{u,i}(s) K_i,     s = (x − origin) / scale,
 *   K_i  = g_i − c_i,   c_i = Σ_terms a_t (σ_v D_v N_v)^(r_t)(q_t)
 * </pre>
 *
 * The corrections {@code c_i} depend on the weights only, not on x, so they are computed here,
 * once, with the same arithmetic as the runtime (Leibniz rule over the network's Taylor
 * coefficients at the condition points); the generated code then needs nothing but the network
 * at x and two polynomials. The generated code repeats the runtime's operations in the same
 * order, so in Java its values are the runtime's to the last bit.
 */
public final class ExportModel {
    /** The network serving u on one segment: flat parameters, layer widths (1, hidden…, outputs), input map. */
    public record Network(double[] parameters, int[] widths, NetworkShape.Activation activation, double inputScale, double inputShift, int output) {}

    /** A nonzero cardinal polynomial ψ_{u,i} (coefficients by increasing power) and its constant K_i. */
    public record Cardinal(double[] coefficients, double constant, String label) {}

    /** One segment: its upper end, coordinate map, σ_u, D_u's coefficients, cardinals and network. */
    public record Piece(double lower, double upper, double origin, double scale, double sigma, double[] envelope, List<Cardinal> cardinals,
            Network network) {}


    private final String unknown;
    private final String variable;
    private final double lower;
    private final double upper;
    private final double domainLower;
    private final double domainUpper;
    private final List<Piece> pieces;
    private final String source;

    private ExportModel(String unknown, String variable, double lower, double upper, double domainLower, double domainUpper, List<Piece> pieces,
            String source) {
        this.unknown = unknown;
        this.variable = variable;
        this.lower = lower;
        this.upper = upper;
        this.domainLower = domainLower;
        this.domainUpper = domainUpper;
        this.pieces = List.copyOf(pieces);
        this.source = source;
    }

    public String unknown() {
        return unknown;
    }

    public String variable() {
        return variable;
    }

    /** The lower end of the part of the domain the solution covers (the domain's, unless training stopped early). */
    public double lower() {
        return lower;
    }

    /** The upper end of the covered part: the last segment's upper end. */
    public double upper() {
        return upper;
    }

    public double domainLower() {
        return domainLower;
    }

    public double domainUpper() {
        return domainUpper;
    }

    /** Whether the solution covers only part of the domain (training stopped early). */
    public boolean partial() {
        return lower > domainLower || upper < domainUpper;
    }

    public List<Piece> pieces() {
        return pieces;
    }

    /** The problem's source text, for the generated file's header. */
    public String source() {
        return source;
    }

    public static ExportModel of(TrainedSolution solution, int u) {
        CompiledProblem problem = solution.problem();
        int unknowns = problem.unknowns().size();
        List<Piece> pieces = new ArrayList<>();
        for (Segment segment : solution.segments()) {
            TrialSystem trial = segment.trial();
            CoordinateMap map = trial.map();
            NetworkLayout layout = segment.layout();
            NetworkBank bank = layout.bank(unknowns, segment.lower(), segment.upper());
            double[] parameters = segment.parameters();
            double[] scales = segment.scales();
            List<LinearCondition> conditions = trial.conditions();
            TrialForm form = trial.form(u);
            List<Cardinal> cardinals = new ArrayList<>();
            TrialModel model = new TrialModel(List.of(), List.of(), trial, problem.orders(), new double[] {segment.lower()}, bank, scales, 0);
            model.evaluate(parameters); // the corrections c_i, computed as training computes them
            for (int i = 0; i < conditions.size(); i++) {
                Polynomial psi = form.cardinals().get(i);
                if (psi.isZero()) {
                    continue;
                }
                double c = model.correction(i);
                cardinals.add(new Cardinal(psi.coefficients(), conditions.get(i).value() - c, conditions.get(i).label()));
            }
            int net = bank.networkOf(u);
            TaylorNetwork network = bank.network(net);
            int offset = bank.offset(net);
            double[] slice = Arrays.copyOfRange(parameters, offset, offset + network.parameterCount());
            NetworkShape shape = NetworkShape.of(layout.hidden(), network.outputs(), layout.activation(), segment.lower(), segment.upper());
            int[] widths = shape.widths();
            pieces.add(new Piece(segment.lower(), segment.upper(), map.origin(), map.scale(), scales[u], form.envelope().coefficients(),
                    cardinals, new Network(slice, widths, layout.activation(), shape.inputScale(), shape.inputShift(), bank.outputOf(u))));
        }
        return new ExportModel(problem.unknowns().get(u).name(), problem.domain().variable(), solution.coveredLower(),
                solution.coveredUpper(), problem.domain().lower(), problem.domain().upper(), pieces, problem.source().text());
    }
}
