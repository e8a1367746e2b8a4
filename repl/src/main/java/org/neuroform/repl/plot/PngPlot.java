package org.neuroform.repl.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Curves as a PNG file, drawn by JFreeChart without a display ({@code java.awt.headless}). */
public final class PngPlot {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    private PngPlot() {}

    /** Writes the chart; non-finite values leave gaps. */
    public static void write(Path file, String title, String variable, double[] xs, List<Curve> curves) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Curve curve : curves) {
            XYSeries series = new XYSeries(curve.label(), false, true);
            double[] values = curve.values();
            for (int i = 0; i < xs.length; i++) {
                series.add(xs[i], Double.isFinite(values[i]) ? values[i] : null, false);
            }
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, variable, curves.size() == 1 ? curves.get(0).label() : "",
                dataset, PlotOrientation.VERTICAL, curves.size() > 1, false, false);
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (java.awt.AWTError | UnsatisfiedLinkError e) {
            throw new IOException("no graphics available to draw a PNG here (" + e.getMessage() + ")", e);
        }
    }
}
