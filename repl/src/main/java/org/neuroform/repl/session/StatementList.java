package org.neuroform.repl.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuroform.ast.DefStatement;
import org.neuroform.ast.DomainStatement;
import org.neuroform.ast.LetStatement;
import org.neuroform.ast.ParamBinding;
import org.neuroform.ast.ParamStatement;
import org.neuroform.ast.Statement;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.compiler.PartialCheck;
import org.neuroform.compiler.TypedStatement;
import org.neuroform.compiler.StatementSubject;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.diagnostic.DiagnosticRenderer;

/**
 * The statements of the problem being typed, each parsed once and kept with its text, and what
 * the compiler says of them as a partial problem. Numbered from 1 in the order of {@code :list};
 * a statement that replaces another takes its place.
 */
final class StatementList {
    /** What a change said to the user, and whether it was made. */
    record Change(String text, boolean made) {}

    private static final Pattern AT_POINT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*'*)\\((.*)\\)");

    private final String name;
    private final List<TypedStatement> statements = new ArrayList<>();
    private PartialCheck check; // of the current statements, made when first needed

    StatementList(String name) {
        this.name = name;
    }

    List<TypedStatement> all() {
        return List.copyOf(statements);
    }

    int size() {
        return statements.size();
    }

    boolean isEmpty() {
        return statements.isEmpty();
    }

    void replaceAll(List<TypedStatement> replacement) {
        List<TypedStatement> copy = new ArrayList<>(replacement);
        statements.clear();
        statements.addAll(copy);
        check = null;
    }

    /** The partial check of the current statements. */
    PartialCheck check() {
        if (check == null) {
            check = Compiler.check(name, statements);
        }
        return check;
    }

    /**
     * Adds a statement, or puts it in place of statement {@code edit} (0-based; -1 for none). A
     * new domain replaces the domain, {@code param k} an earlier {@code param k}, an equation one
     * with the same highest derivative, a condition one that fixes the same value: each with a
     * note. A statement that gives the problem an error changes nothing.
     */
    Change add(TypedStatement statement, int edit) {
        List<TypedStatement> candidate = new ArrayList<>(statements);
        StringBuilder note = new StringBuilder();
        int position;
        if (edit >= 0 && edit < candidate.size()) {
            position = edit;
            candidate.set(position, statement);
        } else {
            position = replacedDeclaration(statement.statement());
            if (position >= 0) {
                candidate.set(position, statement);
                note.append(statement.statement() instanceof DomainStatement ? "(domain replaced)\n"
                        : statement.statement() instanceof ParamStatement ? "(param replaced)\n"
                        : "(" + (statement.statement() instanceof DefStatement ? "def" : "let") + " replaced)\n");
            } else {
                position = candidate.size();
                candidate.add(statement);
            }
        }
        PartialCheck checked = Compiler.check(name, candidate);
        Optional<StatementSubject> subject = checked.subjects().get(position);
        if (subject.isPresent()) {
            for (int i = 0; i < candidate.size(); i++) {
                if (i != position && checked.subjects().get(i).equals(subject)) {
                    note.append("(replaced statement ").append(i + 1).append(", which also gave ").append(subject.get().label())
                            .append(": ").append(candidate.get(i).shown()).append(")\n");
                    if (edit >= 0) {
                        candidate.remove(i);
                    } else {
                        candidate.set(i, statement); // the new one takes the old one's place
                        candidate.remove(position);
                    }
                    checked = Compiler.check(name, candidate);
                    break;
                }
            }
        }
        if (checked.hasErrors()) {
            return new Change(DiagnosticRenderer.render(checked.source(), checked.errors()), false);
        }
        Set<String> undefinedBefore = check().undefinedYet();
        for (String undefined : checked.undefinedYet()) {
            if (!undefinedBefore.contains(undefined)) {
                note.append("(").append(undefined).append(" is not defined yet: an equation such as ").append(undefined)
                        .append("' = ... makes it an unknown, param ").append(undefined).append(" = ... a constant)\n");
            }
        }
        replaceAll(candidate);
        check = checked;
        return new Change(note.toString(), true);
    }

    /** The position of the declaration this one replaces (a domain, or a param of the same name), or -1. */
    private int replacedDeclaration(Statement statement) {
        for (int i = 0; i < statements.size(); i++) {
            if (replaces(statement, statements.get(i).statement())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean replaces(Statement added, Statement existing) {
        if (added instanceof DomainStatement) {
            return existing instanceof DomainStatement;
        }
        if (added instanceof ParamStatement && existing instanceof ParamStatement) {
            List<ParamBinding> old = ((ParamStatement) existing).bindings();
            List<ParamBinding> now = ((ParamStatement) added).bindings();
            return old.size() == 1 && now.stream().anyMatch(b -> b.name().equals(old.get(0).name()));
        }
        return definedName(added).isPresent() && definedName(added).equals(definedName(existing));
    }

    /** The name a def or let defines. */
    private static Optional<String> definedName(Statement statement) {
        if (statement instanceof DefStatement) {
            return Optional.of(((DefStatement) statement).name());
        }
        if (statement instanceof LetStatement) {
            return Optional.of(((LetStatement) statement).name());
        }
        return Optional.empty();
    }

    /** Removes statement {@code index}, unless the others would then have errors (a param a condition uses). */
    Change drop(int index) {
        List<TypedStatement> candidate = new ArrayList<>(statements);
        TypedStatement dropped = candidate.remove(index);
        PartialCheck checked = Compiler.check(name, candidate);
        if (checked.hasErrors()) {
            return new Change("cannot drop " + (index + 1) + " (" + dropped.shown() + "): the other statements would have errors\n"
                    + DiagnosticRenderer.render(checked.source(), checked.errors()) + "(nothing dropped)\n", false);
        }
        Set<String> undefinedBefore = check().undefinedYet();
        replaceAll(candidate);
        check = checked;
        StringBuilder out = new StringBuilder("dropped " + (index + 1) + ": " + dropped.shown() + "\n");
        for (String undefined : checked.undefinedYet()) {
            if (!undefinedBefore.contains(undefined)) {
                out.append("(").append(undefined).append(" is not defined any more, and statements use it: :train will say where)\n");
            }
        }
        return new Change(out.toString(), true);
    }

    /** The text of statement {@code index} as shown. */
    String shown(int index) {
        return statements.get(index).shown();
    }

    /** The statements, numbered from 1, as typed (continuation lines indented under the first). */
    String list() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < statements.size(); i++) {
            String number = String.format(Locale.ROOT, "%4d : ", i + 1);
            String[] lines = statements.get(i).shown().split("\n", -1);
            out.append(number).append(lines[0].strip()).append('\n');
            for (int l = 1; l < lines.length; l++) {
                out.append(" ".repeat(number.length())).append(lines[l].strip()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The statement a {@code :drop} or {@code :edit} argument names: its number in {@code :list},
     * an equation's highest derivative ({@code v'}), the value a condition fixes ({@code v(0)}), a
     * param's name, or {@code domain}. Empty, with the reason in {@code why}, otherwise.
     */
    OptionalInt find(String argument, StringBuilder why) {
        String wanted = argument.strip();
        if (wanted.isEmpty()) {
            why.append("name a statement: its number in :list, an equation's highest derivative (v'), a condition (v(0)),"
                    + " a param or domain\n");
            return OptionalInt.empty();
        }
        if (wanted.matches("[0-9]+")) {
            int n = wanted.length() > 9 ? -1 : Integer.parseInt(wanted);
            if (n < 1 || n > statements.size()) {
                why.append("there is no statement ").append(wanted).append(statements.isEmpty() ? " (the problem is empty)\n"
                        : " (statements are numbered 1 to " + statements.size() + ": see :list)\n");
                return OptionalInt.empty();
            }
            return OptionalInt.of(n - 1);
        }
        String label = subjectLabel(wanted);
        Map<String, Integer> named = namedPositions();
        if (named.containsKey(label)) {
            return OptionalInt.of(named.get(label));
        }
        why.append("no statement gives ").append(wanted).append(" (see :list)\n");
        return OptionalInt.empty();
    }

    /** What {@code :drop} and {@code :edit} accept, each with the statement it names: numbers, then v', v(0), params, domain. */
    Map<String, String> names() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            out.put(Integer.toString(i + 1), statements.get(i).shown());
        }
        namedPositions().forEach((label, i) -> out.putIfAbsent(label, statements.get(i).shown()));
        return out;
    }

    /** Statements by name: an equation's or condition's subject, a param's name, {@code domain}; the first of each. */
    private Map<String, Integer> namedPositions() {
        Map<String, Integer> out = new LinkedHashMap<>();
        PartialCheck current = check();
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i).statement();
            int position = i;
            current.subjects().get(i).ifPresent(subject -> out.putIfAbsent(subject.label(), position));
            if (statement instanceof DomainStatement) {
                out.putIfAbsent("domain", i);
            } else if (statement instanceof ParamStatement && ((ParamStatement) statement).bindings().size() == 1) {
                out.putIfAbsent(((ParamStatement) statement).bindings().get(0).name(), i);
            } else {
                definedName(statement).ifPresent(name -> out.putIfAbsent(name, position));
            }
        }
        return out;
    }

    /** {@code v' }, {@code v(0.0)} as the compiler labels them: {@code v'}, {@code v(0)}. */
    static String subjectLabel(String written) {
        String compact = written.replaceAll("\\s+", "");
        Matcher m = AT_POINT.matcher(compact);
        if (m.matches()) {
            try {
                return m.group(1) + "(" + Printer.number(Double.parseDouble(m.group(2))) + ")";
            } catch (NumberFormatException e) {
                return compact;
            }
        }
        return compact;
    }
}
