package org.neuroform.compiler;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ranged params of a problem ({@code param k in [a, b]}), in order of definition, and the
 * params computed from them ({@code param w = 2*k}), which a query cannot name on its own.
 */
public record ParamRanges(List<RangedParam> params, Set<String> dependents) {
    public static final ParamRanges NONE = new ParamRanges(List.of(), Set.of());

    public ParamRanges {
        params = List.copyOf(params);
        dependents = Set.copyOf(dependents);
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    public int count() {
        return params.size();
    }

    public List<String> names() {
        return params.stream().map(RangedParam::name).toList();
    }

    public Optional<RangedParam> get(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
