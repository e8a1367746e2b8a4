package org.neuroform.repl.format;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.neuroform.runtime.optim.TrainingMonitor;

/**
 * The live status line of a training run: stage, iteration out of the budget, loss, elapsed time
 * and an estimate of the time left, rewritten in place at most every {@link #INTERVAL_NANOS}.
 * Short runs show nothing: the line appears only after {@link #DELAY_NANOS}. Where the line goes
 * (a terminal, stderr) is the {@link Display}'s business; this class only decides what and when.
 *
 * <p>The estimate is for the current optimizer stage: its remaining iteration budget times the
 * stage's mean time per iteration. Optimizers stop earlier when they reach the tolerance, so it is
 * an upper bound for that stage ("≤"); restarts from another seed start a new stage.
 */
public final class ProgressLine implements TrainingMonitor {
    /** Shown after this long, so that quick runs do not flicker. */
    public static final long DELAY_NANOS = 400_000_000L;
    /** Rewritten at most this often. */
    public static final long INTERVAL_NANOS = 100_000_000L;

    /** Where the line is shown. */
    public interface Display {
        /** Replaces the status line by {@code line}. */
        void show(String line);

        /** Erases the status line (training ended). */
        void clear();
    }

    private final Display display;
    private final int budget;
    private final BooleanSupplier stop;
    private final LongSupplier clock;
    private final long delay;
    private final long interval;

    private long start = Long.MIN_VALUE;
    private long stageStart;
    private long lastShown = Long.MIN_VALUE;
    private String stage = "";
    private int lastIteration = -1;
    private int stageCount;
    private int total;
    private boolean shown;

    public ProgressLine(Display display, int budget, BooleanSupplier stop) {
        this(display, budget, stop, System::nanoTime, DELAY_NANOS, INTERVAL_NANOS);
    }

    public ProgressLine(Display display, int budget, BooleanSupplier stop, LongSupplier clock, long delay, long interval) {
        this.display = Objects.requireNonNull(display, "display");
        this.budget = budget;
        this.stop = Objects.requireNonNull(stop, "stop");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.delay = delay;
        this.interval = interval;
    }

    @Override
    public void progress(String stage, int iteration, double loss) {
        progress(stage, iteration, loss, Double.NaN);
    }

    @Override
    public void marched(double segmentLength, double domainLength) {
        covered += segmentLength;
        span = domainLength;
    }

    private double covered; // marching: the length of the accepted segments
    private double span;
    private double maxResidual = Double.NaN;

    @Override
    public void progress(String stage, int iteration, double loss, double maxResidual) {
        this.maxResidual = maxResidual;
        long now = clock.getAsLong();
        if (start == Long.MIN_VALUE) {
            start = now;
        }
        if (!stage.equals(this.stage) || iteration < lastIteration) {
            this.stage = stage;
            stageStart = now;
            stageCount++;
        }
        total += Math.max(1, iteration - Math.max(lastIteration, 0));
        lastIteration = iteration;
        if (now - start < delay || (lastShown != Long.MIN_VALUE && now - lastShown < interval)) {
            return;
        }
        lastShown = now;
        shown = true;
        display.show(render(iteration, loss, now));
    }

    /** {@code training: lm iteration 120/2000, loss 3.1e-09, 1.4 s, ETA ≤ 12 s (Ctrl-C stops)}. */
    String render(int iteration, double loss, long now) {
        StringBuilder line = new StringBuilder("training: ");
        line.append(stage);
        if (stageCount > 1) {
            line.append(" #").append(stageCount);
        }
        line.append(" iteration ").append(iteration);
        if (budget > 0) {
            line.append('/').append(budget);
        }
        line.append(", loss ").append(Numbers.brief(loss));
        if (!Double.isNaN(maxResidual)) {
            line.append(", max residual ").append(Numbers.brief(maxResidual));
        }
        line.append(", ").append(duration(now - start));
        if (span > 0 && covered > 0) {
            // Marching: the share of the domain done says more than one segment's budget.
            double fraction = Math.min(1, covered / span);
            line.append(", ").append(Math.round(100 * fraction)).append("% of the domain");
            if (fraction < 1) {
                line.append(", ETA ~ ").append(duration((long) ((now - start) * (1 - fraction) / fraction)));
            }
        } else if (budget > 0 && iteration > 0 && iteration < budget) {
            double perIteration = (now - stageStart) / (double) iteration;
            line.append(", ETA ≤ ").append(duration((long) ((budget - iteration) * perIteration)));
        }
        line.append(" (Ctrl-C stops)");
        return line.toString();
    }

    static String duration(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds < 90) {
            return Numbers.seconds(seconds) + " s";
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return whole / 60 + " min " + whole % 60 + " s";
        }
        return whole / 3600 + " h " + whole % 3600 / 60 + " min";
    }

    @Override
    public boolean stopRequested() {
        return stop.getAsBoolean();
    }

    /** Erases the line if it was shown. */
    public void finish() {
        if (shown) {
            display.clear();
            shown = false;
        }
    }

    /** Iterations seen, over all stages. */
    public int iterations() {
        return total;
    }
}
