package org.neuroform.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.neuroform.ast.Program;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.grammar.SourceParser;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.train.Sensitivities;
import org.neuroform.runtime.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The core's parameter sensitivities against exact ones and against differences of whole solves. */
class SensitivitiesTest {

    static ParamProblem problem(String text) {
        Program program = SourceParser.parse(new SourceFile("test.ode", text)).program();
        CompiledProblem compiled = Compiler.compileAt(program, java.util.Map.of()).problem().orElseThrow();
        return ParamProblem.of(program, compiled.estimated());
    }

    static double[][] sensitivities(ParamProblem problem, double[] p, double[] times, int[] unknowns) {
        CompiledProblem compiled = problem.at(p).orElseThrow();
        TrainedSolution solution = new Trainer(compiled, TrainingMonitor.SILENT).train();
        return Sensitivities.at(solution, problem.effects(compiled, p).orElseThrow(), times, unknowns);
    }

    /** y' = −k y, y(0) = y0: ∂y/∂k = −t y0 e^{−kt}, ∂y/∂y0 = e^{−kt}, through a march of several segments. */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 2024})
    void decayMatchesTheExactSensitivities(long seed) {
        ParamProblem problem = problem("domain t in [0, 10]\nparam k = ?, y0 = ?\ny' = -k*y\ny(0) = y0\ntrain seed = " + seed + "\n");
        double k = 0.7;
        double y0 = 2;
        double[] times = {0, 0.3, 1, 2.5, 5, 7.7, 10};
        double[][] s = sensitivities(problem, new double[] {k, y0}, times, new int[times.length]);
        for (int i = 0; i < times.length; i++) {
            double t = times[i];
            assertEquals(-t * y0 * Math.exp(-k * t), s[i][0], 1e-9, "dy/dk at " + t);
            assertEquals(Math.exp(-k * t), s[i][1], 1e-9, "dy/dy0 at " + t);
        }
    }

    /** Lotka–Volterra: the sensitivities against central differences of solutions trained at p ± h. */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 2024})
    void lotkaVolterraMatchesDifferencesOfSolves(long seed) {
        String text = "domain t in [0, 8]\nparam a = ?, b = ?, c = ?, d = ?\nx' = a*x - b*x*y\ny' = c*x*y - d*y\nx(0) = 1\ny(0) = 0.5\n"
                + "train seed = " + seed + "\n";
        ParamProblem problem = problem(text);
        double[] p = {1.1, 0.4, 0.4, 0.9};
        double[] times = {0.5, 2, 4, 6.5, 8, 1, 3, 7};
        int[] unknowns = {0, 0, 0, 0, 0, 1, 1, 1};
        double[][] s = sensitivities(problem, p, times, unknowns);
        for (int j = 0; j < p.length; j++) {
            double h = 1e-5 * p[j];
            double[] up = p.clone();
            double[] down = p.clone();
            up[j] += h;
            down[j] -= h;
            TrainedSolution plus = new Trainer(problem.at(up).orElseThrow(), TrainingMonitor.SILENT).train();
            TrainedSolution minus = new Trainer(problem.at(down).orElseThrow(), TrainingMonitor.SILENT).train();
            for (int i = 0; i < times.length; i++) {
                double fd = (plus.value(unknowns[i], 0, times[i]) - minus.value(unknowns[i], 0, times[i])) / (2 * h);
                // difference quotients of solves accurate to ~1e−10, over 2h = 2e−5 p: ~1e−5 absolute
                assertEquals(fd, s[i][j], 1e-4 * Math.max(1, Math.abs(fd)), "param " + j + ", point " + i);
            }
        }
    }
}
