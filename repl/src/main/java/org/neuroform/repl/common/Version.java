package org.neuroform.repl.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version, as Maven filtered it into {@code version.properties}. */
public final class Version {
    private Version() {}

    /** {@code 0.1.0-SNAPSHOT}, or {@code unknown} when the resource is missing. */
    public static String current() {
        Properties properties = new Properties();
        try (InputStream stream = Version.class.getResourceAsStream("/org/neuroform/repl/version.properties")) {
            if (stream != null) {
                properties.load(stream);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
