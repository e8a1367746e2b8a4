package org.neuroform.repl.session;

import java.util.Optional;

/**
 * What the session says back to one input: text for the user (already rendered), whether the
 * input is incomplete (the terminal asks for another line), whether to quit, and text to put on
 * the next input line for the user to change ({@code :edit}).
 */
public record Reply(String text, boolean incomplete, boolean quit, Optional<String> edit) {
    public static final Reply NOTHING = new Reply("", false, false);
    public static final Reply INCOMPLETE = new Reply("", true, false);

    public Reply(String text, boolean incomplete, boolean quit) {
        this(text, incomplete, quit, Optional.empty());
    }

    public static Reply of(String text) {
        return new Reply(text, false, false);
    }

    /** A reply that puts {@code line} on the next input line. */
    public static Reply edit(String text, String line) {
        return new Reply(text, false, false, Optional.of(line));
    }
}
