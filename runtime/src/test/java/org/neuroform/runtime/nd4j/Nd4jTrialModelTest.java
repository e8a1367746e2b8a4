package org.neuroform.runtime.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroform.runtime.nd4j.Twins.assertAgree;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.nn.Backend;
import org.neuroform.runtime.nn.NetworkBank;
import org.neuroform.runtime.nn.NetworkLayout;
import org.neuroform.runtime.nn.NetworkShape.Activation;
import org.neuroform.runtime.trial.TrialModel;

/**
 * End to end: a {@link TrialModel} built on ND4J networks gives the loss, gradient, residuals and
 * Jacobian of the same model on plain-Java networks.
 */
class Nd4jTrialModelTest {
    private static final String DAMPED_OSCILLATOR = String.join("\n",
            "domain x in [0, 2]",
            "param k = 1/5",
            "y'' + k*y' + y = -k*exp(-k*x)*cos(x)",
            "y(0) = 0",
            "y'(0) = 1",
            "");
    private static final String COUPLED = String.join("\n",
            "domain x in [0, 3]",
            "y1' = cos(x) + y1^2 + y2 - (1 + x^2 + sin(x)^2)",
            "y2' = 2*x - (1 + x^2)*sin(x) + y1*y2",
            "y1(0) = 0",
            "y2(0) = 1",
            "");
    private static final String NONLINEAR_CONDITION = String.join("\n",
            "domain x in [0, 1]",
            "y'' = -y",
            "y(0) = 0",
            "y(1)^2 = 0.25",
            "");

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("damped oscillator", DAMPED_OSCILLATOR, List.of(16), Activation.TANH, false, 40),
                Arguments.of("coupled, separate networks", COUPLED, List.of(8, 8), Activation.SIGMOID, false, 33),
                Arguments.of("coupled, one shared network", COUPLED, List.of(16, 16), Activation.TANH, true, 64),
                Arguments.of("nonlinear condition", NONLINEAR_CONDITION, List.of(8), Activation.SIN, false, 17));
    }

    private static CompiledProblem compile(String name, String text) {
        Compilation compilation = Compiler.compile(new SourceFile(name + ".ode", text));
        assertFalse(compilation.hasErrors(), () -> compilation.errors().toString());
        return compilation.problem().orElseThrow();
    }

    private static TrialModel model(CompiledProblem problem, NetworkLayout layout, int points) {
        int unknowns = problem.unknowns().size();
        double lower = problem.domain().lower();
        double upper = problem.domain().upper();
        double[] x = new double[points];
        for (int p = 0; p < points; p++) {
            x[p] = lower + (upper - lower) * p / (points - 1);
        }
        double[] scales = new double[unknowns];
        Arrays.fill(scales, 1.5);
        NetworkBank bank = layout.bank(unknowns, lower, upper);
        return new TrialModel(problem.equations(), problem.penalties(), problem.trial(), problem.orders(), x, bank, scales, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void lossGradientAndJacobianAgreeWithJavaNetworks(String name, String text, List<Integer> hidden, Activation activation, boolean shared, int points) {
        CompiledProblem problem = compile(name, text);
        NetworkLayout javaLayout = new NetworkLayout(hidden, activation, shared);
        NetworkLayout nd4jLayout = javaLayout.withBackend(Backend.ND4J);
        assertEquals(Backend.JAVA, javaLayout.backend());
        int unknowns = problem.unknowns().size();
        NetworkBank javaBank = javaLayout.bank(unknowns, problem.domain().lower(), problem.domain().upper());
        NetworkBank nd4jBank = nd4jLayout.bank(unknowns, problem.domain().lower(), problem.domain().upper());
        assertTrue(nd4jBank.network(0) instanceof Nd4jTaylorNetwork);
        double[] parameters = javaBank.initialParameters(3);
        assertTrue(Arrays.equals(parameters, nd4jBank.initialParameters(3)), "same initial parameters on both backends");
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] += 0.1 * Math.sin(1.7 * i); // non-zero biases too
        }

        TrialModel javaModel = model(problem, javaLayout, points);
        TrialModel nd4jModel = model(problem, nd4jLayout, points);
        int count = javaModel.parameterCount();
        int residuals = javaModel.residualCount();
        double[] rhoJava = new double[residuals];
        double[] rhoNd4j = new double[residuals];
        double[] gradientJava = new double[count];
        double[] gradientNd4j = new double[count];
        double lossJava = javaModel.lossAndGradient(parameters, rhoJava, gradientJava);
        double lossNd4j = nd4jModel.lossAndGradient(parameters, rhoNd4j, gradientNd4j);
        assertEquals(lossJava, lossNd4j, Twins.TOLERANCE * lossJava, "loss");
        assertAgree(rhoJava, rhoNd4j, 0, residuals, "residuals");
        assertAgree(gradientJava, gradientNd4j, 0, count, "gradient");

        double[] jacobianJava = new double[residuals * count];
        double[] jacobianNd4j = new double[residuals * count];
        javaModel.residualsAndJacobian(parameters, rhoJava, jacobianJava);
        nd4jModel.residualsAndJacobian(parameters, rhoNd4j, jacobianNd4j);
        for (int row = 0; row < residuals; row++) {
            assertAgree(jacobianJava, jacobianNd4j, row * count, (row + 1) * count, "Jacobian row " + row);
        }
        if (name.startsWith("nonlinear")) {
            assertFalse(problem.penalties().isEmpty(), "this problem should exercise the penalty path");
        }
    }
}
