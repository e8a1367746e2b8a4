package org.neuroform.runtime.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A committed table of expected tolerances (src/test/resources/NAME.csv): {@code name,tolerance,...};
 * lines starting with # are comments. A tolerance is a number, {@code unreliable} (the product
 * must mark its answer unreliable) or {@code capped} (not solved within the time cap today).
 */
final class Tolerances {
    /** One row: the tolerance (NaN for "unreliable"), and the rest of the line's columns. */
    record Entry(String name, double tolerance, String kind, String[] columns) {
        /** "unreliable": the product must say its answer is unreliable. */
        boolean expectsUnreliable() {
            return kind.equals("unreliable");
        }

        /** "capped": not solved within the time cap today; only the invariant is asserted. */
        boolean capped() {
            return kind.equals("capped");
        }

        String column(int index, String fallback) {
            return columns.length > index && !columns[index].isBlank() ? columns[index].trim() : fallback;
        }
    }

    private Tolerances() {}

    static Map<String, Entry> read(String resource) {
        Map<String, Entry> table = new LinkedHashMap<>();
        try (InputStream in = Tolerances.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) { // the first non-comment line names the columns
                    header = false;
                    continue;
                }
                String[] columns = line.split(",", -1);
                String value = columns[1].trim();
                double tolerance = value.equals("unreliable") || value.equals("capped") ? Double.NaN : Double.parseDouble(value);
                if (table.put(columns[0].trim(), new Entry(columns[0].trim(), tolerance, value, columns)) != null) {
                    throw new IllegalStateException(resource + ": " + columns[0] + " twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
