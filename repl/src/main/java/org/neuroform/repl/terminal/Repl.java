package org.neuroform.repl.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.neuroform.repl.cli.Cli;
import org.neuroform.repl.cli.ExitCode;
import org.neuroform.repl.session.Reply;
import org.neuroform.repl.session.Session;
import org.neuroform.runtime.optim.TrainingMonitor;

/** The interactive shell: JLine line editing around a {@link Session}. The only JLine code. */
public final class Repl {
    private Repl() {}

    public static int start(InputStream in, PrintStream out, PrintStream err) {
        Session session = new Session();
        if (System.console() == null) {
            return plain(session, in, out);
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            return interactive(session, terminal);
        } catch (IOException e) {
            err.println("neuroform: cannot open the terminal: " + e.getMessage());
            return plain(session, in, out);
        }
    }

    private static int interactive(Session session, Terminal terminal) {
        DefaultParser parser = new DefaultParser() {
            @Override
            public ParsedLine parse(String line, int cursor, ParseContext context) {
                if (context == ParseContext.ACCEPT_LINE && session.isIncomplete(line)) {
                    throw new EOFError(-1, -1, "incomplete statement");
                }
                return super.parse(line, cursor, context);
            }
        };
        parser.setEscapeChars(new char[0]);
        parser.setQuoteChars(new char[0]);
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("neuroform")
                .parser(parser)
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".neuroform_history"))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "      ...> ")
                .build();
        AtomicBoolean interrupt = new AtomicBoolean();
        terminal.handle(Terminal.Signal.INT, signal -> interrupt.set(true));
        session.setMonitor(new TrainingMonitor() {
            @Override
            public boolean stopRequested() {
                return interrupt.get();
            }
        });
        terminal.writer().println("neuroform " + Cli.version() + " - type :help for help, :quit to leave");
        while (true) {
            String line;
            try {
                interrupt.set(false);
                line = reader.readLine("neuroform> ");
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt clears the line
            } catch (EndOfFileException e) {
                return ExitCode.OK; // Ctrl-D
            }
            interrupt.set(false);
            Reply reply = session.handle(line);
            terminal.writer().print(reply.text());
            terminal.writer().flush();
            if (reply.quit()) {
                return ExitCode.OK;
            }
        }
    }

    /** Input that is not a terminal (a pipe, a file): no prompts, no line editing. */
    private static int plain(Session session, InputStream in, PrintStream out) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder pending = new StringBuilder();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                pending.append(line).append('\n');
                if (session.isIncomplete(pending.toString())) {
                    continue;
                }
                Reply reply = session.handle(pending.toString());
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
