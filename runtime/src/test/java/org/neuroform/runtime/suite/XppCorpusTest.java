package org.neuroform.runtime.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.xpp.XppReader;
import org.neuroform.compiler.xpp.XppTranslation;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.train.Trainer;

/**
 * The XPP corpus (examples/xpp): every supported file trains with the defaults to within 1e-6 of
 * DormandPrince853 on its horizon (on a chaotic one, the part where the reference is trustworthy),
 * every other one is refused with the code its {@code neuroform-expect} line names.
 */
@Tag("slow")
class XppCorpusTest {
    private static final Path FOLDER = Path.of("..", "examples", "xpp");

    @TestFactory
    Stream<DynamicTest> everyFileIsAsItExpects() throws IOException {
        List<Path> files = XppCorpusRunner.files(FOLDER);
        assertTrue(files.size() >= 25, "the corpus has " + files.size() + " files");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            XppCorpusRunner.Row row = XppCorpusRunner.run(file, XppCorpusRunner.MAX_SECONDS);
            assertTrue(row.asExpected(), () -> XppCorpusRunner.line(row));
            if (row.trained()) {
                assertTrue(row.trustedUntil() > row.lower() + 0.1 * (row.upper() - row.lower()),
                        () -> "the comparison covers too little of the horizon: " + XppCorpusRunner.line(row));
            }
        }));
    }

    /** The converted text, compiled as a native file, gives the same answers as the XPP file (same problem, same seed). */
    @Test
    void aConvertedFileGivesTheSameAnswers() throws IOException {
        Path file = FOLDER.resolve("morris-lecar.ode");
        SourceFile source = new SourceFile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        XppTranslation translation = XppReader.read(source);
        CompiledProblem viaXpp = translation.compile().problem().orElseThrow();
        CompiledProblem viaNative = Compiler.compile(new SourceFile("converted.ode", translation.translated().text())).problem()
                .orElseThrow();
        TrainedSolution a = new Trainer(viaXpp, org.neuroform.runtime.optim.TrainingMonitor.SILENT).train();
        TrainedSolution b = new Trainer(viaNative, org.neuroform.runtime.optim.TrainingMonitor.SILENT).train();
        assertEquals(List.of("v(200)", "w(200)", "ica(200)", "ik(200)"), viaXpp.queries().stream().map(Query::text).toList());
        for (int q = 0; q < viaXpp.queries().size(); q++) {
            double x = a.evaluate(viaXpp.queries().get(q).expression());
            double y = b.evaluate(viaNative.queries().get(q).expression());
            assertEquals(x, y, 1e-12 * Math.max(1, Math.abs(x)), viaXpp.queries().get(q).text());
        }
    }
}
