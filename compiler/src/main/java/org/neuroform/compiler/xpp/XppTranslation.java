package org.neuroform.compiler.xpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;

/**
 * An XPP file read and translated: the native text (what {@code neuroform convert} prints), the
 * reader's own diagnostics (refused features, notes), and the map from native text back to the
 * XPP file.
 *
 * @param description one line for the user: how the file was read (domain, what it defines)
 */
public record XppTranslation(SourceFile xpp, SourceFile translated, List<Diagnostic> diagnostics, String description,
        NativeTextMap map) {

    public XppTranslation {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /**
     * Compiles the translation; every diagnostic (the reader's and the compiler's) points into
     * the XPP file. A file the reader refused is not compiled: its diagnostics say why.
     */
    public Compilation compile() {
        if (hasErrors()) {
            return new Compilation(Optional.empty(), diagnostics);
        }
        Compilation compiled = Compiler.compile(translated);
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        for (Diagnostic d : compiled.diagnostics()) {
            all.add(new Diagnostic(d.severity(), d.code(), map.toXpp(d.span()), lines(d.message()), xppHint(d.code(), lines(d.hint()))));
        }
        all.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        return new Compilation(compiled.problem(), all);
    }

    private static final java.util.regex.Pattern NATIVE_DEFINITIONS =
            java.util.regex.Pattern.compile("A constant is defined with 'param (\\S+) = …'; an unknown that no equation differentiates.*$");

    /** The native compiler's advice on an undefined name, in XPP's words (XPP has no algebraic unknowns written u(t)). */
    private static String xppHint(String code, String hint) {
        if (!"undefined-name".equals(code)) {
            return hint;
        }
        return NATIVE_DEFINITIONS.matcher(hint).replaceAll("A constant is defined with 'par $1=…'").trim();
    }

    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("\\bline (\\d+)\\b");

    /** "defined on line 5" in a message about the translation: the line of the XPP file instead. */
    private String lines(String text) {
        java.util.regex.Matcher m = LINE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int nativeLine = Integer.parseInt(m.group(1));
            String replacement = m.group();
            if (nativeLine >= 1 && nativeLine <= translated.lineCount()) {
                int start = 0;
                for (int l = 1; l < nativeLine; l++) {
                    start += translated.line(l).length() + 1;
                }
                int end = start + Math.max(1, translated.line(nativeLine).length());
                Span xppSpan = map.toXpp(new Span(nativeLine, 1, nativeLine, end - start + 1, start, end));
                if (xppSpan.isKnown()) {
                    replacement = "line " + xppSpan.line();
                }
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Native offsets to XPP spans. */
    public static final class NativeTextMap {
        private final NativeText text;
        private final int[] lineStarts;
        private final int length;

        NativeTextMap(NativeText text, String xpp) {
            this.text = text;
            this.length = xpp.length();
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < xpp.length(); i++) {
                char c = xpp.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= xpp.length() || xpp.charAt(i + 1) != '\n'))) {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        public Span toXpp(Span span) {
            if (!span.isKnown()) {
                return span;
            }
            int[] range = text.map(span.start(), span.end());
            return span(range[0], range[1]);
        }

        Span span(int start, int end) {
            start = Math.min(start, length);
            end = Math.max(start, Math.min(end, length));
            int line = lineOf(start);
            int endLine = lineOf(Math.max(start, end - 1));
            return new Span(line + 1, start - lineStarts[line] + 1, endLine + 1, end - lineStarts[endLine] + 1, start, end);
        }

        private int lineOf(int offset) {
            int lo = 0;
            int hi = lineStarts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (lineStarts[mid] <= offset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }
}
