package org.neuroform.compiler.xpp;

import java.util.Locale;
import java.util.regex.Pattern;

/** Which language an {@code .ode} file is written in: ours, or XPPAUT's (same extension). */
public enum SourceFormat {
    NATIVE,
    XPP;

    private static final Pattern DOMAIN = Pattern.compile("(?m)^[ \\t\\f\\uFEFF]*domain\\b");
    /** XPP's marks: init, par, @, done, dx/dt, x(0)=, number, aux, !derived, x' = at the start of a line. */
    private static final Pattern XPP_MARK = Pattern.compile("(?im)^[ \\t]*(?:(?:init|i|par|p|param|params|parameter|parameters"
            + "|number|aux)[ \\t]+[a-z_]|@|done[ \\t]*$|d[ \\t]*$|d[a-z_][a-z_0-9.]*[ \\t]*/[ \\t]*dt[ \\t]*=|[a-z_][a-z_0-9.]*[ \\t]*\\("
            + "[ \\t]*0[ \\t]*\\)[ \\t]*=|![a-z_])");

    /** What XPP never writes: train, def and let lines, second derivatives. */
    private static final Pattern NATIVE_MARK = Pattern.compile("(?m)^[ \\t]*(?:train|def|let)[ \\t]|''");

    /**
     * A file without a {@code domain} line and with one of XPP's marks is XPP's, unless it has
     * something XPP never writes ({@code train}, {@code def}, {@code let}, {@code y''}); anything
     * else is native (and a native file without a domain gets its usual "missing domain" error).
     */
    public static SourceFormat detect(String text) {
        String withoutComments = text.replaceAll("(?m)#.*$", "").replaceAll("(?m)^[ \\t]*\".*$", "");
        if (DOMAIN.matcher(withoutComments).find() || NATIVE_MARK.matcher(withoutComments).find()) {
            return NATIVE;
        }
        return XPP_MARK.matcher(withoutComments).find() ? XPP : NATIVE;
    }

    /** {@code xpp} or {@code native}, as {@code --format} takes it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
