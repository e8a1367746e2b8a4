package org.neuroform.repl.plot;

import java.util.List;
import org.neuroform.repl.format.Numbers;

/**
 * Curves drawn with text. In Braille mode each character cell holds 2 × 4 dots, so a plot of
 * {@code width × height} cells has {@code 2·width × 4·height} pixels; consecutive samples are joined
 * vertically so that steep parts stay connected. Several curves are told apart by colour (when the
 * terminal has colours) or else drawn in ASCII mode, one mark per curve ({@code * + o x #}).
 *
 * <p>The curves are sampled by the caller at {@link #samples} equally spaced points of
 * {@code [xmin, xmax]}; non-finite values leave a gap.
 */
public final class TerminalPlot {
    /** Braille dot bits by (column 0–1, row 0–3) within a cell. */
    private static final int[][] DOT = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};
    private static final char[] MARKS = {'*', '+', 'o', 'x', '#', '@'};
    /** ANSI foreground colours, one per curve. */
    private static final String[] COLORS = {"\u001b[34m", "\u001b[31m", "\u001b[32m", "\u001b[35m", "\u001b[36m", "\u001b[33m"};
    private static final String RESET = "\u001b[0m";

    /** How the plot is drawn. */
    public enum Style {
        BRAILLE,
        ASCII
    }

    private final int width;
    private final int height;
    private final Style style;
    private final boolean color;

    /**
     * @param width plot area width in characters (axis labels come on top of it)
     * @param height plot area height in lines
     */
    public TerminalPlot(int width, int height, Style style, boolean color) {
        if (width < 8 || height < 3) {
            throw new IllegalArgumentException("plot too small: " + width + " × " + height);
        }
        this.width = width;
        this.height = height;
        this.style = style;
        this.color = color;
    }

    /** How many x samples the curves should have. */
    public int samples() {
        return effectiveStyle(1) == Style.BRAILLE ? 2 * width : width;
    }

    /** The style used for this many curves: Braille cannot tell curves apart without colour. */
    public Style effectiveStyle(int curves) {
        return style == Style.BRAILLE && (curves == 1 || color) ? Style.BRAILLE : Style.ASCII;
    }

    /** Samples for {@code curves} curves: call this, not {@link #samples()}, when there are several. */
    public int samples(int curves) {
        return effectiveStyle(curves) == Style.BRAILLE ? 2 * width : width;
    }

    public String render(String variable, double xmin, double xmax, List<Curve> curves) {
        Style drawn = effectiveStyle(curves.size());
        int columnsPerCell = drawn == Style.BRAILLE ? 2 : 1;
        int rowsPerCell = drawn == Style.BRAILLE ? 4 : 1;
        int pixelWidth = width * columnsPerCell;
        int pixelHeight = height * rowsPerCell;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (Curve curve : curves) {
            if (curve.values().length != pixelWidth) {
                throw new IllegalArgumentException("curve " + curve.label() + " has " + curve.values().length + " samples, not " + pixelWidth);
            }
            for (double v : curve.values()) {
                if (Double.isFinite(v)) {
                    ymin = Math.min(ymin, v);
                    ymax = Math.max(ymax, v);
                }
            }
        }
        if (ymin > ymax) {
            return "nothing to plot: no finite values\n";
        }
        if (ymax - ymin <= 1e-12 * Math.max(1, Math.abs(ymax))) {
            double pad = Math.max(1e-3, Math.abs(ymax) * 0.1);
            ymin -= pad;
            ymax += pad;
        }
        int[][] bits = new int[height][width];
        int[][] owner = new int[height][width];
        for (int[] row : owner) {
            java.util.Arrays.fill(row, -1);
        }
        for (int c = 0; c < curves.size(); c++) {
            double[] values = curves.get(c).values();
            int previous = Integer.MIN_VALUE;
            for (int px = 0; px < pixelWidth; px++) {
                if (!Double.isFinite(values[px])) {
                    previous = Integer.MIN_VALUE;
                    continue;
                }
                int py = (int) Math.round((ymax - values[px]) / (ymax - ymin) * (pixelHeight - 1));
                py = Math.max(0, Math.min(pixelHeight - 1, py));
                // Join to the previous sample: fill from just past the previous pixel to this one.
                int low = py;
                int high = py;
                if (previous != Integer.MIN_VALUE && previous < py) {
                    low = previous + 1;
                } else if (previous != Integer.MIN_VALUE && previous > py) {
                    high = previous - 1;
                }
                for (int y = low; y <= high; y++) {
                    int cellRow = y / rowsPerCell;
                    int cellColumn = px / columnsPerCell;
                    bits[cellRow][cellColumn] |= drawn == Style.BRAILLE ? DOT[px % 2][y % 4] : 1;
                    owner[cellRow][cellColumn] = c;
                }
                previous = py;
            }
        }
        boolean unicode = drawn == Style.BRAILLE || style == Style.BRAILLE;
        String top = label(ymax, ymax - ymin);
        String middle = label((ymin + ymax) / 2, ymax - ymin);
        String bottom = label(ymin, ymax - ymin);
        int margin = Math.max(top.length(), Math.max(middle.length(), bottom.length()));
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < height; row++) {
            String label = row == 0 ? top : row == height - 1 ? bottom : row == height / 2 && height > 4 ? middle : "";
            out.append(" ".repeat(margin - label.length())).append(label).append(' ');
            out.append(label.isEmpty() ? (unicode ? '│' : '|') : (unicode ? '┤' : '+'));
            for (int column = 0; column < width; column++) {
                int b = bits[row][column];
                if (b == 0) {
                    out.append(' ');
                    continue;
                }
                int c = owner[row][column];
                char glyph = drawn == Style.BRAILLE ? (char) (0x2800 + b) : MARKS[c % MARKS.length];
                if (color) {
                    out.append(COLORS[c % COLORS.length]).append(glyph).append(RESET);
                } else {
                    out.append(glyph);
                }
            }
            trimEnd(out);
            out.append('\n');
        }
        // x axis: a line with ticks at both ends and the middle, and their labels below.
        out.append(" ".repeat(margin + 1)).append(unicode ? '└' : '+');
        for (int column = 0; column < width; column++) {
            boolean tick = column == width / 2 || column == width - 1;
            out.append(tick ? (unicode ? '┬' : '+') : (unicode ? '─' : '-'));
        }
        out.append('\n');
        String left = label(xmin, xmax - xmin);
        String center = label((xmin + xmax) / 2, xmax - xmin);
        String right = label(xmax, xmax - xmin);
        StringBuilder axis = new StringBuilder(" ".repeat(margin + 2 + width + right.length()));
        place(axis, margin + 1, left);
        place(axis, margin + 2 + width / 2 - center.length() / 2, center);
        place(axis, margin + 2 + width - 1 - right.length() / 2, right);
        out.append(axis.toString().stripTrailing()).append('\n');
        StringBuilder legend = new StringBuilder(" ".repeat(margin + 2));
        for (int c = 0; c < curves.size(); c++) {
            String mark = drawn == Style.BRAILLE ? "⣿" : String.valueOf(MARKS[c % MARKS.length]);
            legend.append(c == 0 ? "" : "   ");
            legend.append(color ? COLORS[c % COLORS.length] + mark + RESET : mark).append(' ').append(curves.get(c).label());
        }
        legend.append("   (").append(variable).append(" from ").append(left).append(" to ").append(right).append(')');
        out.append(legend).append('\n');
        return out.toString();
    }

    /** An axis label: at most 4 significant digits, and no digits finer than a thousandth of the range. */
    static String label(double v, double range) {
        if (range > 0 && Double.isFinite(range)) {
            double step = Math.pow(10, Math.floor(Math.log10(range)) - 3);
            v = Math.round(v / step) * step;
        }
        return v == 0 ? "0" : Numbers.compact(v, 4);
    }

    private static void trimEnd(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }

    private static void place(StringBuilder line, int at, String text) {
        int start = Math.max(0, Math.min(at, line.length() - text.length()));
        for (int i = 0; i < text.length(); i++) {
            line.setCharAt(start + i, text.charAt(i));
        }
    }
}
