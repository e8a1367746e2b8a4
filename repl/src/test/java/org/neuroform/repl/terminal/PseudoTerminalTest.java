package org.neuroform.repl.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell on a real pseudo-terminal, driven like a person at a keyboard: {@code script(1)} (from
 * util-linux, present on every Linux) runs neuroform on a pty; the test writes keystrokes (Tab,
 * Ctrl-C, Ctrl-D, arrow keys) and reads the screen output with its escape sequences removed.
 *
 * <p>It types a system over two lines, completes a command with Tab, trains, queries, stops a long
 * training with Ctrl-C and queries the kept weights, clears a half-typed line with Ctrl-C, plots,
 * quits with Ctrl-D, then starts again and finds the previous session's input in the history.
 */
class PseudoTerminalTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]|\u001b[=>()][0-9A-Za-z]?|\u001b\\][^\u0007]*\u0007|\r|\u0007|\b");

    @TempDir
    Path home;

    /**
     * {@code neuroform run} stopped by Ctrl-C mid-march (issue 13, item 4): it says how far the
     * march got, answers the query inside that part, refuses the one beyond it, and exits with 130.
     */
    @Test
    void ctrlCStopsRunWhichSaysWhatItCoversAndExitsWith130() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "script(1) options are util-linux's");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")) || Files.isExecutable(Path.of("/bin/script")), "script(1)");
        Path file = home.resolve("long.ode");
        Files.writeString(file, "domain x in [0, 40000]\ny'' + y = 0\ny(0) = 0\ny'(0) = 1\ny(0)\ny(40000)\n");
        try (Screen screen = Screen.start(home, "run", file.toString())) {
            screen.expect(Pattern.compile("training: [^\\n]*%"));
            screen.type("\u0003");
            screen.expect(Pattern.compile("trained on \\[0, \\S+\\] of \\[0, 40000\\]; queries beyond it are not answered"));
            screen.expect("y(0) = 0");
            screen.expect("error: the point 40000 is beyond the trained part");
            screen.expect("stopped by Ctrl-C");
            assertEquals(130, screen.exitCode());
        }
    }

    @Test
    void aPersonTypesTrainsQueriesPlotsAndQuits() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "script(1) options are util-linux's");
        if (!Files.isExecutable(Path.of("/usr/bin/script")) && !Files.isExecutable(Path.of("/bin/script"))) {
            fail("script(1) from util-linux is needed for the pseudo-terminal test");
        }
        try (Screen screen = Screen.start(home)) {
            screen.expect("Ctrl-D to quit");
            screen.expectPrompt(1);
            screen.type("domain x in [0, 1]\r");
            screen.expectPrompt(2);
            screen.type("y' = -y +\r");
            screen.expect("...> ");
            screen.type("0\r");
            screen.expectPrompt(3);
            screen.type("y(0) = 1\r");
            screen.expectPrompt(4);

            screen.type(":tr\t");
            screen.expect(":train ");
            screen.type("epochs = 100, optimizer = lm, hidden = [8]\r");
            screen.expect("trained: 100 iterations");
            screen.expectPrompt(5);
            screen.type("y(0.5)\r");
            double y = Double.parseDouble(screen.expect(Pattern.compile("y\\(0\\.5\\) = (\\S+)\n")).group(1));
            assertEquals(Math.exp(-0.5), y, 1e-4);
            screen.expectPrompt(6);

            // Ctrl-C during a long training stops it and keeps the best weights so far.
            screen.type(":train epochs = 10000000, optimizer = adam, lr = 0.01\r");
            screen.expect(Pattern.compile("training: adam iteration \\d+/10000000"));
            screen.type("\u0003");
            screen.expect("(stopped early: the best weights so far are kept)");
            screen.expectPrompt(7);
            screen.type("y(0.5)\r");
            double kept = Double.parseDouble(screen.expect(Pattern.compile("y\\(0\\.5\\) = (\\S+)\n")).group(1));
            assertEquals(Math.exp(-0.5), kept, 0.05, "the weights reached before Ctrl-C");
            screen.expectPrompt(8);

            // Ctrl-C at the prompt clears the line.
            screen.type("y(0.2");
            screen.expect("y(0.2");
            screen.type("\u0003");
            screen.expectPrompt(9);
            screen.type("y'(0.25)\r");
            double slope = Double.parseDouble(screen.expect(Pattern.compile("\ny'\\(0\\.25\\) = (\\S+)\n")).group(1));
            assertEquals(-Math.exp(-0.25), slope, 0.1, "the cleared text is gone: this is y'(0.25)");
            screen.expectPrompt(10);

            screen.type(":plot y\r");
            String plot = screen.expect(Pattern.compile("(?s)1 ┤(.*)y {3}\\(x from 0 to 1\\)")).group(1);
            assertTrue(plot.chars().anyMatch(c -> c >= 0x2801 && c <= 0x28ff), "Braille dots:\n" + plot);
            screen.expectPrompt(11);

            screen.type("\u0004");
            assertEquals(0, screen.exitCode());
        }
        String history = Files.readString(home.resolve("history"), StandardCharsets.UTF_8);
        assertTrue(history.contains(":plot y") && history.contains("y' = -y +"), history);
        assertFalse(history.contains("y(0.2\n"), "a line cleared by Ctrl-C is not history");

        // A new session finds the old input with the Up arrow.
        try (Screen screen = Screen.start(home)) {
            screen.expectPrompt(1);
            screen.type("\u001bOA"); // Up, as xterm sends it in application cursor mode (which JLine turns on)
            screen.expect(":plot y");
            screen.type("\u0003");
            screen.expectPrompt(2);
            screen.type("\u0004");
            assertEquals(0, screen.exitCode());
        }
    }

    @Test
    void editPutsTheStatementOnTheInputLine() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "script(1) options are util-linux's");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")) || Files.isExecutable(Path.of("/bin/script")));
        try (Screen screen = Screen.start(home)) {
            screen.expectPrompt(1);
            screen.type("domain x in [0, 1]\r");
            screen.expectPrompt(2);
            screen.type("y' = -2*y\r");
            screen.expectPrompt(3);
            screen.type(":edit 2\r");
            screen.expect("editing 2: y' = -2*y");
            screen.expect("neuroform> y' = -2*y"); // the statement waits on the input line
            screen.type("\u0005\u007f\u007f\u007fy\r"); // Ctrl-E, three Backspaces: y' = -y
            screen.type(":list\r");
            screen.expect("   2 : y' = -y\n");
            screen.expectPrompt(6); // keys typed while a command runs may be dropped: wait for the prompt
            // Ctrl-C on the edited line keeps the statement
            screen.type(":edit 2\r");
            screen.expect("neuroform> y' = -y");
            screen.type("\u0003");
            screen.expect("(statement 2 is unchanged)");
            screen.type("y' = -3*y\r"); // an ordinary statement again: a second equation for y', replacing it
            screen.expect("(replaced statement 2, which also gave y': y' = -y)");
            screen.expectPrompt(9);
            screen.type("\u0004");
            assertEquals(0, screen.exitCode());
        }
    }

    /** A neuroform process on a pty, and everything it has written so far. */
    private static final class Screen implements AutoCloseable {
        private final Process process;
        private final OutputStream keys;
        private final StringBuilder raw = new StringBuilder();
        private final Thread reader;
        private int position;

        private Screen(Process process) {
            this.process = process;
            this.keys = process.getOutputStream();
            InputStream output = process.getInputStream();
            reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    int n;
                    java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
                    while ((n = output.read(buffer)) > 0) {
                        pending.write(buffer, 0, n);
                        String text = decodeComplete(pending);
                        synchronized (raw) {
                            raw.append(text);
                            raw.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "pty-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Decodes the complete UTF-8 sequences of {@code pending}, keeping a trailing partial one. */
        private static String decodeComplete(java.io.ByteArrayOutputStream pending) {
            byte[] bytes = pending.toByteArray();
            int end = bytes.length;
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (bytes[end - back - 1] & 0x80) != 0) {
                int lead = bytes[end - back - 1] & 0xff;
                int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
                if (back + 1 < length) {
                    end = end - back - 1;
                }
            }
            String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
            pending.reset();
            pending.write(bytes, end, bytes.length - end);
            return text;
        }

        static Screen start(Path home, String... arguments) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            StringBuilder command = new StringBuilder("stty cols 100 rows 40; exec " + quote(java) + " -Xss16m -cp "
                    + quote(System.getProperty("java.class.path")) + " org.neuroform.repl.Main");
            for (String argument : arguments) {
                command.append(' ').append(quote(argument));
            }
            ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command.toString(), "/dev/null").redirectErrorStream(true);
            builder.environment().put("TERM", "xterm-256color");
            builder.environment().put("HOME", home.toString());
            builder.environment().put("NEUROFORM_HISTORY", home.resolve("history").toString());
            builder.environment().remove("COLUMNS");
            return new Screen(builder.start());
        }

        private static String quote(String text) {
            return "'" + text.replace("'", "'\\''") + "'";
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** What the screen shows from the last match on, without escape sequences. */
        private String plain() {
            synchronized (raw) {
                return ESCAPES.matcher(raw).replaceAll("");
            }
        }

        void expect(String text) throws InterruptedException {
            expect(Pattern.compile(Pattern.quote(text)));
        }

        Matcher expect(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (true) {
                String screen = plain();
                Matcher m = pattern.matcher(screen);
                if (m.find(Math.min(position, screen.length()))) {
                    position = m.end();
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                    fail("waited for " + pattern + " on the screen; it shows, from the last match on:\n"
                            + screen.substring(Math.min(position, screen.length())));
                }
                synchronized (raw) {
                    raw.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
                }
            }
        }

        /** Waits for the n-th prompt of the session (counting from the start). */
        void expectPrompt(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (true) {
                String screen = plain();
                int count = 0;
                int at = -1;
                for (int i = screen.indexOf("neuroform> "); i >= 0; i = screen.indexOf("neuroform> ", i + 1)) {
                    count++;
                    at = i;
                }
                if (count >= n) {
                    position = Math.max(position, at + "neuroform> ".length());
                    return;
                }
                if (System.nanoTime() > deadline || !process.isAlive() && !reader.isAlive()) {
                    fail("waited for prompt " + n + " (saw " + count + "); the screen shows:\n" + screen);
                }
                synchronized (raw) {
                    raw.wait(200);
                }
            }
        }

        int exitCode() throws InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("neuroform did not quit; the screen shows:\n" + plain());
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
