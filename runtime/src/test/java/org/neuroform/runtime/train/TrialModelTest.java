package org.neuroform.runtime.train;

import org.neuroform.runtime.trial.TrialModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.runtime.Problems;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape;

/**
 * The loss gradient and the residual Jacobian of whole problems (trial forms with and without
 * corrections, penalty conditions, systems, shared and separate networks) against finite
 * differences.
 */
class TrialModelTest {

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("decay", "domain x in [0, 2]\ny' = -2*y\ny(0) = 1\n", false),
                Arguments.of("second order ivp", "domain x in [0, 2]\ny'' + 0.2*y' + y = -0.2*exp(-0.2*x)*cos(x)\ny(0) = 0\ny'(0) = 1\n", false),
                Arguments.of("robin bvp", "domain x in [0, 1]\ny'' = -y + x\ny(0) + 2*y'(0) = 1\ny'(1) = 0.5\n", false),
                Arguments.of("nonlinear system, shared",
                        "domain t in [0, 3]\nu' = cos(t) + u^2 + v - (1 + t^2 + sin(t)^2)\nv' = 2*t - (1 + t^2)*sin(t) + u*v\nu(0) = 0\nv(0) = 1\n"
                                + "train network = shared\n", true),
                Arguments.of("cross condition", "domain x in [0, 1]\nu' = v\nv' = -u\nu(0) = v(0)\nu(0) + v(0) = 2\n", false),
                Arguments.of("penalty", "domain x in [0, 1]\ny' = -y\ny(0)^2 = 1\n", false),
                Arguments.of("third order multipoint", "domain x in [0, 2]\ny''' = -y' + sin(x)\ny(0) = 0\ny'(1) = 1\ny(2) = 0\ntrial = projection\n".replace("trial =", "train trial ="), false));
    }

    private static TrialModel model(CompiledProblem problem, boolean shared, int points) {
        NetworkLayout layout = new NetworkLayout(List.of(6), NetworkShape.Activation.TANH, shared);
        NetworkBank bank = layout.bank(problem.unknowns().size(), problem.domain().lower(), problem.domain().upper());
        double[] x = Trainer.uniform(problem.domain().lower(), problem.domain().upper(), points);
        double[] scales = new double[problem.unknowns().size()];
        java.util.Arrays.fill(scales, 1.5);
        return new TrialModel(problem.equations(), problem.penalties(), problem.trial(), problem.orders(), x, bank, scales, 0);
    }

    private static double[] parameters(TrialModel model, long seed) {
        double[] theta = new double[model.parameterCount()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int j = 0; j < theta.length; j++) {
            theta[j] = 0.5 * random.nextGaussian();
        }
        return theta;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void gradientMatchesFiniteDifferences(String name, String text, boolean shared) {
        CompiledProblem problem = Problems.compile(text);
        TrialModel model = model(problem, shared, 9);
        double[] theta = parameters(model, 4);
        double[] rho = new double[model.residualCount()];
        double[] gradient = new double[theta.length];
        double loss = model.lossAndGradient(theta, rho, gradient);
        assertEquals(loss, model.residuals(theta, rho), 1e-15 * Math.max(1, loss));
        double h = 1e-6;
        for (int j = 0; j < theta.length; j++) {
            double saved = theta[j];
            theta[j] = saved + h;
            double up = model.residuals(theta, rho);
            theta[j] = saved - h;
            double down = model.residuals(theta, rho);
            theta[j] = saved;
            double fd = (up - down) / (2 * h);
            assertEquals(fd, gradient[j], 1e-6 * Math.max(1, Math.abs(fd)), name + ": parameter " + j);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void jacobianMatchesFiniteDifferences(String name, String text, boolean shared) {
        CompiledProblem problem = Problems.compile(text);
        TrialModel model = model(problem, shared, 7);
        double[] theta = parameters(model, 8);
        int m = model.residualCount();
        int n = theta.length;
        double[] rho = new double[m];
        double[] jacobian = new double[m * n];
        model.residualsAndJacobian(theta, rho, jacobian);
        double[] up = new double[m];
        double[] down = new double[m];
        double h = 1e-6;
        double worst = 0;
        for (int j = 0; j < n; j++) {
            double saved = theta[j];
            theta[j] = saved + h;
            model.residuals(theta, up);
            theta[j] = saved - h;
            model.residuals(theta, down);
            theta[j] = saved;
            for (int r = 0; r < m; r++) {
                double fd = (up[r] - down[r]) / (2 * h);
                worst = Math.max(worst, Math.abs(fd - jacobian[r * n + j]) / Math.max(1, Math.abs(fd)));
            }
        }
        assertTrue(worst < 1e-6, name + ": worst relative Jacobian error " + worst);
    }
}
