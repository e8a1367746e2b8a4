package org.neuroform.bench;

import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.runtime.bundle.BundleTrainer;
import org.neuroform.runtime.bundle.ParametricSolution;
import org.neuroform.runtime.optim.TrainingMonitor;
import org.neuroform.runtime.train.Trainer;

/**
 * Parametric solutions: the cost of training a one-param bundle, its nodes one at a time and side
 * by side (one per core), against one forward solve at the middle of the range (medians of 15 runs
 * after 2 warm-ups, 3 for Lotka–Volterra), and the time of a query at a new value
 * of the param, at a point already asked (cached node values) and at a new point. The one-thread
 * ratio is also given in CPU time of the training thread (the bundle's nodes one at a time and the
 * forward solve both run on it), steadier than wall time on a shared machine.
 * Run: {@code java -cp … org.neuroform.bench.BundleBenchmark}.
 */
public final class BundleBenchmark {
    private BundleBenchmark() {}

    public static void main(String[] args) {
        String[][] problems = {
            {"decay", "domain x in [0, 2]\nparam k in [0.5, 2]\ny' = -k*y\ny(0) = 1\n", "domain x in [0, 2]\ny' = -1.25*y\ny(0) = 1\n"},
            {"lagaris3", "domain x in [0, 2]\nparam k in [0.1, 0.5]\ny'' + k*y' + y = -k*exp(-k*x)*cos(x)\ny(0) = 0\ny'(0) = 1\n",
                "domain x in [0, 2]\nparam k = 0.3\ny'' + k*y' + y = -k*exp(-k*x)*cos(x)\ny(0) = 0\ny'(0) = 1\n"},
            {"oscillator", "domain x in [0, 2*pi]\nparam v0 in [0.5, 2]\ny'' + y = 0\ny(0) = 0\ny'(0) = v0\n",
                "domain x in [0, 2*pi]\ny'' + y = 0\ny(0) = 0\ny'(0) = 1.25\n"},
            {"lotka-volterra", "domain t in [0, 20]\nparam a in [0.88, 1.32], b = 0.4, c = 0.1, d = 0.4\nu' = a*u - b*u*v\nv' = c*u*v - d*v\nu(0) = 10\nv(0) = 10\n",
                "domain t in [0, 20]\nparam a = 1.1, b = 0.4, c = 0.1, d = 0.4\nu' = a*u - b*u*v\nv' = c*u*v - d*v\nu(0) = 10\nv(0) = 10\n"},
        };
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("| problem | nodes | bundle s, 1 thread | bundle s, default (" + cores + " threads from 20 ms a node) | one solve s"
                + " | ratio, 1 thread | ratio, default | ratio, 1 thread, CPU time | query, new k (µs) | query, new x and k (µs) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String[] p : problems) {
            CompiledProblem ranged = compile(p[1]);
            CompiledProblem single = compile(p[2]);
            int runs = p[0].equals("lotka-volterra") ? 3 : 15;
            double[] serialSeconds = new double[runs];
            double[] bundleSeconds = new double[runs];
            double[] singleSeconds = new double[runs];
            double[] serialCpu = new double[runs];
            double[] singleCpu = new double[runs];
            ParametricSolution bundle = null;
            for (int r = -2; r < runs; r++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                new BundleTrainer(ranged, TrainingMonitor.SILENT).threads(1).train();
                long t1 = System.nanoTime();
                long c1 = cpu.getCurrentThreadCpuTime();
                bundle = new BundleTrainer(ranged, TrainingMonitor.SILENT).train();
                long t2 = System.nanoTime();
                long c2 = cpu.getCurrentThreadCpuTime();
                new Trainer(single, TrainingMonitor.SILENT).train();
                long t3 = System.nanoTime();
                long c3 = cpu.getCurrentThreadCpuTime();
                if (r >= 0) {
                    serialSeconds[r] = (t1 - t0) / 1e9;
                    bundleSeconds[r] = (t2 - t1) / 1e9;
                    singleSeconds[r] = (t3 - t2) / 1e9;
                    serialCpu[r] = (c1 - c0) / 1e9;
                    singleCpu[r] = (c3 - c2) / 1e9;
                }
            }
            double lower = ranged.ranges().params().get(0).lower();
            double upper = ranged.ranges().params().get(0).upper();
            double x = 0.5 * (ranged.domain().lower() + ranged.domain().upper());
            bundle.value(0, 0, x, new double[] {lower});
            int n = 20000;
            double sink = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += bundle.value(0, 0, x, new double[] {lower + (upper - lower) * (i + 0.5) / n});
            }
            double cached = (System.nanoTime() - t0) / 1e3 / n;
            int m = 200;
            t0 = System.nanoTime();
            for (int i = 0; i < m; i++) {
                double xi = ranged.domain().lower() + (ranged.domain().upper() - ranged.domain().lower()) * (i + 0.37) / m;
                sink += bundle.value(0, 0, xi, new double[] {lower + (upper - lower) * (i + 0.5) / m});
            }
            double fresh = (System.nanoTime() - t0) / 1e3 / m;
            double one = median(serialSeconds);
            double b = median(bundleSeconds);
            double s = median(singleSeconds);
            System.out.printf("| %s | %d | %.3f | %.3f | %.4f | %.1f | %.1f | %.1f | %.2f | %.0f |%n", p[0], bundle.report().nodes(), one, b, s, one / s, b / s,
                    median(serialCpu) / median(singleCpu), cached, fresh);
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static CompiledProblem compile(String text) {
        return Compiler.compile(new SourceFile("bench.ode", text)).problem().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
