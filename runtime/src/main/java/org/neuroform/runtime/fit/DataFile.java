package org.neuroform.runtime.fit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.DataReference;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.UnknownFunction;
import org.neuroform.compiler.check.Suggestions;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.SourceFile;
import org.neuroform.diagnostic.Span;

/**
 * Reads a data file ({@code data "FILE.csv"}) into {@link Observations}, checking every cell.
 *
 * <p>The format: a header row naming the columns — the domain variable, observed unknowns,
 * optionally {@code sigma} (the noise's standard deviation for every value in its row) or
 * {@code sigma_NAME} (for unknown NAME only, taking precedence over {@code sigma}) — then one
 * row per time. An empty cell means "not observed at this time". {@code #} starts a comment
 * (whole line or trailing), blank lines are skipped, whitespace around cells is ignored, a
 * cell may be quoted ({@code "t"}) if it holds no separator. The separator is a comma, or a
 * semicolon or tab when the header has no comma.
 *
 * <p>A data file is data: its cells are decimal numbers, never expressions, and nothing in it
 * is evaluated. It is checked in two phases, as the compiler does: the header, then (only if
 * the header is right, since the rows' meaning depends on it) the rows. Every error is a
 * {@link Diagnostic} with a span into the file's own text, so that it renders as
 * {@code file.csv:LINE:COL: error: …} with a caret under the cell; only a file that cannot be
 * read at all is reported at the {@code data} statement in the problem's file.
 */
public final class DataFile {
    /** More rows are refused (with an error at the first row beyond). */
    public static final int MAX_ROWS = 1_000_000;

    /** Larger files are refused before reading: a million rows of several columns fit well below. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Errors (and, separately, warnings) shown per file; the rest are counted. */
    public static final int MAX_DIAGNOSTICS = 50;

    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");
    private static final Set<String> NOT_FINITE = Set.of("nan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity", "+nan", "-nan");
    private static final String SIGMA = "sigma";
    private static final String SIGMA_PREFIX = "sigma_";

    private DataFile() {}

    /**
     * A decimal number as people write it: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}.
     * Not Java's wider syntax ({@code 0x1p3}, {@code 1d}, {@code NaN}). Written out rather than a regular
     * expression: a million rows are read in well under a second.
     */
    static boolean isDecimal(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The outcome of reading one data file.
     *
     * @param source the text the diagnostics point into: the data file's own, or the problem's when
     *     the data file could not be read (then the diagnostic is at the {@code data} statement)
     * @param observations present exactly when there is no error
     * @param diagnostics errors and warnings, in the order of the text
     */
    public record Read(SourceFile source, Optional<Observations> observations, List<Diagnostic> diagnostics) {
        public Read {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(observations, "observations");
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }

        /** The diagnostics as {@code file:line:col: error: …} with excerpts (empty when there are none). */
        public String render() {
            return DiagnosticRenderer.render(source, diagnostics);
        }
    }

    // ------------------------------------------------------------------ files

    /**
     * Where a {@code data "PATH"} statement's file is: PATH itself when absolute, else relative to
     * the directory of the problem's file, or to the current directory when the problem has no file
     * (the shell's {@code <repl>}).
     *
     * @throws InvalidPathException when PATH is not a path on this system
     */
    public static Path resolve(String path, SourceFile problemSource) {
        Path written = Path.of(path);
        String name = problemSource.name();
        if (written.isAbsolute() || name.startsWith("<")) {
            return written;
        }
        Path parent;
        try {
            parent = Path.of(name).getParent();
        } catch (InvalidPathException e) {
            parent = null;
        }
        return parent == null ? written : parent.resolve(written);
    }

    /** Reads every data file the problem names, in order. */
    public static List<Read> readAll(CompiledProblem problem) {
        return problem.data().stream().map(reference -> read(reference, problem)).toList();
    }

    /** Reads the file of one {@code data} statement, resolved with {@link #resolve}. */
    public static Read read(DataReference reference, CompiledProblem problem) {
        Path file;
        try {
            file = resolve(reference.path(), problem.source());
        } catch (InvalidPathException e) {
            return failed(problem.source(), Diagnostic.error("data-file-not-found", reference.span(),
                    "cannot read data file " + Diagnostic.quote(reference.path()) + ": not a valid path"));
        }
        return read(file, problem.source(), reference.span(), problem);
    }

    /**
     * Reads and checks a data file. A file that is missing, a directory, unreadable, too large or
     * not UTF-8 text is reported at {@code statementSpan} in {@code problemSource}; everything
     * else in the data file's own text, named as {@code file} is written.
     */
    public static Read read(Path file, SourceFile problemSource, Span statementSpan, CompiledProblem problem) {
        String name = file.toString();
        String prefix = "cannot read data file " + name + ": ";
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                return failed(problemSource, Diagnostic.error("data-file-not-found", statementSpan, prefix + "no such file",
                        "the path is relative to the .ode file's directory"));
            }
            if (Files.isDirectory(file)) {
                return failed(problemSource, Diagnostic.error("data-file-unreadable", statementSpan, prefix + "it is a directory"));
            }
            if (!Files.isRegularFile(file)) {
                return failed(problemSource, Diagnostic.error("data-file-unreadable", statementSpan, prefix + "not a regular file"));
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return failed(problemSource, tooLarge(statementSpan, prefix, size));
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                return failed(problemSource, tooLarge(statementSpan, prefix, bytes.length));
            }
        } catch (NoSuchFileException e) {
            return failed(problemSource, Diagnostic.error("data-file-not-found", statementSpan, prefix + "no such file"));
        } catch (AccessDeniedException e) {
            return failed(problemSource, Diagnostic.error("data-file-unreadable", statementSpan, prefix + "permission denied"));
        } catch (IOException | SecurityException e) {
            return failed(problemSource, Diagnostic.error("data-file-unreadable", statementSpan,
                    prefix + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName())));
        }
        String text;
        try {
            text = org.neuroform.diagnostic.TextBytes.decode(bytes);
        } catch (org.neuroform.diagnostic.TextBytes.NotText e) {
            return failed(problemSource, Diagnostic.error("data-file-unreadable", statementSpan, prefix + e.getMessage(),
                    e.binary() ? "a data file is CSV text" : "save the file as UTF-8 (plain ASCII is UTF-8)"));
        }
        return parse(new SourceFile(name, text), problem);
    }

    private static Diagnostic tooLarge(Span span, String prefix, long size) {
        return Diagnostic.error("data-file-too-large", span, prefix + "too large (" + size + " bytes; the limit is " + MAX_BYTES + ")");
    }

    private static Read failed(SourceFile source, Diagnostic diagnostic) {
        return new Read(source, Optional.empty(), List.of(diagnostic));
    }

    /** Checks data already in memory (tests, the shell): the same checks as {@link #read(Path, SourceFile, Span, CompiledProblem)}. */
    public static Read parse(SourceFile csv, CompiledProblem problem) {
        return new Parser(csv, problem).run();
    }

    // ------------------------------------------------------------------ a helper for the estimator

    /**
     * Whether {@code observations} can determine {@code estimated} params with an uncertainty: an
     * error unless there are more observations than params (the estimator needs at least one degree
     * of freedom, for the noise or the χ² test); empty otherwise.
     */
    public static Optional<Diagnostic> checkCount(Observations observations, int estimated, Span span) {
        int n = observations.size();
        if (n <= estimated) {
            return Optional.of(Diagnostic.error("data-too-few-observations", span,
                    n + " observation" + (n == 1 ? "" : "s") + " cannot determine " + estimated + " param" + (estimated == 1 ? "" : "s")
                            + " with an uncertainty: at least " + (estimated + 1) + " are needed",
                    "give more observations (or estimate fewer params)"));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ the parser

    /** A cell of a line: its text (trimmed, unquoted) and where it is. */
    private record Cell(String text, Span span) {}

    /** A non-blank line with its comment removed, split into cells. */
    private record Row(int line, Span span, List<Cell> cells, Span end) {}

    /** What a header column means. */
    private enum Kind { TIME, VALUE, SIGMA, SIGMA_OF }

    private record Column(Kind kind, int unknown, Cell cell) {}

    private static final class Parser {
        private final SourceFile source;
        private final CompiledProblem problem;
        private final Domain domain;
        private final List<String> unknownNames;
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private int errors;
        private int hiddenErrors;
        private int warnings;
        private int hiddenWarnings;
        private Span firstHiddenError = Span.NONE;
        private Span firstHiddenWarning = Span.NONE;

        // the observations, row by row
        private final List<Double> times = new ArrayList<>();
        private final List<Integer> unknowns = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();
        private final List<Double> sigmas = new ArrayList<>();
        private final List<String> where = new ArrayList<>();

        Parser(SourceFile source, CompiledProblem problem) {
            this.source = source;
            this.problem = problem;
            this.domain = problem.domain();
            this.unknownNames = problem.unknowns().stream().map(UnknownFunction::name).toList();
        }

        Read run() {
            Lines lines = new Lines(source.text());
            Row first = lines.next();
            if (first == null) {
                report(Diagnostic.error("data-no-header", Span.NONE, "the data file is empty: it needs a header row naming the columns",
                        "for example: " + exampleHeader()));
                return finish();
            }
            char separator = separator(first);
            Optional<List<Column>> header = header(split(first, separator));
            if (header.isPresent() && errors == 0) {
                rows(header.get(), lines, separator);
            }
            return finish();
        }

        private Read finish() {
            if (hiddenErrors > 0) {
                diagnostics.add(Diagnostic.error("too-many-errors", firstHiddenError, "too many errors: " + hiddenErrors + " more not shown"));
            }
            if (hiddenWarnings > 0) {
                diagnostics.add(Diagnostic.warning("too-many-warnings", firstHiddenWarning,
                        "too many warnings: " + hiddenWarnings + " more not shown"));
            }
            List<Diagnostic> sorted = new ArrayList<>(diagnostics);
            sorted.sort(Comparator.comparingInt((Diagnostic d) -> d.span().isKnown() ? d.span().start() : Integer.MAX_VALUE));
            if (errors > 0) {
                return new Read(source, Optional.empty(), sorted);
            }
            double[] time = times.stream().mapToDouble(Double::doubleValue).toArray();
            int[] unknown = unknowns.stream().mapToInt(Integer::intValue).toArray();
            double[] value = values.stream().mapToDouble(Double::doubleValue).toArray();
            double[] sigma = sigmas.stream().mapToDouble(Double::doubleValue).toArray();
            return new Read(source, Optional.of(new Observations(time, unknown, value, sigma, where)), sorted);
        }

        private void report(Diagnostic diagnostic) {
            if (diagnostic.isError()) {
                if (errors++ < MAX_DIAGNOSTICS) {
                    diagnostics.add(diagnostic);
                } else if (hiddenErrors++ == 0) {
                    firstHiddenError = diagnostic.span();
                }
            } else if (warnings++ < MAX_DIAGNOSTICS) {
                diagnostics.add(diagnostic);
            } else if (hiddenWarnings++ == 0) {
                firstHiddenWarning = diagnostic.span();
            }
        }

        private String exampleHeader() {
            return domain.variable() + "," + String.join(",", unknownNames);
        }

        // -------------------------------------------------------------- lines and cells

        /** The non-blank lines one at a time (a million rows are never all in memory as objects), comments removed, each still one cell. */
        private static final class Lines {
            private final String text;
            private int line = 1;
            private int start;
            private boolean done;

            Lines(String text) {
                this.text = text;
            }

            /** The next non-blank line, or null at the end. */
            Row next() {
                while (!done) {
                    int end = start;
                    int comment = -1;
                    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                        if (comment < 0 && text.charAt(end) == '#') {
                            comment = end;
                        }
                        end++;
                    }
                    int content = comment < 0 ? end : comment;
                    Row row = null;
                    if (!isBlank(text, start, content)) {
                        Span whole = span(line, start, start, content);
                        row = new Row(line, whole, List.of(new Cell(text.substring(start, content), whole)), span(line, start, content, content));
                    }
                    if (end >= text.length()) {
                        done = true;
                    } else {
                        start = end + (text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? 2 : 1);
                        line++;
                    }
                    if (row != null) {
                        return row;
                    }
                }
                return null;
            }
        }

        private static boolean isBlank(String text, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private static Span span(int line, int lineStart, int from, int to) {
            return new Span(line, from - lineStart + 1, line, to - lineStart + 1, from, to);
        }

        private static char separator(Row header) {
            String text = header.cells().get(0).text();
            if (text.indexOf(',') >= 0) {
                return ',';
            }
            if (text.indexOf(';') >= 0) {
                return ';';
            }
            return text.indexOf('\t') >= 0 ? '\t' : ',';
        }

        private static Row split(Row row, char separator) {
            Cell all = row.cells().get(0);
            String text = all.text();
            int offset = all.span().start();
            int lineStart = offset - (all.span().column() - 1);
            List<Cell> cells = new ArrayList<>();
            int from = 0;
            while (true) {
                int to = text.indexOf(separator, from);
                int stop = to < 0 ? text.length() : to;
                int a = from;
                int b = stop;
                while (a < b && Character.isWhitespace(text.charAt(a))) {
                    a++;
                }
                while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
                    b--;
                }
                if (b - a >= 2 && text.charAt(a) == '"' && text.charAt(b - 1) == '"') {
                    a++;
                    b--;
                }
                cells.add(new Cell(text.substring(a, b), span(row.line(), lineStart, offset + a, offset + b)));
                if (to < 0) {
                    break;
                }
                from = to + 1;
            }
            return new Row(row.line(), row.span(), cells, row.end());
        }

        // -------------------------------------------------------------- the header

        private Optional<List<Column>> header(Row row) {
            if (row.cells().stream().allMatch(cell -> isDecimal(cell.text()) || cell.text().isEmpty())) {
                report(Diagnostic.error("data-no-header", row.span(), "the first row holds numbers, not the names of the columns",
                        "start the file with a header row, for example: " + exampleHeader()));
                return Optional.empty();
            }
            List<Column> columns = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < row.cells().size(); i++) {
                Cell cell = row.cells().get(i);
                String name = cell.text();
                if (name.isEmpty()) {
                    report(Diagnostic.error("data-unnamed-column", cell.span(), "column " + (i + 1) + " has no name",
                            "every column is named in the header; a trailing separator makes an empty column"));
                    ok = false;
                    continue;
                }
                Integer first = seen.putIfAbsent(name, i);
                if (first != null) {
                    report(Diagnostic.error("data-duplicate-column", cell.span(), "duplicate column " + Diagnostic.quote(name),
                            "column " + (first + 1) + " is already " + Diagnostic.quote(name)));
                    ok = false;
                    continue;
                }
                Optional<Column> column = column(name, cell);
                if (column.isEmpty()) {
                    ok = false;
                } else {
                    columns.add(column.get());
                }
            }
            if (!ok) {
                return Optional.empty();
            }
            if (columns.stream().noneMatch(c -> c.kind() == Kind.TIME)) {
                report(Diagnostic.error("data-missing-column", row.span(),
                        "the header has no column " + Diagnostic.quote(domain.variable()) + " (the domain variable): the times of the observations",
                        "for example: " + exampleHeader()));
                ok = false;
            }
            Map<Integer, Column> observed = new LinkedHashMap<>();
            Map<Integer, Column> sigmaOf = new HashMap<>();
            boolean sigma = false;
            for (Column column : columns) {
                if (column.kind() == Kind.VALUE) {
                    observed.put(column.unknown(), column);
                } else if (column.kind() == Kind.SIGMA_OF) {
                    sigmaOf.put(column.unknown(), column);
                } else if (column.kind() == Kind.SIGMA) {
                    sigma = true;
                }
            }
            for (Column column : columns) {
                if (column.kind() == Kind.SIGMA_OF && !observed.containsKey(column.unknown())) {
                    String unknown = unknownNames.get(column.unknown());
                    report(Diagnostic.error("data-sigma-without-column", column.cell().span(),
                            Diagnostic.quote(column.cell().text()) + " gives the sigma of " + Diagnostic.quote(unknown) + ", but no column holds " + Diagnostic.quote(unknown),
                            "add a column " + Diagnostic.quote(unknown) + ", or remove this one"));
                    ok = false;
                }
            }
            if (observed.isEmpty() && ok) {
                report(Diagnostic.error("data-no-observations", row.span(), "the header names no unknown: nothing is observed",
                        "add a column for one of: " + String.join(", ", unknownNames)));
                ok = false;
            }
            if (!sigma && !sigmaOf.isEmpty() && ok) {
                for (Map.Entry<Integer, Column> entry : observed.entrySet()) {
                    if (!sigmaOf.containsKey(entry.getKey())) {
                        String unknown = unknownNames.get(entry.getKey());
                        report(Diagnostic.error("data-missing-sigma", entry.getValue().cell().span(),
                                Diagnostic.quote(unknown) + " has no sigma, while other columns have theirs",
                                "add a column " + Diagnostic.quote(SIGMA_PREFIX + unknown) + ", or a column 'sigma' for all"));
                        ok = false;
                    }
                }
            }
            return ok ? Optional.of(columns) : Optional.empty();
        }

        private Optional<Column> column(String name, Cell cell) {
            if (name.equals(domain.variable())) {
                return Optional.of(new Column(Kind.TIME, -1, cell));
            }
            int unknown = unknownNames.indexOf(name);
            if (unknown >= 0) {
                return Optional.of(new Column(Kind.VALUE, unknown, cell));
            }
            if (name.equals(SIGMA)) {
                return Optional.of(new Column(Kind.SIGMA, -1, cell));
            }
            if (name.startsWith(SIGMA_PREFIX) && unknownNames.contains(name.substring(SIGMA_PREFIX.length()))) {
                return Optional.of(new Column(Kind.SIGMA_OF, unknownNames.indexOf(name.substring(SIGMA_PREFIX.length())), cell));
            }
            report(Diagnostic.error("data-unknown-column", cell.span(), "unknown column " + Diagnostic.quote(name), unknownColumnHint(name)));
            return Optional.empty();
        }

        private String unknownColumnHint(String name) {
            String base = name.replaceAll("'+$", "");
            if (!base.equals(name) && unknownNames.contains(base)) {
                return "derivatives are not observed, only values: a column " + Diagnostic.quote(base) + " holds " + base + "'s values";
            }
            if (problem.params().containsKey(name)) {
                return Diagnostic.quote(name) + " is a param, not an unknown: only unknowns are observed";
            }
            List<String> known = new ArrayList<>();
            known.add(domain.variable());
            known.addAll(unknownNames);
            known.add(SIGMA);
            unknownNames.forEach(u -> known.add(SIGMA_PREFIX + u));
            Optional<String> suggestion = known.stream().filter(name::equalsIgnoreCase).findFirst().or(() -> Suggestions.closest(name, known));
            if (suggestion.isPresent()) {
                return "did you mean " + Diagnostic.quote(suggestion.get()) + "?";
            }
            String all = String.join(", ", known);
            return "the columns can be: " + (all.length() > 200 ? all.substring(0, 197) + "..." : all);
        }

        // -------------------------------------------------------------- the rows

        /** A repeated time for one unknown: the first repeat, and how many there are. */
        private static final class Repeat {
            final Cell cell;
            final double time;
            final int firstLine;
            int count = 1;

            Repeat(Cell cell, double time, int firstLine) {
                this.cell = cell;
                this.time = time;
                this.firstLine = firstLine;
            }
        }

        private void rows(List<Column> columns, Lines lines, char separator) {
            int timeColumn = -1;
            int sigmaColumn = -1;
            Map<Integer, Integer> sigmaOfColumn = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                if (column.kind() == Kind.TIME) {
                    timeColumn = i;
                } else if (column.kind() == Kind.SIGMA) {
                    sigmaColumn = i;
                } else if (column.kind() == Kind.SIGMA_OF) {
                    sigmaOfColumn.put(column.unknown(), i);
                }
            }
            List<Map<Double, Integer>> firstLineAt = new ArrayList<>();
            for (int u = 0; u < unknownNames.size(); u++) {
                firstLineAt.add(new HashMap<>());
            }
            Map<Integer, Repeat> repeats = new LinkedHashMap<>();
            boolean unsortedSaid = false;
            double previous = Double.NEGATIVE_INFINITY;
            int count = 0;
            for (Row raw = lines.next(); raw != null; raw = lines.next()) {
                Row row = split(raw, separator);
                if (++count > MAX_ROWS) {
                    report(Diagnostic.error("data-too-many-rows", row.span(), "more than " + MAX_ROWS + " rows of data",
                            "a data file holds at most " + MAX_ROWS + " rows; thin the data, or split it over several files"));
                    return;
                }
                List<Cell> cells = row.cells();
                if (cells.size() != columns.size()) {
                    Span at = cells.size() > columns.size() ? cells.get(columns.size()).span().to(cells.get(cells.size() - 1).span()) : row.end();
                    report(Diagnostic.error("data-wrong-cell-count", at,
                            "this row has " + cells.size() + " cell" + (cells.size() == 1 ? "" : "s") + ", but the header has " + columns.size() + " columns",
                            "an empty cell (nothing between two separators) means \"not observed\""));
                    continue;
                }
                int errorsBefore = errors;
                Cell timeCell = cells.get(timeColumn);
                double time = Double.NaN;
                if (timeCell.text().isEmpty()) {
                    report(Diagnostic.error("data-missing-time", timeCell.span(), "this row has no " + domain.variable(),
                            "every row needs its time in column " + (timeColumn + 1)));
                } else {
                    OptionalNumber parsed = number(timeCell);
                    if (parsed.ok()) {
                        time = parsed.value();
                        if (!domain.contains(time)) {
                            report(Diagnostic.error("data-outside-domain", timeCell.span(),
                                    domain.variable() + " = " + timeCell.text() + " is outside the domain [" + Printer.number(domain.lower()) + ", "
                                            + Printer.number(domain.upper()) + "]",
                                    "observations must lie in the domain the problem is solved on"));
                        } else {
                            time = domain.clamp(time);
                        }
                    }
                }
                double[] rowSigma = new double[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    Kind kind = columns.get(i).kind();
                    rowSigma[i] = Double.NaN;
                    if ((kind == Kind.SIGMA || kind == Kind.SIGMA_OF) && !cells.get(i).text().isEmpty()) {
                        OptionalNumber parsed = number(cells.get(i));
                        if (parsed.ok()) {
                            if (parsed.value() <= 0) {
                                report(Diagnostic.error("data-sigma-not-positive", cells.get(i).span(),
                                        "sigma must be positive, but is " + cells.get(i).text(),
                                        "sigma is the standard deviation of the noise; leave the value's cell empty to skip an observation"));
                            } else {
                                rowSigma[i] = parsed.value();
                            }
                        }
                    }
                }
                boolean[] missingSaid = new boolean[columns.size()];
                List<Integer> rowUnknowns = new ArrayList<>();
                List<Double> rowValues = new ArrayList<>();
                List<Double> rowSigmas = new ArrayList<>();
                List<Cell> rowCells = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    Column column = columns.get(i);
                    Cell cell = cells.get(i);
                    if (column.kind() != Kind.VALUE || cell.text().isEmpty()) {
                        continue;
                    }
                    OptionalNumber parsed = number(cell);
                    Integer own = sigmaOfColumn.get(column.unknown());
                    int sigmaAt = own != null ? own : sigmaColumn;
                    double sigma = Double.NaN;
                    if (sigmaAt >= 0) {
                        sigma = rowSigma[sigmaAt];
                        if (cells.get(sigmaAt).text().isEmpty() && !missingSaid[sigmaAt]) {
                            missingSaid[sigmaAt] = true;
                            report(Diagnostic.error("data-missing-sigma", cells.get(sigmaAt).span(),
                                    "the value of " + Diagnostic.quote(unknownNames.get(column.unknown())) + " in this row has no sigma",
                                    "fill in column " + (sigmaAt + 1) + " (" + columns.get(sigmaAt).cell().text() + "), or leave the value empty"));
                        }
                    }
                    if (parsed.ok()) {
                        rowUnknowns.add(column.unknown());
                        rowValues.add(parsed.value());
                        rowSigmas.add(sigma);
                        rowCells.add(cell);
                    }
                }
                if (errors > errorsBefore) {
                    continue;
                }
                if (!rowUnknowns.isEmpty()) {
                    if (time < previous && !unsortedSaid) {
                        unsortedSaid = true;
                        report(Diagnostic.warning("data-unsorted-times", timeCell.span(),
                                "the times are not in increasing order: " + domain.variable() + " = " + timeCell.text() + " comes after "
                                        + domain.variable() + " = " + Printer.number(previous),
                                "allowed: the order of the rows does not matter"));
                    }
                    previous = Math.max(previous, time);
                }
                for (int k = 0; k < rowUnknowns.size(); k++) {
                    int unknown = rowUnknowns.get(k);
                    Integer firstLine = firstLineAt.get(unknown).putIfAbsent(time, row.line());
                    if (firstLine != null) {
                        Repeat repeat = repeats.get(unknown);
                        if (repeat == null) {
                            repeats.put(unknown, new Repeat(rowCells.get(k), time, firstLine));
                        } else {
                            repeat.count++;
                        }
                    }
                    times.add(time);
                    unknowns.add(unknown);
                    values.add(rowValues.get(k));
                    sigmas.add(rowSigmas.get(k));
                    where.add(source.name() + ":" + row.line());
                }
            }
            for (Map.Entry<Integer, Repeat> entry : repeats.entrySet()) {
                Repeat repeat = entry.getValue();
                String unknown = unknownNames.get(entry.getKey());
                report(Diagnostic.warning("data-duplicate-time", repeat.cell.span(),
                        Diagnostic.quote(unknown) + " is observed again at " + domain.variable() + " = " + Printer.number(repeat.time)
                                + " (first on line " + repeat.firstLine + ")"
                                + (repeat.count > 1 ? "; " + (repeat.count - 1) + " more repeated observation" + (repeat.count > 2 ? "s" : "") + " of " + unknown : ""),
                        "allowed: each repeat counts as an observation of its own"));
            }
            if (errors == 0 && times.isEmpty()) {
                report(Diagnostic.error("data-no-observations", Span.NONE,
                        count == 0 ? "the data file has a header but no rows" : "no observations: every value cell is empty",
                        "each row is " + domain.variable() + " and the observed values at that time"));
            }
        }

        private record OptionalNumber(boolean ok, double value) {}

        /** The cell as a finite decimal number, or a diagnostic. */
        private OptionalNumber number(Cell cell) {
            String text = cell.text();
            if (isDecimal(text)) {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value)) {
                    return new OptionalNumber(true, value);
                }
                report(Diagnostic.error("data-not-finite", cell.span(), Diagnostic.quote(text) + " is beyond double precision"));
                return new OptionalNumber(false, Double.NaN);
            }
            if (NOT_FINITE.contains(text.toLowerCase(Locale.ROOT))) {
                report(Diagnostic.error("data-not-finite", cell.span(), Diagnostic.quote(text) + " is not a finite number",
                        "leave the cell empty when there is no observation"));
                return new OptionalNumber(false, Double.NaN);
            }
            String hint = DECIMAL_COMMA.matcher(text).matches() ? "use a decimal point: " + text.replace(',', '.')
                    : "a cell holds a decimal number such as 1.5 or 2e-3, or nothing";
            report(Diagnostic.error("data-not-a-number", cell.span(), Diagnostic.quote(text) + " is not a number", hint));
            return new OptionalNumber(false, Double.NaN);
        }
    }
}
