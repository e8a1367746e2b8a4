package org.neuroform.runtime.fit;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Observations of a problem's unknowns: observation i says {@code unknown[i]} at
 * {@code time[i]} was {@code value[i]}, with noise of standard deviation {@code sigma[i]}
 * (NaN when the data do not say). {@code where[i]} names its place in its file
 * ({@code file.csv:12}) for messages.
 */
public record Observations(double[] time, int[] unknown, double[] value, double[] sigma, List<String> where) {
    public Observations {
        Objects.requireNonNull(where, "where");
        int n = time.length;
        if (unknown.length != n || value.length != n || sigma.length != n || where.size() != n) {
            throw new IllegalArgumentException("one time, unknown, value, sigma and place per observation");
        }
        time = time.clone();
        unknown = unknown.clone();
        value = value.clone();
        sigma = sigma.clone();
        where = List.copyOf(where);
    }

    public int size() {
        return time.length;
    }

    /** True when every observation has its sigma. */
    public boolean hasSigma() {
        return Arrays.stream(sigma).allMatch(Double::isFinite);
    }

    /** The observations at times up to {@code upper}. */
    public Observations upTo(double upper) {
        List<Integer> kept = new java.util.ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (time[i] <= upper) {
                kept.add(i);
            }
        }
        int n = kept.size();
        double[] t = new double[n];
        int[] u = new int[n];
        double[] v = new double[n];
        double[] s = new double[n];
        List<String> w = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            int i = kept.get(k);
            t[k] = time[i];
            u[k] = unknown[i];
            v[k] = value[i];
            s[k] = sigma[i];
            w.add(where.get(i));
        }
        return new Observations(t, u, v, s, w);
    }

    /** These observations followed by {@code other}'s (several data files pool their observations). */
    public Observations plus(Observations other) {
        int n = size();
        int m = other.size();
        double[] t = Arrays.copyOf(time, n + m);
        int[] u = Arrays.copyOf(unknown, n + m);
        double[] v = Arrays.copyOf(value, n + m);
        double[] s = Arrays.copyOf(sigma, n + m);
        System.arraycopy(other.time, 0, t, n, m);
        System.arraycopy(other.unknown, 0, u, n, m);
        System.arraycopy(other.value, 0, v, n, m);
        System.arraycopy(other.sigma, 0, s, n, m);
        List<String> w = new java.util.ArrayList<>(where);
        w.addAll(other.where);
        return new Observations(t, u, v, s, w);
    }
}
