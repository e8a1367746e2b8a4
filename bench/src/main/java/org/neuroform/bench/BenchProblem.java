package org.neuroform.bench;

import java.util.Arrays;
import java.util.List;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.nn.Backend;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape;
import org.neuroform.runtime.trial.TrialModel;

/**
 * The problem the step benchmark trains: Lagaris problem 3, a damped oscillator of second order
 * (so the networks run to Taylor order 2), built into a {@link TrialModel} the way {@code Trainer}
 * builds one: uniform collocation points, one tanh network, the problem's trial form.
 */
final class BenchProblem {
    static final String SOURCE = String.join("\n",
            "# Lagaris, Likas & Fotiadis (1998), problem 3. Exact solution: y(x) = exp(-x/5)*sin(x)",
            "domain x in [0, 2]",
            "param k = 1/5",
            "y'' + k*y' + y = -k*exp(-k*x)*cos(x)",
            "y(0) = 0",
            "y'(0) = 1",
            "");

    /** Taylor order the step evaluates the networks to (the problem is second order). */
    static final int ORDER = 2;

    private BenchProblem() {}

    static CompiledProblem compile() {
        Compilation compilation = Compiler.compile(new SourceFile("lagaris3.ode", SOURCE));
        if (compilation.hasErrors()) {
            throw new IllegalStateException(compilation.errors().toString());
        }
        return compilation.problem().orElseThrow();
    }

    /** "32" → [32], "64x64" → [64, 64] (JMH splits parameter values at commas). */
    static List<Integer> hidden(String text) {
        return Arrays.stream(text.split("x")).map(String::trim).map(Integer::valueOf).toList();
    }

    static NetworkLayout layout(String hidden, Backend backend) {
        return new NetworkLayout(hidden(hidden), NetworkShape.Activation.TANH, false, backend);
    }

    static TrialModel model(CompiledProblem problem, NetworkLayout layout, int points) {
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = lower + (upper - lower) * i / (points - 1);
        }
        x[points - 1] = upper;
        int unknowns = problem.unknowns().size();
        double[] scales = new double[unknowns];
        Arrays.fill(scales, 1); // what Trainer.scales() gives here: y(0) = 0 prescribes no size
        NetworkBank bank = layout.bank(unknowns, lower, upper);
        return new TrialModel(problem.equations(), problem.penalties(), problem.trial(), problem.orders(), x, bank, scales, 0);
    }
}
