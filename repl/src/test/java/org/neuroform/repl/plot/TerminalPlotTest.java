package org.neuroform.repl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalPlotTest {
    private static double[] line(int n, double from, double to) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + (to - from) * i / (n - 1);
        }
        return v;
    }

    @Test
    void anAsciiLineGoesCornerToCorner() {
        TerminalPlot plot = new TerminalPlot(10, 5, TerminalPlot.Style.ASCII, false);
        assertEquals(10, plot.samples(1));
        String text = plot.render("x", 0, 1, List.of(new Curve("y", line(10, 0, 1))));
        assertEquals(String.join("\n",
                "  1 +        **",
                "    |      **",
                "0.5 +    **",
                "    |  **",
                "  0 +**",
                "    +-----+---+",
                "    0    0.5  1",
                "     * y   (x from 0 to 1)",
                ""), text);
    }

    @Test
    void brailleHasTwoByFourDotsPerCell() {
        TerminalPlot plot = new TerminalPlot(8, 3, TerminalPlot.Style.BRAILLE, false);
        assertEquals(16, plot.samples(1));
        double[] flat = new double[16];
        flat[0] = 1; // one high sample at the left, the rest at 0
        String text = plot.render("t", 0, 2, List.of(new Curve("u", flat)));
        String[] rows = text.split("\n");
        // top row: the first cell has the left column's top dot (0x01), and the right column the
        // dots joining it to the next sample at the bottom (0x10, 0x20, 0x80)
        assertEquals('⢱', rows[0].charAt(rows[0].indexOf('┤') + 1), text);
        assertEquals('⢸', rows[1].charAt(rows[1].indexOf('│') + 1), text);
        // bottom row: the line at 0 fills the lowest dots of every cell from the second column on
        assertTrue(rows[2].endsWith("⣀⣀⣀⣀⣀⣀⣀"), text);
        assertTrue(text.contains("⣿ u   (t from 0 to 2)"), text);
    }

    @Test
    void severalCurvesWithoutColourFallBackToMarks() {
        TerminalPlot plot = new TerminalPlot(12, 4, TerminalPlot.Style.BRAILLE, false);
        assertEquals(TerminalPlot.Style.ASCII, plot.effectiveStyle(2));
        String text = plot.render("x", 0, 1, List.of(new Curve("y", line(12, 0, 1)), new Curve("y'", line(12, 1, 1))));
        assertTrue(text.contains("* y   + y'"), text);
        assertTrue(text.contains("+") && text.contains("*"));
    }

    @Test
    void colourDistinguishesBrailleCurves() {
        TerminalPlot plot = new TerminalPlot(12, 4, TerminalPlot.Style.BRAILLE, true);
        assertEquals(TerminalPlot.Style.BRAILLE, plot.effectiveStyle(2));
        String text = plot.render("x", 0, 1, List.of(new Curve("y", line(24, 0, 1)), new Curve("v", line(24, 1, 0))));
        assertTrue(text.contains("\u001b[34m") && text.contains("\u001b[31m"), text);
    }

    @Test
    void gapsAndDegenerateRanges() {
        TerminalPlot plot = new TerminalPlot(10, 3, TerminalPlot.Style.ASCII, false);
        double[] values = line(10, 2, 2);
        values[4] = Double.NaN;
        String text = plot.render("x", 0, 1, List.of(new Curve("c", values)));
        assertTrue(text.contains("**** *****"), text);
        double[] nothing = new double[10];
        java.util.Arrays.fill(nothing, Double.NaN);
        assertEquals("nothing to plot: no finite values\n", plot.render("x", 0, 1, List.of(new Curve("c", nothing))));
    }
}
