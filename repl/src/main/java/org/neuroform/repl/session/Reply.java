package org.neuroform.repl.session;

/**
 * What the session says back to one input: text for the user (already rendered), whether the
 * input is incomplete (the terminal asks for another line), and whether to quit.
 */
public record Reply(String text, boolean incomplete, boolean quit) {
    public static final Reply NOTHING = new Reply("", false, false);
    public static final Reply INCOMPLETE = new Reply("", true, false);

    public static Reply of(String text) {
        return new Reply(text, false, false);
    }
}
