package org.neuroform.runtime.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Equation;
import org.neuroform.compiler.sym.Apply;
import org.neuroform.compiler.sym.Binary;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.Function;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.compiler.sym.Variable;

/**
 * Where the equations jump or kink at points known before training: {@code heav}, {@code sign}, {@code floor}
 * and {@code abs} of an expression of the domain variable alone (a stimulus switched on at t = 5,
 * {@code heav(t - t0)*heav(t0 + dur - t)}; a load on part of a beam). A segment across such a point cannot
 * meet its tolerance however short (its smooth features see a step), so segments end there instead: the
 * march lands on each, and the first mesh of segments solved jointly does too. The highest derivatives are not
 * conditions of a segment's trial, so they may jump at its start. The classical integrator restarts at each
 * (an adaptive step can step over a short pulse altogether).
 */
public final class Breakpoints {
    /** Samples of each argument over the domain, between which a sign change is looked for. */
    static final int SAMPLES = 4096;
    /** More breakpoints than this (floor(1000 x)) are not used: segments would be shorter than the solution needs. */
    static final int MOST = 256;

    private final double[] points;
    private final double length;

    private Breakpoints(double[] points, double length) {
        this.points = points;
        this.length = length;
    }

    public static Breakpoints none() {
        return new Breakpoints(new double[0], 1);
    }

    /** The breakpoints of {@code problem}'s equations strictly inside its domain, in increasing order. */
    public static Breakpoints of(CompiledProblem problem) {
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        List<Apply> steps = new ArrayList<>();
        for (Equation equation : problem.equations()) {
            collect(equation.residual(), steps);
        }
        List<Double> found = new ArrayList<>();
        for (Apply step : steps) {
            roots(step.argument(), step.function() == Function.FLOOR, lower, upper, found);
            if (found.size() > MOST) {
                return none();
            }
        }
        double margin = 1e-12 * (upper - lower);
        double[] sorted = found.stream().mapToDouble(Double::doubleValue).filter(x -> x > lower + margin && x < upper - margin)
                .sorted().toArray();
        List<Double> distinct = new ArrayList<>();
        for (double x : sorted) {
            if (distinct.isEmpty() || x - distinct.get(distinct.size() - 1) > margin) {
                distinct.add(x);
            }
        }
        return new Breakpoints(distinct.stream().mapToDouble(Double::doubleValue).toArray(), upper - lower);
    }

    /** The non-smooth functions whose arguments depend on the variable and on no unknown. */
    private static void collect(Expr e, List<Apply> steps) {
        if (e instanceof Apply) {
            Apply apply = (Apply) e;
            Function f = apply.function();
            boolean kink = !f.isSmooth() || f == Function.ABS;
            if (kink && Sym.mentionsVariable(apply.argument()) && Sym.unknownTerms(apply.argument()).isEmpty()) {
                steps.add(apply);
            }
            collect(apply.argument(), steps);
        } else if (e instanceof Binary) {
            collect(((Binary) e).left(), steps);
            collect(((Binary) e).right(), steps);
        }
    }

    /**
     * Where {@code floor(g(x))} changes over [lower, upper] (a sign change of g is a change of floor(g) between −1 and
     * 0; for heav, sign and abs only those matter, and a whole-number crossing of a floor's argument is one too), each
     * to the last bit by bisection.
     */
    private static void roots(Expr argument, boolean wholeNumbers, double lower, double upper, List<Double> found) {
        double previousX = lower;
        double previous = at(argument, lower);
        for (int i = 1; i <= SAMPLES; i++) {
            double x = i == SAMPLES ? upper : lower + (upper - lower) * i / SAMPLES;
            double g = at(argument, x);
            if (Double.isFinite(previous) && Double.isFinite(g) && level(previous, wholeNumbers) != level(g, wholeNumbers)) {
                found.add(bisect(argument, previousX, x, wholeNumbers));
                if (found.size() > MOST) {
                    return;
                }
            }
            previousX = x;
            previous = g;
        }
    }

    /** Which side of zero (or which whole number's step) a value is on. */
    private static double level(double g, boolean wholeNumbers) {
        return wholeNumbers ? Math.floor(g) : g >= 0 ? 1 : -1;
    }

    private static double bisect(Expr argument, double a, double b, boolean wholeNumbers) {
        double levelA = level(at(argument, a), wholeNumbers);
        for (int i = 0; i < 200; i++) {
            double middle = 0.5 * (a + b);
            if (middle <= a || middle >= b) {
                break;
            }
            if (level(at(argument, middle), wholeNumbers) == levelA) {
                a = middle;
            } else {
                b = middle;
            }
        }
        // Where the argument is zero, if it is at either end (heav(6 - t): 6), else the first point on the far side
        return at(argument, a) == 0 ? a : b;
    }

    private static double at(Expr argument, double x) {
        return Evaluator.evaluate(argument, leaf -> leaf instanceof Variable ? x : Double.NaN);
    }

    public boolean isEmpty() {
        return points.length == 0;
    }

    public double[] points() {
        return points.clone();
    }

    /** Whether {@code x} is one of them, exactly (a segment's end snapped onto it). */
    public boolean contains(double x) {
        return Arrays.binarySearch(points, x) >= 0;
    }

    /**
     * The distance from {@code position} to the first breakpoint ahead in {@code direction} (more than 1e−12 of the
     * domain away), or infinity.
     */
    public double ahead(double position, double direction) {
        double margin = 1e-12 * length;
        double best = Double.POSITIVE_INFINITY;
        for (double b : points) {
            double d = (b - position) * direction;
            if (d > margin && d < best) {
                best = d;
            }
        }
        return best;
    }

    /** {@code x} itself, or the breakpoint within 1e−12 of the domain of it (a segment's end computed as position + step). */
    public double snap(double x) {
        double margin = 1e-12 * length;
        for (double b : points) {
            if (Math.abs(b - x) <= margin) {
                return b;
            }
        }
        return x;
    }

    @Override
    public String toString() {
        return Arrays.toString(points);
    }
}
