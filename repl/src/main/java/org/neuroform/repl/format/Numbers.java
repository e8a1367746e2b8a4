package org.neuroform.repl.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How numbers are printed to users and scripts. */
public final class Numbers {
    /** Significant digits of a query's value. */
    public static final int DIGITS = 12;

    private Numbers() {}

    /**
     * A value with {@link #DIGITS} significant digits: plain between 1e−4 and 1e15
     * ({@code 0.630125092500}), scientific outside ({@code 1.23456789012e-07}).
     */
    public static String value(double v) {
        return value(v, DIGITS);
    }

    /** A value with {@code digits} significant digits (1 to 17), in the form of {@link #value(double)}. */
    public static String value(double v, int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("digits " + digits);
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-4 && magnitude < 1e15) {
            return new BigDecimal(v).round(new MathContext(digits)).toPlainString();
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }

    /** A short form for losses, residuals and errors: {@code 3.2e-09}. */
    public static String brief(double v) {
        if (v == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.2g", v).replace("e-0", "e-").replace("e+0", "e+");
    }

    /** A short form for axis labels and ranges: at most {@code digits} significant digits, no trailing zeros. */
    public static String compact(double v, int digits) {
        return org.neuroform.compiler.sym.Printer.compact(v, digits);
    }

    /** Seconds with a sensible number of digits. */
    public static String seconds(double s) {
        return s < 10 ? String.format(Locale.ROOT, "%.2f", s) : String.format(Locale.ROOT, "%.1f", s);
    }
}
