package org.neuroform.repl.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.repl.common.Version;
import org.neuroform.repl.common.ExitCode;
import org.neuroform.repl.format.ProgressLine;
import org.neuroform.repl.session.Completion;
import org.neuroform.repl.session.Reply;
import org.neuroform.repl.session.Session;
import org.neuroform.repl.session.TrainingObserver;
import org.neuroform.runtime.optim.TrainingMonitor;

/**
 * The interactive shell: JLine line editing around a {@link Session}.
 *
 * <ul>
 *   <li>history in {@code ~/.neuroform_history} (or {@code $NEUROFORM_HISTORY}), kept across sessions;
 *   <li>Tab completes commands, names, train options and paths; input is highlighted as typed;
 *   <li>Enter on an open bracket or a trailing operator asks for another line;
 *   <li>Ctrl-C at the prompt clears the line; during {@code :train} it stops training, which keeps
 *       the best weights so far; Ctrl-D on an empty line quits.
 * </ul>
 *
 * Training runs on this thread. While it runs the terminal is in raw mode without echo (keys
 * typed ahead are not scribbled over the status line) but with signals, so Ctrl-C still arrives as
 * SIGINT, which JLine hands to the handler installed here.
 */
public final class Repl {
    static final String PROMPT = "neuroform> ";
    static final String CONTINUATION = "      ...> ";

    private Repl() {}

    /** Runs the shell; {@code file}, when present, is loaded first. */
    public static int start(InputStream in, PrintStream out, PrintStream err, Optional<String> file) {
        Session session = new Session();
        if (System.console() == null) {
            return plain(session, in, out, file);
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                // No cursor control: line editing would misbehave; read lines as they come.
                return plain(session, in, out, file);
            }
            return interactive(session, terminal, file);
        } catch (IOException e) {
            err.println("neuroform: cannot open the terminal: " + e.getMessage());
            return plain(session, in, out, file);
        }
    }

    /** Where the history lives: $NEUROFORM_HISTORY, else ~/.neuroform_history. */
    static Path historyFile() {
        String configured = System.getenv("NEUROFORM_HISTORY");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".neuroform_history");
    }

    private static int interactive(Session session, Terminal terminal, Optional<String> file) {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("neuroform")
                .parser(new OdeParser(session))
                .highlighter(new OdeHighlighter(session))
                .completer((lineReader, line, candidates) -> {
                    Completion.Result result = session.complete(line.line(), line.cursor());
                    for (Completion.Suggestion s : result.suggestions()) {
                        String description = s.description().isEmpty() ? null : s.description();
                        candidates.add(new Candidate(s.value(), s.value(), null, description, null, null, s.complete()));
                    }
                })
                .variable(LineReader.HISTORY_FILE, historyFile())
                .variable(LineReader.HISTORY_SIZE, 2000)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .build();
        AtomicBoolean interrupt = new AtomicBoolean();
        terminal.handle(Terminal.Signal.INT, signal -> interrupt.set(true));
        PrintWriter writer = terminal.writer();
        Integer colors = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        session.preferences().setColor(colors != null && colors >= 8);
        session.setObserver(new StatusLine(session, terminal, interrupt));
        writer.println("neuroform " + Version.current() + " - type :help for help, Tab to complete, Ctrl-D to quit");
        file.ifPresent(f -> writer.print(session.handle(":load " + f).text()));
        writer.flush();
        try {
            String prefill = null; // a statement to change, after :edit
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT, null, prefill);
                    prefill = null;
                } catch (UserInterruptException e) {
                    if (prefill != null) { // Ctrl-C during :edit keeps the statement as it was
                        prefill = null;
                        writer.print(session.handle("").text());
                        writer.flush();
                    }
                    continue; // Ctrl-C at the prompt clears the line
                } catch (EndOfFileException e) {
                    return ExitCode.OK; // Ctrl-D
                }
                interrupt.set(false);
                session.preferences().followTerminalWidth(terminal.getWidth()); // the window may have been resized
                Reply reply;
                try {
                    reply = session.handle(line);
                } catch (RuntimeException | StackOverflowError bug) {
                    writer.println("internal error: " + bug + " (a bug in neuroform; the session goes on)");
                    writer.flush();
                    continue;
                }
                writer.print(reply.text());
                writer.flush();
                prefill = reply.edit().orElse(null);
                if (reply.quit()) {
                    return ExitCode.OK;
                }
            }
        } finally {
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                // the history is a convenience: losing it is not worth an error on the way out
            }
        }
    }

    /**
     * The live status line during training, and Ctrl-C as a stop request. While training, the
     * terminal is raw (no echo) but keeps signals.
     */
    private static final class StatusLine implements TrainingObserver {
        private final Session session;
        private final Terminal terminal;
        private final AtomicBoolean interrupt;
        private ProgressLine line;
        private Attributes saved;

        StatusLine(Session session, Terminal terminal, AtomicBoolean interrupt) {
            this.session = session;
            this.terminal = terminal;
            this.interrupt = interrupt;
        }

        @Override
        public TrainingMonitor begin(CompiledProblem problem) {
            interrupt.set(false);
            saved = terminal.enterRawMode();
            ProgressLine.Display display = new ProgressLine.Display() {
                @Override
                public void show(String text) {
                    if (!session.preferences().progress()) {
                        return;
                    }
                    int width = Math.max(20, terminal.getWidth() - 1);
                    String shown = text.length() > width ? text.substring(0, width - 1) + "…" : text;
                    terminal.writer().print("\r" + shown + "\u001b[K");
                    terminal.writer().flush();
                }

                @Override
                public void clear() {
                    terminal.writer().print("\r\u001b[K");
                    terminal.writer().flush();
                }
            };
            line = new ProgressLine(display, problem.settings().epochs(), interrupt::get);
            return line;
        }

        @Override
        public void end() {
            if (line != null) {
                line.finish();
                line = null;
            }
            if (saved != null) {
                terminal.setAttributes(saved);
                saved = null;
            }
            interrupt.set(false);
        }
    }

    /** Input that is not a terminal (a pipe, a file): no prompts, no line editing. */
    private static int plain(Session session, InputStream in, PrintStream out, Optional<String> file) {
        file.ifPresent(f -> out.print(session.handle(":load " + f).text()));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder pending = new StringBuilder();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                pending.append(line).append('\n');
                if (session.isIncomplete(pending.toString())) {
                    continue;
                }
                Reply reply;
                try {
                    reply = session.handle(pending.toString());
                } catch (RuntimeException | StackOverflowError bug) {
                    reply = Reply.of("internal error: " + bug + " (a bug in neuroform; the session goes on)\n");
                }
                pending.setLength(0);
                out.print(reply.text());
                out.flush();
                if (reply.quit()) {
                    return ExitCode.OK;
                }
            }
        } catch (IOException e) {
            return ExitCode.FILE_ERROR;
        }
        if (pending.length() > 0) {
            out.print(session.handle(pending.toString()).text());
        }
        return ExitCode.OK;
    }
}
