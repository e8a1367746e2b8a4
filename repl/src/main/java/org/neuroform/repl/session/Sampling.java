package org.neuroform.repl.session;

import org.neuroform.compiler.CompiledProblem;
import org.neuroform.runtime.bundle.ParametricSolution;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * What {@code :table} and {@code :plot} sample across the domain: an ordinary solution, or a
 * parametric one at the values of its ranged params fixed by {@code :set k = …}.
 */
interface Sampling {
    CompiledProblem problem();

    double coveredLower();

    double coveredUpper();

    boolean covers(double x);

    double[] values(int unknown, int order, double[] xs);

    static Sampling of(TrainedSolution solution) {
        return new Sampling() {
            @Override
            public CompiledProblem problem() {
                return solution.problem();
            }

            @Override
            public double coveredLower() {
                return solution.coveredLower();
            }

            @Override
            public double coveredUpper() {
                return solution.coveredUpper();
            }

            @Override
            public boolean covers(double x) {
                return solution.covers(x);
            }

            @Override
            public double[] values(int unknown, int order, double[] xs) {
                return solution.values(unknown, order, xs);
            }
        };
    }

    /** The parametric solution at the params' values {@code p} (in the problem's order). */
    static Sampling of(ParametricSolution bundle, double[] p) {
        double[] at = p.clone();
        return new Sampling() {
            @Override
            public CompiledProblem problem() {
                return bundle.problem();
            }

            @Override
            public double coveredLower() {
                return bundle.coveredLower();
            }

            @Override
            public double coveredUpper() {
                return bundle.coveredUpper();
            }

            @Override
            public boolean covers(double x) {
                return bundle.covers(x);
            }

            @Override
            public double[] values(int unknown, int order, double[] xs) {
                return bundle.values(unknown, order, xs, at);
            }
        };
    }
}
