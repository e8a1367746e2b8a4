package org.neuroform.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.Problems;

/** SyntheticData (Java) against the noise-free files generate.py (Python, scipy) wrote, and its noise. */
class SyntheticDataTest {
    private static final Path EXACT = Path.of("src", "test", "resources", "fit");

    private static CompiledProblem example(String name) throws IOException {
        Path path = Problems.examples().resolve(name);
        return Compiler.compile(new SourceFile(path.toString(), Files.readString(path))).problem().orElseThrow();
    }

    /** The noise-free file, read with the example's problem. */
    private static Observations exact(CompiledProblem problem, String file) throws IOException {
        Path path = EXACT.resolve(file);
        DataFile.Read read = DataFile.parse(new SourceFile(path.toString(), Files.readString(path)), problem);
        assertEquals("", read.render());
        return read.observations().orElseThrow();
    }

    private static void assertSameData(Observations expected, Observations actual) {
        assertArrayEquals(expected.time(), actual.time(), 0);
        assertArrayEquals(expected.unknown(), actual.unknown());
        for (int i = 0; i < expected.size(); i++) {
            double scale = Math.max(1, Math.abs(expected.value()[i]));
            assertEquals(expected.value()[i], actual.value()[i], 1e-9 * scale, "observation " + i + " of " + expected.where().get(i));
        }
    }

    @Test
    void lotkaVolterraMatchesTheNoiseFreeFile() throws IOException {
        CompiledProblem problem = example("fit-lotka-volterra.ode");
        assertEquals(0, problem.unknownIndex("x"));
        assertEquals(1, problem.unknownIndex("y"));
        Observations expected = exact(problem, "lotka-volterra-exact.csv");
        double[] times = SyntheticData.grid(0.5, 15);
        assertEquals(60, expected.size());
        assertSameData(expected, SyntheticData.lotkaVolterra(SyntheticData.LOTKA_VOLTERRA_TRUE, times, 0, 1));
    }

    @Test
    void sirMatchesTheNoiseFreeFile() throws IOException {
        CompiledProblem problem = example("fit-sir.ode");
        assertEquals(1, problem.unknownIndex("I"));
        assertEquals(SyntheticData.SIR_POPULATION, problem.params().get("N"));
        Observations expected = exact(problem, "sir-exact.csv");
        assertEquals(40, expected.size());
        assertSameData(expected, SyntheticData.sirInfected(SyntheticData.SIR_TRUE, SyntheticData.grid(1, 40), 0, 1));
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOther() {
        double[] times = SyntheticData.grid(1, 40);
        Observations a = SyntheticData.sirInfected(SyntheticData.SIR_TRUE, times, 3, 42);
        Observations b = SyntheticData.sirInfected(SyntheticData.SIR_TRUE, times, 3, 42);
        Observations c = SyntheticData.sirInfected(SyntheticData.SIR_TRUE, times, 3, 43);
        assertArrayEquals(a.value(), b.value(), 0);
        assertFalse(Arrays.equals(a.value(), c.value()));
        assertTrue(a.hasSigma());
        assertEquals(3, a.sigma()[0]);
        assertFalse(SyntheticData.sirInfected(SyntheticData.SIR_TRUE, times, 0, 42).hasSigma());
    }

    @Test
    void theNoiseHasMeanZeroAndTheGivenSigma() {
        double[] times = SyntheticData.grid(0.5, 15);
        double sigma = 0.7;
        Observations clean = SyntheticData.lotkaVolterra(SyntheticData.LOTKA_VOLTERRA_TRUE, times, 0, 0);
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (long seed = 1; seed <= 100; seed++) {
            Observations noisy = SyntheticData.lotkaVolterra(SyntheticData.LOTKA_VOLTERRA_TRUE, times, sigma, seed);
            for (int i = 0; i < noisy.size(); i++) {
                double e = noisy.value()[i] - clean.value()[i];
                sum += e;
                squares += e * e;
                n++;
            }
        }
        double mean = sum / n;
        double deviation = Math.sqrt(squares / n - mean * mean);
        // 6000 draws: the mean's standard error is sigma/77, the deviation's about sigma/110
        assertEquals(0, mean, 4 * sigma / Math.sqrt(n), "mean");
        assertEquals(sigma, deviation, 4 * sigma / Math.sqrt(2.0 * n), "standard deviation");
    }
}
