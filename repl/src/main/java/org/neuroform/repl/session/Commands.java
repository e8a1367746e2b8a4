package org.neuroform.repl.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The REPL's {@code :commands}, looked up by name or by an unambiguous prefix. */
final class Commands {
    /** One command: its name, argument synopsis, help line and action. */
    record Command(String name, String arguments, String help, Function<String, Reply> action) {}

    private final Map<String, Command> table = new LinkedHashMap<>();

    Commands(Session session) {
        add("help", "[COMMAND]", "list the commands, or explain one", this::help);
        add("train", "[KEY = VALUE, ...]", "train the current problem (options override its train line for this run)",
                args -> Reply.of(session.train(args)));
        add("show", "", "print the compiled problem: unknowns, residuals, conditions, trial solutions",
                args -> Reply.of(session.show()));
        add("load", "FILE", "replace the current problem by the statements of an .ode file", args -> args.isBlank()
                ? Reply.of("usage: :load FILE\n")
                : Reply.of(session.load(args.strip())));
        add("reset", "", "forget the problem and the trained solution", args -> {
            session.reset();
            return Reply.of("(empty problem)\n");
        });
        add("quit", "", "leave (Ctrl-D works too)", args -> new Reply("", false, true));
    }

    private void add(String name, String arguments, String help, Function<String, Reply> action) {
        table.put(name, new Command(name, arguments, help, action));
    }

    List<String> names() {
        return new ArrayList<>(table.keySet());
    }

    Reply execute(String input) {
        String body = input.substring(1).strip();
        int space = body.indexOf(' ');
        String word = space < 0 ? body : body.substring(0, space);
        String args = space < 0 ? "" : body.substring(space + 1);
        if (word.equals("exit") || word.equals("q")) {
            word = "quit";
        }
        List<Command> matches = lookup(word);
        if (matches.isEmpty()) {
            return Reply.of("unknown command :" + word + " (type :help)\n");
        }
        if (matches.size() > 1) {
            List<String> names = matches.stream().map(c -> ":" + c.name()).toList();
            return Reply.of("ambiguous command :" + word + ": " + String.join(", ", names) + "\n");
        }
        return matches.get(0).action().apply(args);
    }

    private List<Command> lookup(String word) {
        Command exact = table.get(word);
        if (exact != null) {
            return List.of(exact);
        }
        List<Command> matches = new ArrayList<>();
        if (!word.isEmpty()) {
            for (Command command : table.values()) {
                if (command.name().startsWith(word)) {
                    matches.add(command);
                }
            }
        }
        return matches;
    }

    private Reply help(String args) {
        StringBuilder out = new StringBuilder();
        if (!args.isBlank()) {
            String word = args.strip().replaceFirst("^:", "");
            List<Command> matches = lookup(word);
            if (matches.size() != 1) {
                return Reply.of("no command :" + word + " (type :help)\n");
            }
            Command command = matches.get(0);
            return Reply.of(":" + command.name() + (command.arguments().isEmpty() ? "" : " " + command.arguments()) + "\n    "
                    + command.help() + "\n");
        }
        out.append("Type statements to build a problem (domain, param, equations, conditions, train),\n");
        out.append("then :train, then queries such as y(1.5). Commands (any unambiguous prefix works):\n");
        for (Command command : table.values()) {
            String synopsis = ":" + command.name() + (command.arguments().isEmpty() ? "" : " " + command.arguments());
            out.append(String.format("  %-26s %s%n", synopsis, command.help()));
        }
        return Reply.of(out.toString());
    }
}
