package org.neuroform.runtime.train;

import org.neuroform.runtime.trial.TrialModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.trial.ConditionTerm;
import org.neuroform.compiler.trial.LinearCondition;
import org.neuroform.runtime.Problems;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape;

/** For random weights, every trial solution satisfies every exact condition (to 1e-12). */
class TrialFormPropertyTest {

    static Stream<Arguments> problems() {
        String[][] cases = {
            {"ivp left", "domain x in [0, 2]\ny'' = -y\ny(0) = 1\ny'(0) = -3\n"},
            {"ivp right (terminal)", "domain x in [0, 2]\ny'' = -y\ny(2) = 1\ny'(2) = 0.5\n"},
            {"ivp interior", "domain x in [-1, 3]\ny''' = y\ny(0.5) = 1\ny'(0.5) = 2\ny''(0.5) = -1\n"},
            {"dirichlet", "domain x in [0, 1]\ny'' = -y\ny(0) = 0\ny(1) = 0.84\n"},
            {"neumann-dirichlet", "domain x in [1, 4]\ny'' = y\ny'(1) = 2\ny(4) = -1\n"},
            {"neumann-neumann", "domain x in [0, 3]\ny'' = y - 1\ny'(0) = 1\ny'(3) = -2\n"},
            {"robin", "domain x in [0, 1]\ny'' = -y\ny(0) + 2*y'(0) = 3\ny(1) - y'(1) = 0.5\n"},
            {"multipoint third order", "domain x in [0, 2]\ny''' = -y'\ny(0) = 1\ny(1) = 2\ny(2) = -1\n"},
            {"mixed points third order", "domain x in [0, 2]\ny''' = -y'\ny(0) = 1\ny'(1) = 2\ny''(2) = -1\n"},
            {"periodic", "domain x in [0, 6.283185307179586]\ny'' = -y + sin(x)\ny(0) = y(6.283185307179586)\ny'(0) = y'(6.283185307179586)\n"},
            {"cross unknowns", "domain x in [0, 1]\nu' = v\nv' = -u\nu(0) = v(0)\nu(0) + v(0) = 2\n"},
            {"system mixed", "domain t in [0, 5]\nu'' = -v\nv' = u\nu(0) = 1\nu(5) = 0\nv(2.5) = 3\n"},
            {"long domain", "domain x in [0, 50]\ny'' = -y\ny(0) = 0\ny'(50) = 1\n"},
        };
        return Arrays.stream(cases).flatMap(c -> Stream.of(
                Arguments.of(c[0] + ", lagaris", c[1]),
                Arguments.of(c[0] + ", projection", c[1] + "train trial = projection\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void conditionsHoldForRandomWeights(String name, String text) {
        CompiledProblem problem = Problems.compile(text);
        assertTrue(problem.penalties().isEmpty(), name + ": every condition should be exact, penalties: " + problem.penalties());
        List<LinearCondition> conditions = problem.trial().conditions();
        double[] points = conditions.stream().flatMap(c -> c.terms().stream()).mapToDouble(ConditionTerm::point).distinct().toArray();
        NetworkLayout layout = new NetworkLayout(List.of(7, 5), NetworkShape.Activation.TANH, false);
        NetworkBank bank = layout.bank(problem.unknowns().size(), problem.domain().lower(), problem.domain().upper());
        double[] scales = new double[problem.unknowns().size()];
        Arrays.fill(scales, 2.5);
        TrialModel model = new TrialModel(List.of(), List.of(), problem.trial(), problem.orders(), points, bank, scales, 0);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int trial = 0; trial < 20; trial++) {
            double[] theta = new double[model.parameterCount()];
            for (int j = 0; j < theta.length; j++) {
                theta[j] = 2 * random.nextGaussian();
            }
            model.evaluate(theta);
            for (LinearCondition condition : conditions) {
                double lhs = 0;
                double size = Math.abs(condition.value());
                for (ConditionTerm term : condition.terms()) {
                    int p = indexOf(points, term.point());
                    double v = term.coefficient() * model.value(term.unknown(), term.order(), p);
                    lhs += v;
                    size = Math.max(size, Math.abs(v));
                }
                assertEquals(condition.value(), lhs, 1e-12 * Math.max(1, size), name + ": " + condition.label());
            }
        }
    }

    private static int indexOf(double[] points, double x) {
        for (int i = 0; i < points.length; i++) {
            if (points[i] == x) {
                return i;
            }
        }
        throw new AssertionError(x);
    }
}
