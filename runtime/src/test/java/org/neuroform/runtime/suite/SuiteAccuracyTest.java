package org.neuroform.runtime.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroform.runtime.Problems;

/**
 * Issue 5's bar: every problem of the public suite, as examples/NAME.ode with no train line
 * (the defaults), reaches a max error ≤ 1e−6 on 1001 points against its exact solution or the
 * classical integrator (DormandPrince853, 1e−12).
 */
@Tag("slow")
class SuiteAccuracyTest {

    static Stream<String> problems() {
        return Suite.PROBLEMS.stream().map(SuiteProblem::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void reachesOneInAMillionWithTheDefaults(String name) throws IOException {
        SuiteProblem problem = Suite.named(name).orElseThrow();
        String text = Files.readString(Problems.examples().resolve(problem.file()));
        assertTrue(!text.contains("\ntrain "), problem.file() + " must use the default settings");
        SuiteRunner.Row row = SuiteRunner.run(problem, Problems.examples(), "");
        assertTrue(row.converged(), name + " did not converge");
        assertTrue(row.maxError() <= 1e-6, name + ": max error " + row.maxError() + " after " + row.seconds() + " s, "
                + row.segments() + " segments");
    }
}
