package org.neuroform.repl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private final List<String> shown = new ArrayList<>();
    private int cleared;
    private final AtomicLong now = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ProgressLine.Display display = new ProgressLine.Display() {
        @Override
        public void show(String line) {
            shown.add(line);
        }

        @Override
        public void clear() {
            cleared++;
        }
    };

    private ProgressLine line(int budget) {
        return new ProgressLine(display, budget, stop::get, now::get, 1_000, 100);
    }

    @Test
    void quickRunsShowNothing() {
        ProgressLine line = line(100);
        for (int i = 1; i <= 50; i++) {
            now.addAndGet(10);
            line.progress("lm", i, 1e-3);
        }
        line.finish();
        assertTrue(shown.isEmpty());
        assertEquals(0, cleared, "nothing to erase");
    }

    @Test
    void longRunsShowAThrottledLineWithAnEstimateThenEraseIt() {
        ProgressLine line = line(1000);
        line.progress("adam", 0, 1);
        for (int i = 1; i <= 500; i++) {
            now.addAndGet(10); // 10 ns per iteration
            line.progress("adam", i, 1.0 / i);
        }
        // shown from 1000 ns on, at most every 100 ns: iterations 100, 110, ..., 500
        assertEquals(41, shown.size());
        assertEquals("training: adam iteration 500/1000, loss 0.0020, 0.00 s, ETA ≤ 0.00 s (Ctrl-C stops)", shown.get(shown.size() - 1));
        line.finish();
        assertEquals(1, cleared);
    }

    @Test
    void newStagesAndRestartsAreCounted() {
        ProgressLine line = line(10);
        line.progress("lm", 3, 1);
        now.addAndGet(2000);
        line.progress("lm", 1, 1);
        now.addAndGet(2000);
        line.progress("lbfgs", 1, 1);
        assertTrue(shown.get(shown.size() - 1).startsWith("training: lbfgs #3 iteration 1/10"), shown.toString());
    }

    @Test
    void stopRequestsComeFromTheFlag() {
        ProgressLine line = line(10);
        assertFalse(line.stopRequested());
        stop.set(true);
        assertTrue(line.stopRequested());
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("1.50 s", ProgressLine.duration(1_500_000_000L));
        assertEquals("2 min 5 s", ProgressLine.duration(125_000_000_000L));
        assertEquals("2 h 3 min", ProgressLine.duration((2 * 3600 + 3 * 60) * 1_000_000_000L));
    }

    @Test
    void marchingShowsTheMaxResidualAndTheShareOfTheDomainDone() {
        ProgressLine line = new ProgressLine(display, 400, stop::get, now::get, 0, 0);
        now.set(0);
        line.progress("lm", 1, 1e-6, 3e-4);
        line.marched(2.5, 10);
        now.set(3_000_000_000L); // 3 s for a quarter of the domain
        line.progress("lm", 7, 2e-14, 4.2e-8);
        String last = shown.get(shown.size() - 1);
        assertTrue(last.contains("max residual 4.2e-8"), last);
        assertTrue(last.contains("25% of the domain"), last);
        assertTrue(last.contains("ETA ~ 9.00 s"), last);
        assertFalse(last.contains("ETA ≤"), "no per-stage estimate while marching: " + last);
    }
}
