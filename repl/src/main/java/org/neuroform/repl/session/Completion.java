package org.neuroform.repl.session;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuroform.compiler.settings.TrainOptions;
import org.neuroform.compiler.sym.Function;

/**
 * Tab completion, without a terminal: given the input and the cursor, the word being completed
 * and what it may become. Commands after {@code :}; file paths after {@code :load}, {@code :open},
 * {@code :save} and {@code to}; train options after {@code train} and {@code :train}; settings after
 * {@code :set}; otherwise the problem's unknowns, params and variable, the built-in functions and
 * constants, and statement keywords.
 *
 * <p>Words: in a {@code :command} line a word runs between spaces and commas (a path may contain
 * {@code /} and {@code .}); in a statement a word is a run of letters, digits and {@code _}.
 */
public final class Completion {
    /** One candidate: the text that replaces the word, a description, and whether it ends the word (a space follows). */
    public record Suggestion(String value, String description, boolean complete) {}

    /** The word being completed starts at {@code wordStart}; the candidates that extend it. */
    public record Result(int wordStart, List<Suggestion> suggestions) {
        public Result {
            suggestions = List.copyOf(suggestions);
        }
    }

    static final List<String> KEYWORDS = List.of("domain", "param", "train", "in", "def", "let");
    static final List<String> CONSTANTS = List.of("pi", "e");
    private static final Set<String> FILE_COMMANDS = Set.of("load", "open", "save");
    private static final Pattern OPTION_VALUE = Pattern.compile("([A-Za-z]+)\\s*=\\s*[^,=]*$");

    private final Session session;

    Completion(Session session) {
        this.session = session;
    }

    static boolean isCommandLine(String buffer) {
        return buffer.stripLeading().startsWith(":");
    }

    /** Where the word at the cursor starts. */
    static int wordStart(String buffer, int cursor) {
        int start = cursor;
        if (isCommandLine(buffer)) {
            while (start > 0 && !Character.isWhitespace(buffer.charAt(start - 1)) && buffer.charAt(start - 1) != ','
                    && buffer.charAt(start - 1) != '=') {
                start--;
            }
            return start;
        }
        while (start > 0 && isNameChar(buffer.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    Result complete(String buffer, int cursor) {
        int start = wordStart(buffer, cursor);
        String word = buffer.substring(start, cursor);
        String before = buffer.substring(0, start);
        List<Suggestion> out = new ArrayList<>();
        if (isCommandLine(buffer)) {
            commandLine(before.stripLeading(), word, out);
        } else {
            statement(before, word, out);
        }
        out.removeIf(s -> !s.value().startsWith(word));
        return new Result(start, out);
    }

    private void commandLine(String before, String word, List<Suggestion> out) {
        if (before.isEmpty()) {
            for (String name : session.commandNames()) {
                Commands.Command command = session.commandsTable().command(name).orElseThrow();
                out.add(new Suggestion(":" + name, command.help(), true));
            }
            return;
        }
        String body = before.substring(1).stripLeading();
        String head = body.split("\\s+")[0];
        List<Commands.Command> matches = session.commandsTable().lookup(head);
        if (matches.size() != 1) {
            return;
        }
        String command = matches.get(0).name();
        String arguments = body.substring(head.length());
        boolean afterTo = arguments.matches("(?s).*\\sto\\s+$") || arguments.matches("(?s)^\\s*to\\s+$");
        if (FILE_COMMANDS.contains(command) || afterTo && (command.equals("plot") || command.equals("export"))) {
            files(word, out);
            return;
        }
        switch (command) {
            case "help":
                session.commandNames().forEach(n -> out.add(new Suggestion(n, "", true)));
                break;
            case "train":
                trainOptions(arguments, out);
                break;
            case "set":
                if (!arguments.contains("=")) {
                    Preferences.SETTINGS.values().forEach(s -> out.add(new Suggestion(s.key(), s.meaning(), false)));
                } else {
                    String key = arguments.substring(0, arguments.indexOf('=')).strip();
                    Preferences.Setting setting = Preferences.SETTINGS.get(key);
                    if (setting != null && setting.values().contains("|")) {
                        for (String v : setting.values().split("\\s*\\|\\s*")) {
                            out.add(new Suggestion(v, "", true));
                        }
                    }
                }
                break;
            case "table":
            case "plot":
                curves(out);
                for (String keyword : command.equals("table") ? List.of("from", "to", "step") : List.of("from", "to")) {
                    out.add(new Suggestion(keyword, "", true));
                }
                break;
            case "export":
                if (arguments.isBlank()) {
                    curves(out);
                } else if (arguments.strip().split("\\s+").length == 1) {
                    out.add(new Suggestion("as", "", true));
                } else if (arguments.strip().endsWith("as")) {
                    out.add(new Suggestion("java", "a Java class with a static method", true));
                    out.add(new Suggestion("python", "a Python module with a function", true));
                } else {
                    out.add(new Suggestion("to", "write to a file", true));
                }
                break;
            case "drop":
            case "edit":
                session.statementNames().forEach((name, text) -> out.add(new Suggestion(name, text, true)));
                break;
            default:
                break;
        }
    }

    private void curves(List<Suggestion> out) {
        session.names().unknowns().forEach(u -> out.add(new Suggestion(u, "unknown", false)));
    }

    private void trainOptions(String arguments, List<Suggestion> out) {
        Matcher m = OPTION_VALUE.matcher(arguments);
        if (m.find()) {
            TrainOptions.Option option = TrainOptions.get(m.group(1));
            if (option != null) {
                option.words().forEach(w -> out.add(new Suggestion(w, "", false)));
            }
            return;
        }
        TrainOptions.all().values().forEach(o -> out.add(new Suggestion(o.key(), o.meaning(), false)));
    }

    private void statement(String before, String word, List<Suggestion> out) {
        String line = before.substring(before.lastIndexOf('\n') + 1);
        if (line.isBlank()) {
            out.add(new Suggestion("domain", "domain x in [a, b]", true));
            out.add(new Suggestion("param", "param k = 0.5", true));
            out.add(new Suggestion("train", "train epochs = 500, hidden = [16]", true));
        }
        if (line.stripLeading().startsWith("train ") || line.stripLeading().equals("train")) {
            trainOptions(line.stripLeading().substring(5), out);
            return;
        }
        if (line.stripLeading().startsWith("domain ")) {
            if (line.strip().split("\\s+").length == 2) {
                out.add(new Suggestion("in", "", true));
            }
            return;
        }
        Session.Names names = session.names();
        names.unknowns().forEach(u -> out.add(new Suggestion(u, "unknown", false)));
        names.params().forEach(p -> out.add(new Suggestion(p, "param", false)));
        names.variable().ifPresent(v -> out.add(new Suggestion(v, "the variable", false)));
        for (Function function : Function.values()) {
            if (function != Function.NEGATE) {
                out.add(new Suggestion(function.builtinName() + "(", "built-in", false));
            }
        }
        CONSTANTS.forEach(c -> out.add(new Suggestion(c, "constant", false)));
    }

    /** Entries of the directory named by the word, whose names start with the rest of it; directories end in '/'. */
    static void files(String word, List<Suggestion> out) {
        int slash = word.lastIndexOf('/');
        String directoryPart = slash < 0 ? "" : word.substring(0, slash + 1);
        String namePart = word.substring(slash + 1);
        Path directory;
        try {
            String expanded = directoryPart.startsWith("~/") ? System.getProperty("user.home") + directoryPart.substring(1) : directoryPart;
            directory = Path.of(expanded.isEmpty() ? "." : expanded);
        } catch (InvalidPathException e) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Suggestion> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(namePart) || name.startsWith(".") && !namePart.startsWith(".")) {
                    continue;
                }
                boolean isDirectory = Files.isDirectory(entry);
                found.add(new Suggestion(directoryPart + name + (isDirectory ? "/" : ""), isDirectory ? "directory" : "", !isDirectory));
            }
        } catch (IOException | SecurityException e) {
            return;
        }
        found.sort((a, b) -> a.value().toLowerCase(Locale.ROOT).compareTo(b.value().toLowerCase(Locale.ROOT)));
        out.addAll(found);
    }
}
