package org.neuroform.runtime.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.sym.Evaluator;
import org.neuroform.compiler.sym.Expr;
import org.neuroform.compiler.sym.PointValue;
import org.neuroform.compiler.sym.Sym;
import org.neuroform.runtime.reference.ClassicalReference;
import org.neuroform.runtime.reference.ShootingReference;
import org.neuroform.runtime.solution.Grid;
import org.neuroform.runtime.solution.TrainedSolution;

/**
 * Compares a trained solution with a classical one: for initial value problems Hipparchus's
 * DormandPrince853 from the initial point, for boundary value problems the same integrator
 * with the initial state found by shooting. Problems neither covers get their residual only,
 * said plainly.
 */
public final class Verifier {
    public static final int POINTS = 1001;

    private final TrainedSolution solution;
    private final Optional<ClassicalReference> reference;
    private final String description;
    private final String unavailable;

    public Verifier(TrainedSolution solution) {
        this.solution = solution;
        CompiledProblem problem = solution.problem();
        Optional<ClassicalReference> found = Optional.empty();
        String method = "";
        String why = "";
        try {
            if (problem.initialPoint().isPresent()) {
                // A solution that ends early (a blow-up) is compared where it is, where the integrator goes through too.
                found = solution.trainingReference().isPresent() ? solution.trainingReference()
                        : solution.coversDomain() ? ClassicalReference.of(problem)
                        : ClassicalReference.of(problem, solution.coveredLower(), solution.coveredUpper());
                method = found.map(ClassicalReference::description).orElse("");
                why = found.isPresent() ? "" : "the equations cannot be integrated as an initial value problem";
            } else {
                found = solution.trainingReference().isPresent() ? solution.trainingReference()
                        : ShootingReference.of(problem, solution.state(problem.domain().lower()));
                method = found.map(r -> "shooting with " + r.description()).orElse("");
                why = found.isPresent() ? "" : "no classical method here for these conditions (residual only)";
            }
        } catch (ClassicalReference.ReferenceException e) {
            why = e.getMessage();
        } catch (ArithmeticException | IllegalArgumentException e) {
            why = "the classical integrator failed: " + e.getMessage();
        }
        this.reference = found;
        this.description = method;
        this.unavailable = why;
    }

    public TrainedSolution solution() {
        return solution;
    }

    public Optional<ClassicalReference> reference() {
        return reference;
    }

    public Verification verify() {
        CompiledProblem problem = solution.problem();
        // The part training covered: all the domain, unless it stopped early (then that part only, and said so).
        double[] x = Grid.uniform(solution.coveredLower(), solution.coveredUpper(), POINTS);
        List<UnknownDeviation> unknowns = new ArrayList<>();
        double worst = reference.isPresent() ? 0 : Double.NaN;
        double worstScaled = worst;
        for (int u = 0; u < problem.unknowns().size(); u++) {
            String name = problem.unknowns().get(u).name();
            if (reference.isEmpty()) {
                unknowns.add(new UnknownDeviation(name, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            double[] values = solution.values(u, 0, x);
            double[] expected = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                expected[i] = reference.get().value(u, 0, x[i]);
            }
            LargestDeviation largest = LargestDeviation.of(values, expected); // NaN anywhere makes it NaN
            double scaled = LargestDeviation.scaled(values, expected).value();
            unknowns.add(new UnknownDeviation(name, largest.value(), x[largest.index()], scaled));
            worst = LargestDeviation.worse(worst, largest.value());
            worstScaled = LargestDeviation.worse(worstScaled, scaled);
        }
        double residual = solution.maxResidual(Math.max(2, POINTS / solution.segments().size()));
        return new Verification(description, unavailable, worst, worstScaled, unknowns, residual, POINTS, solution.coveredLower(),
                solution.coveredUpper(), !solution.coversDomain());
    }

    /** The accuracy of one query's value. */
    public QueryAccuracy accuracy(Expr query) {
        Set<Expr> terms = Sym.unknownTerms(query);
        double residual = 0;
        for (Expr term : terms) {
            residual = LargestDeviation.worse(residual, solution.residualAt(((PointValue) term).point()));
        }
        double deviation = Double.NaN;
        if (reference.isPresent()) {
            int[] orders = solution.problem().orders();
            boolean covered = terms.stream().allMatch(t -> ((PointValue) t).order() <= orders[((PointValue) t).unknown()]);
            if (covered) {
                double classical = Evaluator.evaluate(query, leaf -> {
                    PointValue p = (PointValue) leaf;
                    return reference.get().value(p.unknown(), p.order(), p.point());
                });
                deviation = Math.abs(solution.evaluate(query) - classical);
            }
        }
        return new QueryAccuracy(terms.isEmpty() ? Double.NaN : residual, deviation);
    }

    public String description() {
        return description;
    }

    public String unavailable() {
        return unavailable;
    }
}
