package org.neuroform.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neuroform.ast.Program;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;
import org.neuroform.grammar.SourceParser;
import org.neuroform.runtime.optim.TrainingMonitor;

/**
 * The fit examples (examples/fit-*.ode) on their noise-free data (runtime/src/test/resources/fit,
 * written by examples/fit-data/generate.py with SciPy's DOP853 from the stated true values):
 * every param recovered to 1e−6 relative; the non-identifiable model named; the wrong model flagged.
 */
@Tag("slow")
class FitTest {

    static FitResult fit(String example, String exactData, int starts) throws IOException, FitException {
        Path file = Path.of("..", "examples", example);
        SourceFile source = new SourceFile(file.toString(), Files.readString(file));
        Program program = SourceParser.parse(source).program();
        CompiledProblem problem = Compiler.compileAt(program, java.util.Map.of()).problem().orElseThrow();
        DataFile.Read read = DataFile.read(Path.of("src", "test", "resources", "fit", exactData), source, Span.NONE, problem);
        assertFalse(read.hasErrors(), read.render());
        ParamProblem params = ParamProblem.of(program, problem.estimated());
        return Fit.run(params, read.observations().orElseThrow(), new Fit.Settings(starts, 7), TrainingMonitor.SILENT);
    }

    static void assertRecovered(FitResult fit, double... truth) {
        for (int j = 0; j < truth.length; j++) {
            FitResult.ParamEstimate estimate = fit.parameters().get(j);
            assertEquals(truth[j], estimate.value(), 1e-6 * Math.abs(truth[j]), estimate.name());
            assertTrue(estimate.identifiable(), estimate.name());
        }
        assertTrue(fit.goodness().explains(), fit.warnings().toString());
        assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
    }

    @Test
    void lotkaVolterraFromBothSpecies() throws Exception {
        assertRecovered(fit("fit-lotka-volterra.ode", "lotka-volterra-exact.csv", 3), SyntheticData.LOTKA_VOLTERRA_TRUE);
    }

    @Test
    void sirFromInfectedOnly() throws Exception {
        assertRecovered(fit("fit-sir.ode", "sir-exact.csv", 3), SyntheticData.SIR_TRUE);
    }

    @Test
    void logisticWithItsInitialValue() throws Exception {
        assertRecovered(fit("fit-logistic.ode", "logistic-exact.csv", 3), 0.8, 100, 5);
    }

    @Test
    void aProductOfTwoRatesIsNamedAsWhatTheDataDetermine() throws Exception {
        FitResult fit = fit("fit-nonidentifiable.ode", "nonidentifiable-exact.csv", 3);
        assertEquals(1, fit.identifiability().size(), fit.identifiability().toString());
        assertTrue(fit.identifiability().get(0).startsWith("only a·b is determined"), fit.identifiability().get(0));
        for (FitResult.ParamEstimate estimate : fit.parameters()) {
            assertFalse(estimate.identifiable(), estimate.name());
            assertTrue(Double.isNaN(estimate.stderr()), estimate.name());
        }
        double product = fit.parameters().get(0).value() * fit.parameters().get(1).value();
        assertEquals(0.6, product, 1e-6 * 0.6, "a·b, which the data do determine");
    }

    /** y' = −(a + b) y: the sum is determined, and named as a sum (the estimates are positive, but not a product). */
    @Test
    void aSumOfTwoRatesIsNamedAsASum() throws Exception {
        String text = "domain t in [0, 5]\nparam a = ? in [0.05, 2], b = ? in [0.05, 2]\ny' = -(a + b)*y\ny(0) = 2\n";
        int n = 20;
        double[] t = new double[n];
        double[] v = new double[n];
        double[] s = new double[n];
        java.util.List<String> where = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            t[i] = 0.25 * (i + 1);
            v[i] = 2 * Math.exp(-0.6 * t[i]);
            s[i] = Double.NaN;
            where.add("sum:" + (i + 1));
        }
        FitResult fit = Fit.run(SensitivitiesTest.problem(text), new Observations(t, new int[n], v, s, where),
                new Fit.Settings(3, 7, new double[] {0.15, 0.45}), TrainingMonitor.SILENT);
        assertEquals(1, fit.identifiability().size(), fit.identifiability().toString());
        assertTrue(fit.identifiability().get(0).startsWith("only a + b is determined"), fit.identifiability().get(0));
        assertEquals(0.6, fit.parameters().get(0).value() + fit.parameters().get(1).value(), 1e-6);
    }

    @Test
    void aLogisticCurveThroughOscillationsIsFlagged() throws Exception {
        FitResult fit = fit("fit-wrong-model.ode", "wrong-model-exact.csv", 3);
        assertFalse(fit.goodness().explains());
        assertTrue(fit.warnings().stream().anyMatch(w -> w.startsWith("the model does not explain these data")), fit.warnings().toString());
    }
}
