package org.neuroform.repl.terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.jline.utils.Signals;

/** What the command line needs to know about terminals and signals, without JLine types outside this package. */
public final class Terminals {
    private Terminals() {}

    /** True when standard error is a terminal (then a live progress line makes sense there). */
    public static boolean isStandardErrorTerminal() {
        for (String provider : new String[] {"jni", "exec"}) {
            try {
                return TerminalProvider.load(provider).isSystemStream(SystemStream.Error);
            } catch (IOException | RuntimeException | LinkageError e) {
                // try the next way
            }
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The width of standard error's terminal, or 80. */
    public static int standardErrorWidth() {
        try {
            int width = TerminalProvider.load("jni").systemStreamWidth(SystemStream.Error);
            return width > 0 ? width : 80;
        } catch (IOException | RuntimeException | LinkageError e) {
            return 80;
        }
    }

    /** Undoes a signal registration. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs {@code handler} on SIGINT (Ctrl-C) until the returned registration is closed. */
    public static Registration onInterrupt(Runnable handler) {
        Object previous = Signals.register("INT", handler);
        return () -> Signals.unregister("INT", previous);
    }
}
