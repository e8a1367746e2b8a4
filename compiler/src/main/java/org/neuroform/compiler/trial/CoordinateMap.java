package org.neuroform.compiler.trial;

/**
 * The affine map {@code s = (x - origin) / scale} from the user's variable to the unit
 * interval the trial polynomials (and the networks) work in. A k-th derivative in x is the
 * k-th derivative in s times {@code scale^-k}.
 */
public record CoordinateMap(double origin, double scale) {
    public CoordinateMap {
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(origin)) {
            throw new IllegalArgumentException("origin " + origin + ", scale " + scale);
        }
    }

    public static CoordinateMap of(double lower, double upper) {
        return new CoordinateMap(lower, upper - lower);
    }

    public double toUnit(double x) {
        return (x - origin) / scale;
    }

    public double fromUnit(double s) {
        return origin + s * scale;
    }

    /** {@code (ds/dx)^k}. */
    public double derivativeFactor(int k) {
        return Math.pow(scale, -k);
    }
}
