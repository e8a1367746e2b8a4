package org.neuroform.compiler.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neuroform.ast.BinaryOperation;
import org.neuroform.ast.BinaryOperator;
import org.neuroform.ast.Expression;
import org.neuroform.ast.NameReference;
import org.neuroform.ast.TrainOption;
import org.neuroform.ast.TrainStatement;
import org.neuroform.compiler.settings.TrainOptions;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.compiler.sym.Printer;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.SourceFile;

/** Checks {@code train} options against {@link TrainOptions}: known keys, right kinds, in range. */
final class TrainOptionChecker {
    /** Options whose value 0 means "chosen automatically", also written {@code auto}. */
    private static final Set<String> AUTOMATIC = Set.of("points", "segments");

    private final SourceFile source;
    private final ExpressionResolver resolver;
    private final List<Diagnostic> diagnostics;

    TrainOptionChecker(SourceFile source, ExpressionResolver resolver, List<Diagnostic> diagnostics) {
        this.source = source;
        this.resolver = resolver;
        this.diagnostics = diagnostics;
    }

    TrainSettings apply(TrainSettings base, TrainStatement statement) {
        TrainOptions.Builder builder = new TrainOptions.Builder().from(base);
        Set<String> seen = new HashSet<>();
        for (TrainOption option : statement.options()) {
            TrainOptions.Option spec = TrainOptions.get(option.key());
            if (spec == null) {
                Optional<String> suggestion = Suggestions.closest(option.key(), TrainOptions.all().keySet());
                diagnostics.add(Diagnostic.error("unknown-train-option", option.keySpan(),
                        "unknown train option " + Diagnostic.quote(option.key()),
                        suggestion.map(s -> "did you mean '" + s + "'? ").orElse("") + "valid options: " + TrainOptions.validKeys()));
                continue;
            }
            if (!seen.add(option.key())) {
                diagnostics.add(Diagnostic.warning("duplicate-train-option", option.keySpan(),
                        "train option " + Diagnostic.quote(option.key()) + " is set twice; the last value counts"));
            }
            Optional<Object> value = value(spec, option);
            value.ifPresent(v -> builder.set(option.key(), v));
        }
        return builder.build();
    }

    private Optional<Object> value(TrainOptions.Option spec, TrainOption option) {
        switch (spec.kind()) {
            case INTEGER_LIST:
                return list(spec, option);
            case WORD:
                return word(spec, option);
            default:
                if (option.list()) {
                    return fail(option, spec.key() + " takes one value, not a list");
                }
                return number(spec, option, option.values().get(0));
        }
    }

    private Optional<Object> number(TrainOptions.Option spec, TrainOption option, Expression expression) {
        if (spec.kind() == TrainOptions.Kind.WORD) {
            return Optional.empty();
        }
        if (AUTOMATIC.contains(spec.key()) && asWord(expression).filter("auto"::equals).isPresent()) {
            return Optional.of((Object) 0L); // 0 means automatic, and :show prints it as auto
        }
        Optional<Double> value = resolver.constant(expression, "the value of " + spec.key());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        double v = value.get();
        boolean integer = spec.kind() != TrainOptions.Kind.REAL;
        if (integer && v != Math.rint(v)) {
            return fail(option, spec.key() + " must be a whole number, not " + Printer.number(v));
        }
        if (v < spec.min() || v > spec.max()) {
            return fail(option, spec.key() + " must be between " + Printer.number(spec.min()) + " and "
                    + Printer.number(spec.max()) + ", not " + Printer.number(v));
        }
        return Optional.of(integer ? (Object) (long) v : (Object) v);
    }

    private Optional<Object> list(TrainOptions.Option spec, TrainOption option) {
        List<Integer> sizes = new ArrayList<>();
        if (option.values().isEmpty()) {
            return fail(option, spec.key() + " needs at least one layer size, such as [32]");
        }
        if (option.values().size() > TrainOptions.MAX_LAYERS) {
            return fail(option, spec.key() + " has " + option.values().size() + " layers; at most " + TrainOptions.MAX_LAYERS);
        }
        for (Expression expression : option.values()) {
            Optional<Object> size = number(spec, option, expression);
            if (size.isEmpty()) {
                return Optional.empty();
            }
            sizes.add((int) (long) (Long) size.get());
        }
        return Optional.of(sizes);
    }

    private Optional<Object> word(TrainOptions.Option spec, TrainOption option) {
        if (option.list()) {
            return fail(option, spec.key() + " takes one word, not a list",
                    "choose one of: " + String.join(", ", spec.words()));
        }
        Optional<String> word = option.values().size() != 1 ? Optional.empty() : asWord(option.values().get(0));
        if (word.isEmpty() || !spec.words().contains(word.get())) {
            String shown = Diagnostic.quote(word.orElse(source.text(option.valueSpan()).strip()));
            Optional<String> suggestion = word.flatMap(w -> Suggestions.closest(w, spec.words()));
            diagnostics.add(Diagnostic.error("bad-train-value", option.valueSpan(),
                    spec.key() + " cannot be " + shown,
                    suggestion.map(s -> "did you mean '" + s + "'? ").orElse("") + "choose one of: " + String.join(", ", spec.words())));
            return Optional.empty();
        }
        return Optional.of(word.get());
    }

    /** {@code tanh}, {@code adam+lbfgs}: names joined by '+'. */
    private static Optional<String> asWord(Expression e) {
        if (e instanceof NameReference && ((NameReference) e).primes() == 0) {
            return Optional.of(((NameReference) e).name());
        }
        if (e instanceof BinaryOperation && ((BinaryOperation) e).operator() == BinaryOperator.ADD) {
            Optional<String> left = asWord(((BinaryOperation) e).left());
            Optional<String> right = asWord(((BinaryOperation) e).right());
            if (left.isPresent() && right.isPresent()) {
                return Optional.of(left.get() + "+" + right.get());
            }
        }
        return Optional.empty();
    }

    private Optional<Object> fail(TrainOption option, String message) {
        return fail(option, message, "");
    }

    private Optional<Object> fail(TrainOption option, String message, String hint) {
        diagnostics.add(Diagnostic.error("bad-train-value", option.valueSpan(), message, hint));
        return Optional.empty();
    }
}
