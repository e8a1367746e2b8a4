package org.neuroform.repl.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.repl.Solutions;
import org.neuroform.runtime.solution.TrainedSolution;
import org.neuroform.runtime.verify.Verifier;

class JsonWriterTest {
    /** A stopped solution in run --json: the query inside is answered, the one beyond refused, and training says what is covered. */
    @Test
    void runJsonRefusesQueriesBeyondAStoppedSolution() throws Exception {
        TrainedSolution stopped = Solutions.stopped(Solutions.trained(Solutions.MARCHED_SECOND_ORDER), false);
        CompiledProblem withQueries = Solutions.compile(Solutions.MARCHED_SECOND_ORDER + "y(0.1)\ny(2.9)\n");
        TrainedSolution solution = new TrainedSolution(withQueries, stopped.segments(), stopped.report());
        JsonNode root = JsonWriter.mapper().readTree(JsonWriter.run(withQueries, solution, OptionalDouble.of(1e-7), new Verifier(solution)));
        JsonNode inside = root.get("queries").get(0);
        assertEquals(Math.sin(0.1), inside.get("value").asDouble(), 1e-3);
        assertFalse(inside.has("refused"));
        JsonNode beyond = root.get("queries").get(1);
        assertTrue(beyond.get("value").isNull());
        assertFalse(beyond.get("reliable").asBoolean());
        assertTrue(beyond.get("refused").asText().startsWith("the point 2.9 is beyond the trained part [0, "), beyond.toString());
        JsonNode covered = root.get("training").get("covered");
        assertEquals(0.0, covered.get("lower").asDouble());
        assertEquals(stopped.coveredUpper(), covered.get("upper").asDouble());
        assertTrue(root.get("training").get("stopped").asBoolean());
    }

    @Test
    void aLossThatIsNotANumberIsNull() {
        TrainedSolution decay = Solutions.trained(Solutions.DECAY);
        var report = decay.report();
        TrainedSolution nan = new TrainedSolution(decay.problem(), decay.segments(), new org.neuroform.runtime.solution.TrainingReport(
                report.iterations(), Double.NaN, report.seconds(), report.segments(), 0, false, false, java.util.List.of()));
        assertTrue(JsonWriter.training(nan, OptionalDouble.of(Double.NaN)).get(TrainingKeys.LOSS).isNull());
        assertTrue(JsonWriter.training(nan, OptionalDouble.of(Double.NaN)).get(TrainingKeys.MAX_RESIDUAL).isNull());
    }
}
