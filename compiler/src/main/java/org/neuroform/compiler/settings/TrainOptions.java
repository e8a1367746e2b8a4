package org.neuroform.compiler.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.neuroform.compiler.trial.TrialFamily;

/**
 * The one table of train options: key, kind, range, default and meaning. The checker,
 * the error messages ("valid keys are ...") and the documentation all read it.
 */
public final class TrainOptions {

    /** What kind of value a key takes. */
    public enum Kind {
        INTEGER,
        REAL,
        INTEGER_LIST,
        WORD
    }

    /** One option. For WORD options {@code words} lists the accepted values. */
    public record Option(String key, Kind kind, double min, double max, String defaultText, List<String> words, String meaning) {
        public Option {
            words = List.copyOf(words);
        }
    }

    public static final int MAX_EPOCHS = 10_000_000;
    public static final int MAX_POINTS = 100_000;
    public static final int MAX_LAYERS = 8;
    public static final int MAX_WIDTH = 1024;
    public static final int MAX_SEGMENTS = 10_000;

    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    static {
        add(new Option("epochs", Kind.INTEGER, 1, MAX_EPOCHS, "2000",
                List.of(), "iteration budget of the optimizer (Adam epochs, L-BFGS or LM iterations); auto does not use it"));
        add(new Option("points", Kind.INTEGER, 2, MAX_POINTS, "auto",
                List.of(), "collocation points per segment (auto: 1.5 per output weight with optimizer auto, Chebyshev–Gauss nodes;"
                        + " otherwise about twice the network's weights, at least 32)"));
        add(new Option("hidden", Kind.INTEGER_LIST, 1, MAX_WIDTH, "auto",
                List.of(), "hidden layer sizes, 1 to " + MAX_LAYERS + " layers (auto: [20] frozen features with optimizer auto,"
                        + " [8] with the others)"));
        add(new Option("activation", Kind.WORD, 0, 0, "tanh",
                words(ActivationChoice.values()), "activation of the hidden layers"));
        add(new Option("lr", Kind.REAL, 1e-12, 10, "0.001", List.of(), "Adam learning rate"));
        add(new Option("optimizer", Kind.WORD, 0, 0, "auto",
                words(OptimizerChoice.values()), "auto: least squares over frozen network features (output layers solved by QR and"
                        + " Gauss–Newton); initial value problems marched with step-size control; lm, adam, lbfgs, adam+lbfgs train"
                        + " every weight"));
        add(new Option("seed", Kind.INTEGER, 0, Long.MAX_VALUE, "7", List.of(), "random seed: same seed, same answers"));
        add(new Option("tolerance", Kind.REAL, 0, 1e6, "1e-20",
                List.of(), "stop when the mean squared residual is below this (auto sets its own target unless given)"));
        add(new Option("segments", Kind.INTEGER, 0, MAX_SEGMENTS, "0",
                List.of(), "initial value problems: 0 marches automatically, N splits the domain in N"));
        add(new Option("trial", Kind.WORD, 0, 0, "lagaris",
                List.of(TrialFamily.LAGARIS.keyword(), TrialFamily.PROJECTION.keyword()),
                "how conditions are built into the trial solution"));
        add(new Option("accuracy", Kind.REAL, 1e-12, 0.1, "1e-7",
                List.of(), "the relative accuracy automatic training aims at: auto's segment defects are held to 1e-4 of it,"
                        + " and the deviation from the classical integrator to 0.3 of it"));
        add(new Option("backend", Kind.WORD, 0, 0, "java",
                List.of("java", "nd4j"), "where networks are computed: plain Java (fastest at these sizes) or ND4J"));
        add(new Option("network", Kind.WORD, 0, 0, "separate",
                List.of("separate", "shared"), "systems: one network per unknown, or one with an output each"));
    }

    private TrainOptions() {}

    private static void add(Option option) {
        OPTIONS.put(option.key(), option);
    }

    private static List<String> words(Enum<?>[] values) {
        List<String> words = new ArrayList<>();
        for (Enum<?> value : values) {
            if (value instanceof OptimizerChoice) {
                words.add(((OptimizerChoice) value).keyword());
            } else if (value instanceof ActivationChoice) {
                words.add(((ActivationChoice) value).keyword());
            }
        }
        return words;
    }

    public static Map<String, Option> all() {
        return OPTIONS;
    }

    public static Option get(String key) {
        return OPTIONS.get(key);
    }

    public static String validKeys() {
        return String.join(", ", OPTIONS.keySet());
    }

    public static TrainSettings defaults() {
        return new Builder().build();
    }

    /** Collects checked values; unset keys keep their defaults. */
    public static final class Builder {
        private int epochs = 2000;
        private int points = 0;
        private List<Integer> hidden = List.of(8);
        private ActivationChoice activation = ActivationChoice.TANH;
        private double learningRate = 1e-3;
        private OptimizerChoice optimizer = OptimizerChoice.AUTO;
        private long seed = 7;
        private double tolerance = 1e-20;
        private int segments = 0;
        private TrialFamily trial = TrialFamily.LAGARIS;
        private boolean shared = false;
        private double accuracy = 1e-7;
        private String backend = "java";
        private final Set<String> explicit = new java.util.HashSet<>();

        public Builder from(TrainSettings settings) {
            epochs = settings.epochs();
            points = settings.points();
            hidden = settings.hidden();
            activation = settings.activation();
            learningRate = settings.learningRate();
            optimizer = settings.optimizer();
            seed = settings.seed();
            tolerance = settings.tolerance();
            segments = settings.segments();
            trial = settings.trial();
            shared = settings.sharedNetwork();
            accuracy = settings.accuracy();
            backend = settings.backend();
            explicit.addAll(settings.explicit());
            return this;
        }

        /** Sets a checked value; {@code value} is a Long, Double, List of Integer or String as the kind says. */
        public Builder set(String key, Object value) {
            explicit.add(key);
            switch (key) {
                case "epochs":
                    epochs = ((Number) value).intValue();
                    break;
                case "points":
                    points = ((Number) value).intValue();
                    break;
                case "hidden":
                    @SuppressWarnings("unchecked")
                    List<Integer> sizes = (List<Integer>) value;
                    hidden = List.copyOf(sizes);
                    break;
                case "activation":
                    activation = ActivationChoice.valueOf(((String) value).toUpperCase(Locale.ROOT));
                    break;
                case "lr":
                    learningRate = ((Number) value).doubleValue();
                    break;
                case "optimizer":
                    optimizer = parseOptimizer((String) value);
                    break;
                case "seed":
                    seed = ((Number) value).longValue();
                    break;
                case "tolerance":
                    tolerance = ((Number) value).doubleValue();
                    break;
                case "segments":
                    segments = ((Number) value).intValue();
                    break;
                case "trial":
                    trial = TrialFamily.valueOf(((String) value).toUpperCase(Locale.ROOT));
                    break;
                case "accuracy":
                    accuracy = ((Number) value).doubleValue();
                    break;
                case "backend":
                    backend = (String) value;
                    break;
                case "network":
                    shared = "shared".equals(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown train option " + key);
            }
            return this;
        }

        public TrainSettings build() {
            return new TrainSettings(epochs, points, hidden, activation, learningRate, optimizer, seed, tolerance,
                    segments, trial, shared, accuracy, backend, explicit);
        }
    }

    static OptimizerChoice parseOptimizer(String word) {
        for (OptimizerChoice choice : OptimizerChoice.values()) {
            if (choice.keyword().equals(word)) {
                return choice;
            }
        }
        throw new IllegalArgumentException(word);
    }

    /**
     * The settings as a train line, for {@code :show} and {@code check --show}: the options the
     * chosen optimizer reads ({@link OptimizerChoice#uses}), and any other the user wrote.
     */
    public static String describe(TrainSettings settings) {
        List<String> parts = new ArrayList<>();
        add(parts, settings, "epochs", Integer.toString(settings.epochs()));
        add(parts, settings, "points", settings.points() == 0 ? "auto" : Integer.toString(settings.points()));
        add(parts, settings, "hidden", settings.effectiveHidden().stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
        add(parts, settings, "activation", settings.activation().keyword());
        add(parts, settings, "lr", org.neuroform.compiler.sym.Printer.number(settings.learningRate()));
        add(parts, settings, "optimizer", settings.optimizer().keyword());
        add(parts, settings, "seed", Long.toString(settings.seed()));
        add(parts, settings, "tolerance", org.neuroform.compiler.sym.Printer.number(settings.tolerance()));
        add(parts, settings, "segments", settings.segments() == 0 ? "auto" : Integer.toString(settings.segments()));
        add(parts, settings, "trial", settings.trial().keyword());
        add(parts, settings, "accuracy", org.neuroform.compiler.sym.Printer.number(settings.accuracy()));
        add(parts, settings, "backend", settings.backend());
        add(parts, settings, "network", settings.sharedNetwork() ? "shared" : "separate");
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, TrainSettings settings, String key, String value) {
        if (settings.optimizer().uses(key) || settings.isExplicit(key)) {
            parts.add(key + " = " + value);
        }
    }
}
