package org.neuroform.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.Grid;

class BundleTest {
    static CompiledProblem compile(String text) {
        return Compiler.compile(new SourceFile("test.ode", text)).problem().orElseThrow();
    }

    @Test
    void decay() {
        CompiledProblem problem = compile("domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n");
        ParametricSolution bundle = new BundleTrainer(problem, TrainingMonitor.SILENT).train();
        double[] xs = Grid.uniform(0, 2, 1001);
        double worst = 0;
        for (double k : Grid.uniform(0.5, 2, 21)) {
            double[] y = bundle.values(0, 0, xs, new double[] {k});
            for (int i = 0; i < xs.length; i++) {
                worst = Math.max(worst, Math.abs(y[i] - Math.exp(-k * xs[i])));
            }
        }
        System.out.println("decay: " + bundle.report() + " max error " + worst);
        assertTrue(worst < 1e-6);
    }
}
