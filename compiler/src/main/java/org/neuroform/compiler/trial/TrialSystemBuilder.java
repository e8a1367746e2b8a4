package org.neuroform.compiler.trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TrialSystem}. The cardinal polynomials come from a polynomial basis
 * {@code s^d} per unknown: candidate columns are taken lowest degree first and kept when they
 * are linearly independent of those kept before (so an initial value problem gets
 * {@code 1, s, s^2, ...} and Lagaris's forms come out), until the square matrix
 * {@code M_ij = L_i[φ_j]} is invertible. Conditions that are linearly dependent on earlier ones
 * are not enforced exactly; they are reported through {@link TrialSystem#dependent()}.
 */
public final class TrialSystemBuilder {
    private static final double INDEPENDENCE = 1e-9;

    private TrialSystemBuilder() {}

    /**
     * @param orders the order of each unknown
     * @param conditions linear conditions, all at points inside the domain
     */
    public static TrialSystem build(
            int[] orders, List<LinearCondition> conditions, CoordinateMap map, TrialFamily family) {
        int unknowns = orders.length;
        int maxDegree = conditions.size() + 1;
        for (int order : orders) {
            maxDegree = Math.max(maxDegree, order + conditions.size());
        }

        // Candidate columns (unknown, degree), lowest degree first.
        List<int[]> candidates = new ArrayList<>();
        for (int d = 0; d <= maxDegree; d++) {
            for (int u = 0; u < unknowns; u++) {
                if (orders[u] > 0) {
                    candidates.add(new int[] {u, d});
                }
            }
        }
        double[][] full = new double[conditions.size()][candidates.size()];
        for (int i = 0; i < conditions.size(); i++) {
            for (int c = 0; c < candidates.size(); c++) {
                full[i][c] = applyToMonomial(conditions.get(i), candidates.get(c)[0], candidates.get(c)[1], map);
            }
        }

        // Rows: keep conditions independent of those kept before.
        List<Integer> rows = independent(full, conditions.size(), candidates.size(), true);
        List<LinearCondition> exact = new ArrayList<>();
        List<LinearCondition> dependent = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            (rows.contains(i) ? exact : dependent).add(conditions.get(i));
        }
        double[][] kept = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            kept[r] = full[rows.get(r)];
        }
        // Columns: the first independent ones.
        List<Integer> columns = independent(kept, rows.size(), candidates.size(), false);
        int n = rows.size();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = kept[i][columns.get(j)];
            }
        }
        double[][] inverse = invert(m);

        List<TrialForm> forms = new ArrayList<>();
        for (int u = 0; u < unknowns; u++) {
            List<Polynomial> cardinals = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Polynomial psi = Polynomial.ZERO;
                for (int j = 0; j < n; j++) {
                    int[] column = candidates.get(columns.get(j));
                    if (column[0] == u && inverse[j][i] != 0) {
                        psi = psi.plus(Polynomial.monomial(column[1]).scaled(inverse[j][i]));
                    }
                }
                cardinals.add(psi);
            }
            Map<Double, Integer> roots = family == TrialFamily.LAGARIS ? ladders(u, exact) : Map.of();
            Polynomial envelope = Polynomial.ONE;
            for (Map.Entry<Double, Integer> root : roots.entrySet()) {
                envelope = envelope.times(Polynomial.power(map.toUnit(root.getKey()), root.getValue()));
            }
            forms.add(new TrialForm(u, orders[u], envelope, roots, cardinals));
        }

        List<List<ConditionTerm>> corrections = new ArrayList<>();
        for (LinearCondition condition : exact) {
            List<ConditionTerm> remaining = new ArrayList<>();
            for (ConditionTerm term : condition.terms()) {
                if (term.order() >= forms.get(term.unknown()).multiplicityAt(term.point())) {
                    remaining.add(term);
                }
            }
            corrections.add(remaining);
        }
        return new TrialSystem(map, family, exact, forms, corrections, dependent);
    }

    /**
     * {@code L[s^degree]} for unknown u: the same number as {@link #apply} of
     * {@code Polynomial.monomial(degree)}, operation for operation (the derivative's coefficient is
     * the falling factorial, then Horner's multiplications by s), without building the
     * polynomials: a system of 200 unknowns evaluates millions of these per segment.
     */
    static double applyToMonomial(LinearCondition condition, int unknown, int degree, CoordinateMap map) {
        double sum = 0;
        for (ConditionTerm term : condition.terms()) {
            if (term.unknown() == unknown) {
                int order = term.order();
                double value = 0;
                if (order <= degree) {
                    double s = map.toUnit(term.point());
                    value = 0 * s + Polynomial.fallingFactorial(degree, order);
                    for (int k = 0; k < degree - order; k++) {
                        value = value * s + 0;
                    }
                }
                sum += term.coefficient() * value * map.derivativeFactor(order);
            }
        }
        return sum;
    }

    /** L[φ] for a polynomial φ(s) standing for unknown u (other unknowns zero). */
    static double apply(LinearCondition condition, int unknown, Polynomial phi, CoordinateMap map) {
        double sum = 0;
        for (ConditionTerm term : condition.terms()) {
            if (term.unknown() == unknown) {
                sum += term.coefficient()
                        * phi.derivative(term.order()).value(map.toUnit(term.point()))
                        * map.derivativeFactor(term.order());
            }
        }
        return sum;
    }

    /**
     * For each point where unknown u has pure conditions u(p), u'(p), ..., u^(k-1)(p) (all of
     * them, no gap), the ladder height k.
     */
    private static Map<Double, Integer> ladders(int unknown, List<LinearCondition> exact) {
        Map<Double, boolean[]> prescribed = new LinkedHashMap<>();
        for (LinearCondition condition : exact) {
            if (condition.isPure()) {
                ConditionTerm term = condition.terms().get(0);
                if (term.unknown() == unknown && term.order() < 64) {
                    prescribed.computeIfAbsent(term.point(), p -> new boolean[64])[term.order()] = true;
                }
            }
        }
        Map<Double, Integer> roots = new LinkedHashMap<>();
        for (Map.Entry<Double, boolean[]> entry : prescribed.entrySet()) {
            int k = 0;
            while (k < 64 && entry.getValue()[k]) {
                k++;
            }
            if (k > 0) {
                roots.put(entry.getKey(), k);
            }
        }
        return roots;
    }

    /**
     * Indices of rows (or columns) independent of the ones before them, by modified
     * Gram–Schmidt with a relative tolerance.
     */
    private static List<Integer> independent(double[][] a, int rows, int columns, boolean byRow) {
        int count = byRow ? rows : columns;
        int length = byRow ? columns : rows;
        List<double[]> basis = new ArrayList<>();
        // Each basis vector's nonzero positions, ascending: the sums below skip only exact zeros, so
        // they are the dense sums to the last bit, at the cost of the nonzeros (a system of 200
        // unknowns has 200 conditions over 40,000 candidate monomials, each condition touching ~200).
        List<int[]> supports = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        for (int k = 0; k < count && basis.size() < Math.min(rows, columns); k++) {
            double[] v = new double[length];
            java.util.BitSet support = new java.util.BitSet(length);
            for (int t = 0; t < length; t++) {
                v[t] = byRow ? a[k][t] : a[t][k];
                if (v[t] != 0) {
                    support.set(t);
                }
            }
            double original = norm(v, support);
            if (original == 0) {
                continue;
            }
            for (int i = 0; i < basis.size(); i++) {
                double[] b = basis.get(i);
                int[] on = supports.get(i);
                double dot = 0;
                for (int t : on) {
                    dot += v[t] * b[t];
                }
                for (int t : on) {
                    v[t] -= dot * b[t];
                }
                for (int t : on) {
                    support.set(t);
                }
            }
            double remaining = norm(v, support);
            if (remaining > INDEPENDENCE * original) {
                for (int t = 0; t < length; t++) {
                    v[t] /= remaining;
                }
                basis.add(v);
                supports.add(support.stream().toArray());
                chosen.add(k);
            }
        }
        return chosen;
    }

    /** The norm of v, summing its entries at {@code support} (a superset of its nonzeros) in ascending order. */
    private static double norm(double[] v, java.util.BitSet support) {
        double sum = 0;
        for (int t = support.nextSetBit(0); t >= 0; t = support.nextSetBit(t + 1)) {
            sum += v[t] * v[t];
        }
        return Math.sqrt(sum);
    }

    /** Gauss–Jordan with partial pivoting; the matrix is small and invertible by construction. */
    static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            double p = a[col][col];
            if (p == 0) {
                throw new IllegalStateException("singular condition matrix");
            }
            for (int c = 0; c < 2 * n; c++) {
                a[col][c] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int c = 0; c < 2 * n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inverse[i], 0, n);
        }
        return inverse;
    }
}
