package org.neuroform.repl.session;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neuroform.repl.plot.TerminalPlot;

/** The settings of the shell itself ({@code :set key = value}); train options belong to the problem. */
public final class Preferences {
    /** One setting: its name, what it takes, what it does. */
    record Setting(String key, String values, String meaning) {}

    static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        add("digits", "3 to 17", "significant digits of values (queries, tables)");
        add("width", "20 to 400", "plot width in characters");
        add("height", "5 to 100", "plot height in lines");
        add("plot", "braille | ascii", "how terminal plots are drawn");
        add("color", "on | off", "colours in plots");
        add("progress", "on | off", "the live status line during :train");
    }

    private static void add(String key, String values, String meaning) {
        SETTINGS.put(key, new Setting(key, values, meaning));
    }

    private int digits = 12;
    private int width = 72;
    private int height = 16;
    private TerminalPlot.Style plot = TerminalPlot.Style.BRAILLE;
    private boolean color;
    private boolean progress = true;
    private boolean widthChosen;

    public int digits() {
        return digits;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public TerminalPlot.Style plot() {
        return plot;
    }

    public boolean color() {
        return color;
    }

    public boolean progress() {
        return progress;
    }

    public void setColor(boolean color) {
        this.color = color;
    }

    /** Follows the terminal's width (plots a little narrower, at most 100), unless {@code :set width} chose one. */
    public void followTerminalWidth(int columns) {
        if (!widthChosen && columns > 0) {
            this.width = Math.max(20, Math.min(100, columns - 12));
        }
    }

    /**
     * Sets one preference from its text; returns an error message, or null when it was set.
     */
    String set(String key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        switch (key) {
            case "digits":
                return integer(v, 3, 17, n -> digits = n);
            case "width":
                return integer(v, 20, 400, n -> {
                    width = n;
                    widthChosen = true;
                });
            case "height":
                return integer(v, 5, 100, n -> height = n);
            case "plot":
                if (v.equals("braille") || v.equals("ascii")) {
                    plot = v.equals("braille") ? TerminalPlot.Style.BRAILLE : TerminalPlot.Style.ASCII;
                    return null;
                }
                return "plot takes braille or ascii";
            case "color":
            case "progress":
                Boolean on = v.equals("on") || v.equals("true") ? Boolean.TRUE : v.equals("off") || v.equals("false") ? Boolean.FALSE : null;
                if (on == null) {
                    return key + " takes on or off";
                }
                if (key.equals("color")) {
                    color = on;
                } else {
                    progress = on;
                }
                return null;
            default:
                return "no setting " + key + " (settings: " + String.join(", ", SETTINGS.keySet()) + ")";
        }
    }

    private static String integer(String text, int min, int max, java.util.function.IntConsumer setter) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                setter.accept(n);
                return null;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        return "expected a whole number from " + min + " to " + max + ", found '" + text + "'";
    }

    /** The current value of a setting, as {@code :set} shows it. */
    String get(String key) {
        switch (key) {
            case "digits":
                return Integer.toString(digits);
            case "width":
                return Integer.toString(width);
            case "height":
                return Integer.toString(height);
            case "plot":
                return plot.name().toLowerCase(Locale.ROOT);
            case "color":
                return color ? "on" : "off";
            case "progress":
                return progress ? "on" : "off";
            default:
                throw new IllegalArgumentException(key);
        }
    }
}
