package org.neuroform.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neuroform.ast.DefStatement;
import org.neuroform.ast.LetStatement;
import org.neuroform.compiler.Definitions;
import org.neuroform.compiler.Domain;
import org.neuroform.compiler.sym.Function;

/** The names a problem defines: the domain variable, params, unknowns, defs and lets, beside the built-ins. */
public final class Scope {
    public static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI, "e", Math.E);

    private String variable;
    private Domain domain;
    private final Map<String, Double> params = new LinkedHashMap<>();
    private final Set<String> usedParams = new LinkedHashSet<>();
    private final List<String> unknowns = new ArrayList<>();
    private final Set<String> pendingParams = new LinkedHashSet<>();
    private final Map<String, DefStatement> defs = new LinkedHashMap<>();
    private final Map<String, LetStatement> lets = new LinkedHashMap<>();

    public static Scope of(Domain domain, Map<String, Double> params, List<String> unknowns, Definitions definitions) {
        Scope scope = new Scope();
        definitions.defs().forEach(d -> scope.defs.putIfAbsent(d.name(), d));
        definitions.lets().forEach(l -> scope.lets.putIfAbsent(l.name(), l));
        scope.variable = domain.variable();
        scope.domain = domain;
        scope.params.putAll(params);
        scope.unknowns.addAll(unknowns);
        return scope;
    }

    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }

    void setVariable(String name) {
        variable = name;
    }

    public Optional<Domain> domain() {
        return Optional.ofNullable(domain);
    }

    void setDomain(Domain domain) {
        this.domain = domain;
    }

    public boolean isVariable(String name) {
        return name.equals(variable);
    }

    public Map<String, Double> params() {
        return params;
    }

    void defineParam(String name, double value) {
        params.put(name, value);
    }

    private final Set<String> estimated = new java.util.HashSet<>();

    /** Marks a param as estimated from data, or computed from one that is. */
    void markEstimated(String name) {
        estimated.add(name);
    }

    /** True for a param estimated from data, or computed from one that is: it may not fix a number the problem's shape depends on. */
    public boolean isEstimated(String name) {
        return estimated.contains(name);
    }

    private final Set<String> ranged = new java.util.HashSet<>();
    private final Set<String> rangedDependents = new java.util.HashSet<>();

    /** Marks a param as given by a range ({@code param k in [a, b]}). */
    void markRanged(String name) {
        ranged.add(name);
    }

    /** Marks a param as computed from a ranged one ({@code param w = 2*k}). */
    void markRangedDependent(String name) {
        rangedDependents.add(name);
    }

    /** True for a param given by a range (not one computed from it). */
    public boolean isRanged(String name) {
        return ranged.contains(name);
    }

    /** True for a param computed from a ranged one. */
    public boolean isRangedDependent(String name) {
        return rangedDependents.contains(name);
    }

    /** Params declared further down (a reference to one gets "used before it is defined"). */
    Set<String> pendingParams() {
        return pendingParams;
    }

    void useParam(String name) {
        usedParams.add(name);
    }

    boolean isUsed(String param) {
        return usedParams.contains(param);
    }

    /** The functions {@code def f(a, b) = ...}, by name (the first of each name). */
    Map<String, DefStatement> defs() {
        return defs;
    }

    /** The named expressions {@code let q = ...}, by name (the first of each name). */
    Map<String, LetStatement> lets() {
        return lets;
    }

    boolean isDefinition(String name) {
        return defs.containsKey(name) || lets.containsKey(name);
    }

    public List<String> unknowns() {
        return unknowns;
    }

    int unknown(String name) {
        return unknowns.indexOf(name);
    }

    int defineUnknown(String name) {
        int index = unknowns.indexOf(name);
        if (index >= 0) {
            return index;
        }
        unknowns.add(name);
        return unknowns.size() - 1;
    }

    static boolean isBuiltinFunction(String name) {
        return Function.builtin(name).isPresent();
    }

    static boolean isBuiltin(String name) {
        return isBuiltinFunction(name) || CONSTANTS.containsKey(name);
    }

    /** Every name a reference could have meant, for "did you mean". */
    Set<String> knownNames(boolean functions) {
        Set<String> names = new LinkedHashSet<>();
        if (functions) {
            for (Function f : Function.values()) {
                if (f != Function.NEGATE) {
                    names.add(f.builtinName());
                }
            }
            names.addAll(unknowns);
            names.addAll(defs.keySet());
            names.addAll(lets.keySet());
            return names;
        }
        names.addAll(params.keySet());
        names.addAll(unknowns);
        names.addAll(CONSTANTS.keySet());
        names.addAll(lets.keySet());
        if (variable != null) {
            names.add(variable);
        }
        return names;
    }

    /** Names for a message: the first ten, and how many more (a message never lists a thousand unknowns). */
    static String listed(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(names.size(), 10))) + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }
}
