package org.neuroform.runtime.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The networks of a problem, with all their parameters in one flat vector: either one
 * network per unknown (output 0 each) or one shared network with an output per unknown.
 */
public final class NetworkBank {
    private final List<TaylorNetwork> networks;
    private final int[] offsets;
    private final int[] networkOf; // per unknown
    private final int[] outputOf; // per unknown
    private final int parameterCount;

    private NetworkBank(List<TaylorNetwork> networks, int[] networkOf, int[] outputOf) {
        this.networks = List.copyOf(networks);
        this.networkOf = networkOf;
        this.outputOf = outputOf;
        offsets = new int[networks.size()];
        int offset = 0;
        for (int i = 0; i < networks.size(); i++) {
            offsets[i] = offset;
            offset += networks.get(i).parameterCount();
        }
        parameterCount = offset;
    }

    /** One network per unknown, each with one output. */
    public static NetworkBank separate(int unknowns, Function<Integer, TaylorNetwork> factory) {
        List<TaylorNetwork> networks = new ArrayList<>();
        int[] networkOf = new int[unknowns];
        int[] outputOf = new int[unknowns];
        for (int u = 0; u < unknowns; u++) {
            networks.add(factory.apply(1));
            networkOf[u] = u;
        }
        return new NetworkBank(networks, networkOf, outputOf);
    }

    /** One network with an output per unknown. */
    public static NetworkBank shared(int unknowns, Function<Integer, TaylorNetwork> factory) {
        int[] networkOf = new int[unknowns];
        int[] outputOf = new int[unknowns];
        for (int u = 0; u < unknowns; u++) {
            outputOf[u] = u;
        }
        return new NetworkBank(List.of(factory.apply(unknowns)), networkOf, outputOf);
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** Each network takes over the work arrays of its counterpart in {@code spent}, a bank of the same layout not used again. */
    public void reuseWorkspacesOf(NetworkBank spent) {
        if (spent == this || spent.networks.size() != networks.size()) {
            return;
        }
        for (int i = 0; i < networks.size(); i++) {
            networks.get(i).reuseWorkspaceOf(spent.networks.get(i));
        }
    }

    public int networkCount() {
        return networks.size();
    }

    public TaylorNetwork network(int index) {
        return networks.get(index);
    }

    public int offset(int network) {
        return offsets[network];
    }

    public int networkOf(int unknown) {
        return networkOf[unknown];
    }

    public int outputOf(int unknown) {
        return outputOf[unknown];
    }

    public double[] initialParameters(long seed) {
        double[] parameters = new double[parameterCount];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < networks.size(); i++) {
            networks.get(i).initialize(parameters, offsets[i], random.split());
        }
        return parameters;
    }
}
