package org.neuroform.compiler.trial;

import java.util.Arrays;

/** A polynomial {@code c0 + c1 s + c2 s^2 + ...} in a scaled coordinate s, with exact derivatives. */
public final class Polynomial {
    public static final Polynomial ZERO = new Polynomial(new double[] {0});
    public static final Polynomial ONE = new Polynomial(new double[] {1});

    private final double[] coefficients;

    public Polynomial(double[] coefficients) {
        int degree = coefficients.length - 1;
        while (degree > 0 && coefficients[degree] == 0) {
            degree--;
        }
        this.coefficients = Arrays.copyOf(coefficients, Math.max(1, degree + 1));
    }

    public static Polynomial monomial(int degree) {
        double[] c = new double[degree + 1];
        c[degree] = 1;
        return new Polynomial(c);
    }

    /** {@code (s - root)^multiplicity}. */
    public static Polynomial power(double root, int multiplicity) {
        Polynomial result = ONE;
        Polynomial factor = new Polynomial(new double[] {-root, 1});
        for (int i = 0; i < multiplicity; i++) {
            result = result.times(factor);
        }
        return result;
    }

    public int degree() {
        return coefficients.length - 1;
    }

    public boolean isZero() {
        return coefficients.length == 1 && coefficients[0] == 0;
    }

    public double coefficient(int power) {
        return power < coefficients.length ? coefficients[power] : 0;
    }

    public double[] coefficients() {
        return coefficients.clone();
    }

    public Polynomial times(Polynomial other) {
        double[] c = new double[coefficients.length + other.coefficients.length - 1];
        for (int i = 0; i < coefficients.length; i++) {
            for (int j = 0; j < other.coefficients.length; j++) {
                c[i + j] += coefficients[i] * other.coefficients[j];
            }
        }
        return new Polynomial(c);
    }

    public Polynomial plus(Polynomial other) {
        double[] c = new double[Math.max(coefficients.length, other.coefficients.length)];
        for (int i = 0; i < c.length; i++) {
            c[i] = coefficient(i) + other.coefficient(i);
        }
        return new Polynomial(c);
    }

    public Polynomial scaled(double factor) {
        double[] c = coefficients.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] *= factor;
        }
        return new Polynomial(c);
    }

    /** The k-th derivative with respect to s. */
    public Polynomial derivative(int k) {
        if (k == 0) {
            return this;
        }
        if (k > degree()) {
            return ZERO;
        }
        double[] c = new double[coefficients.length - k];
        for (int i = 0; i < c.length; i++) {
            c[i] = coefficients[i + k] * fallingFactorial(i + k, k);
        }
        return new Polynomial(c);
    }

    public double value(double s) {
        double result = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            result = result * s + coefficients[i];
        }
        return result;
    }

    /** {@code n (n-1) ... (n-k+1)}. */
    public static double fallingFactorial(int n, int k) {
        double result = 1;
        for (int i = 0; i < k; i++) {
            result *= n - i;
        }
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Polynomial && Arrays.equals(coefficients, ((Polynomial) other).coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return Arrays.toString(coefficients);
    }
}
