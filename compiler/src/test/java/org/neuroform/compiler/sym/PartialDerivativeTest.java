package org.neuroform.compiler.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Symbolic partial derivatives against central finite differences, on random expressions. */
class PartialDerivativeTest {
    private static final Derivative Y = new Derivative(0, 0);
    private static final Derivative DY = new Derivative(0, 1);
    private static final Derivative Z = new Derivative(1, 0);
    private static final Expr[] LEAVES = {Y, DY, Z, Variable.INSTANCE};

    /** A random expression whose functions stay defined near the evaluation point. */
    private static Expr random(SplittableRandom random, int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return random.nextBoolean() ? LEAVES[random.nextInt(LEAVES.length)] : Sym.constant(Math.round(random.nextDouble(-3, 3) * 4) / 4.0);
        }
        Expr a = random(random, depth - 1);
        switch (random.nextInt(9)) {
            case 0:
                return Sym.add(a, random(random, depth - 1));
            case 1:
                return Sym.sub(a, random(random, depth - 1));
            case 2:
                return Sym.mul(a, random(random, depth - 1));
            case 3:
                return Sym.div(a, Sym.add(Sym.constant(3), Sym.pow(random(random, depth - 1), Sym.constant(2))));
            case 4:
                return Sym.pow(a, Sym.constant(random.nextInt(1, 4)));
            case 5:
                return Sym.apply(Function.values()[1 + random.nextInt(3)], a); // sin cos tan
            case 6:
                return Sym.apply(Function.EXP, Sym.mul(Sym.constant(0.3), a));
            case 7:
                return Sym.apply(Function.TANH, a);
            default:
                return Sym.pow(Sym.add(Sym.constant(2), Sym.apply(Function.SIN, a)), Sym.apply(Function.COS, random(random, depth - 1)));
        }
    }

    @RepeatedTest(200)
    void partialsMatchFiniteDifferences(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        Expr e = random(random, 4);
        double[] at = {0.31, -0.42, 0.27, 0.6}; // y, y', z, x
        for (int index = 0; index < LEAVES.length; index++) {
            int leaf = index;
            Expr partial = Sym.partial(e, LEAVES[leaf]);
            double exact = evaluate(partial, at);
            double h = 1e-6;
            double[] up = at.clone();
            double[] down = at.clone();
            up[leaf] += h;
            down[leaf] -= h;
            double fd = (evaluate(e, up) - evaluate(e, down)) / (2 * h);
            if (!Double.isFinite(fd) || !Double.isFinite(exact)) {
                continue; // tan near a pole: nothing to compare
            }
            assertEquals(fd, exact, 1e-6 * Math.max(1, Math.abs(fd)), () -> "d/d" + LEAVES[leaf] + " of "
                    + new Printer("x", List.of("y", "z")).print(e));
        }
    }

    private static double evaluate(Expr e, double[] at) {
        return Evaluator.evaluate(e, leaf -> {
            for (int i = 0; i < LEAVES.length; i++) {
                if (LEAVES[i].equals(leaf)) {
                    return at[i];
                }
            }
            throw new AssertionError(leaf);
        });
    }

    @Test
    void batchProgramAgreesWithTheTreeEvaluator() {
        SplittableRandom random = new SplittableRandom(99);
        List<Expr> expressions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expressions.add(random(random, 4));
        }
        BatchProgram program = BatchProgram.compile(expressions);
        int n = 5;
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[][] inputs = new double[program.derivatives().size()][n];
        for (int s = 0; s < inputs.length; s++) {
            for (int p = 0; p < n; p++) {
                inputs[s][p] = 0.1 * (s + 1) - 0.05 * p;
            }
        }
        double[][] results = new double[expressions.size()][n];
        program.evaluate(program.workspace(n), n, x, inputs, new double[0], results);
        for (int i = 0; i < expressions.size(); i++) {
            for (int p = 0; p < n; p++) {
                int point = p;
                double expected = Evaluator.evaluate(expressions.get(i), leaf -> {
                    if (leaf instanceof Variable) {
                        return x[point];
                    }
                    return inputs[program.derivatives().indexOf(leaf)][point];
                });
                assertEquals(expected, results[i][p], 0, "expression " + i + " at point " + p);
            }
        }
    }
}
