package org.neuroform.runtime.suite;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A problem of the corpus (examples/corpus/NAME.ode): its family, its unknowns in the
 * reference's order, the interval the reference covers (checked against the file's domain),
 * and the reference itself, built on first use (integrated references take a moment).
 */
public final class CorpusProblem {
    private final String name;
    private final String family;
    private final List<String> unknowns;
    private final double lower;
    private final double upper;
    private final Supplier<CorpusReference> supplier;
    private CorpusReference reference;

    public CorpusProblem(String name, String family, List<String> unknowns, double lower, double upper,
            Supplier<CorpusReference> reference) {
        this.name = Objects.requireNonNull(name, "name");
        this.family = Objects.requireNonNull(family, "family");
        this.unknowns = List.copyOf(unknowns);
        this.lower = lower;
        this.upper = upper;
        this.supplier = Objects.requireNonNull(reference, "reference");
    }

    public String name() {
        return name;
    }

    /** The file, relative to the examples folder. */
    public String file() {
        return "corpus/" + name + ".ode";
    }

    public String family() {
        return family;
    }

    public List<String> unknowns() {
        return unknowns;
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    public synchronized CorpusReference reference() {
        if (reference == null) {
            reference = supplier.get();
        }
        return reference;
    }

    @Override
    public String toString() {
        return name;
    }
}
