package org.neuroform.runtime.suite;

import static org.neuroform.runtime.suite.ExactReference.constant;
import static org.neuroform.runtime.suite.ExactReference.erf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hipparchus.analysis.differentiation.UnivariateDerivative1;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.special.BesselJ;
import org.hipparchus.special.elliptic.jacobi.CopolarN;
import org.hipparchus.special.elliptic.jacobi.JacobiElliptic;
import org.hipparchus.special.elliptic.jacobi.JacobiEllipticBuilder;

/**
 * The corpus (issue 12, item 5): problems from the public test sets of the literature, as
 * examples/corpus/NAME.ode, each with a reference computed here, outside the product's
 * compiled equations: an exact solution where one exists, else a hand-written right-hand side
 * integrated by DormandPrince853 at 1e−14 ({@link IntegratedReference}), or, for a boundary
 * value problem without a closed form, shooting on that right-hand side. Each file's header
 * names its source; the constants below are typed again from the literature, not read from the
 * files, so a mistranslated file shows up as an error.
 *
 * <p>Why this file is near 500 lines: it is a table — 56 problems, each with its reference
 * written out by hand from the literature — and a table is easiest to check in one place.
 */
public final class Corpus {
    private Corpus() {}

    public static final String NON_STIFF = "non-stiff IVP";
    public static final String STIFF = "stiff IVP";
    public static final String BVP = "BVP";
    public static final String SINGULAR = "singular IVP";
    public static final String LINEAR = "linear system";
    public static final String CLASSIC = "classic IVP";

    public static final List<CorpusProblem> PROBLEMS = List.copyOf(problems());

    /**
     * Problems beyond today's limits (examples/corpus-large: 50 unknowns, the compiler accepts
     * 32), kept with their references for the large-system work of issue 12; not in {@link #PROBLEMS}.
     */
    public static final List<CorpusProblem> LARGE = List.of(diffusion("diffusion50", 50));

    public static Optional<CorpusProblem> named(String name) {
        return PROBLEMS.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static List<CorpusProblem> problems() {
        List<CorpusProblem> list = new ArrayList<>();

        // ------------------------------------------------------------ non-stiff initial value problems
        list.add(integrated("brusselator", NON_STIFF, 0, 10, 0, new double[] {1.5, 3},
                (t, y) -> new double[] {1 + y[0] * y[0] * y[1] - 4 * y[0], 3 * y[0] - y[0] * y[0] * y[1]},
                List.of("y1", "y2"), 0, 1));
        double m = 0.51;
        list.add(exact("rigid-body", NON_STIFF, 0, 12, "Jacobi elliptic sn, cn, dn (m = 0.51)", List.of("y1", "y2", "y3"),
                t -> jacobi(t, m, 0), t -> jacobi(t, m, 1), t -> jacobi(t, m, 2)));
        double mu = 0.012277471;
        double nu = 1 - mu;
        list.add(integrated("arenstorf", NON_STIFF, 0, 2, 0, new double[] {0.994, 0, 0, -2.00158510637908252240537862224},
                (t, y) -> {
                    double d1 = Math.pow((y[0] + mu) * (y[0] + mu) + y[2] * y[2], 1.5);
                    double d2 = Math.pow((y[0] - nu) * (y[0] - nu) + y[2] * y[2], 1.5);
                    return new double[] {
                        y[1], y[0] + 2 * y[3] - nu * (y[0] + mu) / d1 - mu * (y[0] - nu) / d2,
                        y[3], y[2] - 2 * y[1] - nu * y[2] / d1 - mu * y[2] / d2};
                }, List.of("y1", "y2"), 0, 2));
        list.add(pleiades());
        list.add(lorenz("lorenz1", 1));
        list.add(lorenz("lorenz5", 5));
        list.add(integrated("rossler", NON_STIFF, 0, 10, 0, new double[] {1, 1, 1},
                (t, y) -> new double[] {-y[1] - y[2], y[0] + 0.2 * y[1], 0.2 + y[2] * (y[0] - 5.7)},
                List.of("x", "y", "z"), 0, 1, 2));
        list.add(kepler("kepler-e0", 0));
        list.add(kepler("kepler-e03", 0.3));
        list.add(kepler("kepler-e06", 0.6));
        list.add(kepler("kepler-e09", 0.9));
        list.add(integrated("duffing", NON_STIFF, 0, 10, 0, new double[] {1, 0},
                (t, y) -> new double[] {y[1], 0.5 * Math.cos(1.2 * t) - 0.3 * y[1] + y[0] - y[0] * y[0] * y[0]},
                List.of("x"), 0));
        list.add(integrated("pendulum", NON_STIFF, 0, 10, 0, new double[] {2.5, 0},
                (t, y) -> new double[] {y[1], -Math.sin(y[0])}, List.of("theta"), 0));
        list.add(integrated("henon-heiles", NON_STIFF, 0, 10, 0, new double[] {0, 0.5, 0, 0},
                (t, y) -> new double[] {y[1], -y[0] - 2 * y[0] * y[2], y[3], -y[2] - y[0] * y[0] + y[2] * y[2]},
                List.of("q1", "q2"), 0, 2));
        list.add(integrated("mathieu", NON_STIFF, 0, 10, 0, new double[] {1, 0},
                (t, y) -> new double[] {y[1], -(1 - 2 * 0.2 * Math.cos(2 * t)) * y[0]}, List.of("y"), 0));

        // ------------------------------------------------------------ stiff initial value problems
        list.add(integrated("robertson", STIFF, 0, 40, 0, new double[] {1, 0, 0},
                (t, y) -> new double[] {
                    -0.04 * y[0] + 1e4 * y[1] * y[2],
                    0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1],
                    3e7 * y[1] * y[1]},
                List.of("y1", "y2", "y3"), 0, 1, 2));
        list.add(integrated("hires", STIFF, 0, 5, 0, new double[] {1, 0, 0, 0, 0, 0, 0, 0.0057},
                (t, y) -> new double[] {
                    -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
                    1.71 * y[0] - 8.75 * y[1],
                    -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
                    8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
                    -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6],
                    -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
                    280 * y[5] * y[7] - 1.81 * y[6],
                    -280 * y[5] * y[7] + 1.81 * y[6]},
                List.of("y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8"), 0, 1, 2, 3, 4, 5, 6, 7));
        list.add(integrated("orego", STIFF, 0, 1, 0, new double[] {1, 2, 3},
                (t, y) -> new double[] {
                    77.27 * (y[1] - y[0] * y[1] + y[0] - 8.375e-6 * y[0] * y[0]),
                    (-y[1] - y[0] * y[1] + y[2]) / 77.27,
                    0.161 * (y[0] - y[2])},
                List.of("y1", "y2", "y3"), 0, 1, 2));
        // POLL (Verwer 1994; Mazzia & Magherini's IVP test set): 20 species, 25 reactions, rates up to 4.4e11
        list.add(new CorpusProblem("pollution", STIFF, java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "y" + i).toList(),
                0, 60, () -> IntegratedReference.stiff("hand-written right-hand side", Corpus::pollution, 0, 60, 0,
                        pollutionInitial(), java.util.stream.IntStream.range(0, 20).toArray())));
        list.add(integrated("vanderpol-mu5", STIFF, 0, 10, 0, new double[] {2, 0},
                (t, y) -> new double[] {y[1], 5 * (1 - y[0] * y[0]) * y[1] - y[0]}, List.of("y"), 0));
        // VDPOL's own mu: relaxation oscillations whose jumps take 1e-3 of a period of about 1600 (one at t = 807)
        list.add(new CorpusProblem("vanderpol-mu1000", STIFF, List.of("y"), 0, 1000,
                () -> IntegratedReference.stiff("hand-written right-hand side", (t, y) -> new double[] {y[1],
                    1000 * (1 - y[0] * y[0]) * y[1] - y[0]}, 0, 1000, 0, new double[] {2, 0}, 0)));
        list.add(exact("prothero-robinson", STIFF, 0, 2, "y = sin(t) + exp(-1000 t)", List.of("y"),
                t -> t.sin().add(t.multiply(-1000).exp())));
        list.add(exact("stiff-linear2", STIFF, 0, 10, "y1 = 2 exp(-t) + sin t, y2 = 2 exp(-t) + cos t", List.of("y1", "y2"),
                t -> t.negate().exp().multiply(2).add(t.sin()),
                t -> t.negate().exp().multiply(2).add(t.cos())));
        list.add(exact("curtiss-hirschfelder", STIFF, 0, 1.5, "y = (2500 cos x + 50 sin x)/2501 - 2500/2501 exp(-50 x)",
                List.of("y"), x -> x.cos().multiply(2500).add(x.sin().multiply(50)).divide(2501)
                        .subtract(x.multiply(-50).exp().multiply(2500.0 / 2501))));
        list.add(exact("curtiss-hirschfelder-1000", STIFF, 0, 2,
                "y = (1000000 cos x + 1000 sin x)/1000001 - 1000000/1000001 exp(-1000 x)",
                List.of("y"), x -> x.cos().multiply(1e6).add(x.sin().multiply(1000)).divide(1000001)
                        .subtract(x.multiply(-1000).exp().multiply(1e6 / 1000001))));

        // ------------------------------------------------------------ boundary value problems
        double e1 = 0.01;
        double r1 = Math.sqrt(e1);
        list.add(exact("cash1", BVP, 0, 1, "(exp(-x/sqrt(eps)) - exp((x-2)/sqrt(eps)))/(1 - exp(-2/sqrt(eps))), eps = 0.01",
                List.of("y"), x -> x.divide(-r1).exp().subtract(x.subtract(2).divide(r1).exp()).divide(1 - Math.exp(-2 / r1))));
        double e2 = 0.05;
        list.add(exact("cash2", BVP, 0, 1, "(1 - exp((x-1)/eps))/(1 - exp(-1/eps)), eps = 0.05", List.of("y"),
                x -> constant(1).subtract(x.subtract(1).divide(e2).exp()).divide(1 - Math.exp(-1 / e2))));
        double e4 = 0.1;
        list.add(exact("cash4", BVP, -1, 1, "exp(x-1) + exp(-(1+eps)(1+x)/eps), eps = 0.1", List.of("y"),
                x -> x.subtract(1).exp().add(x.add(1).multiply(-(1 + e4) / e4).exp())));
        list.add(exact("cash5", BVP, -1, 1, "cos(pi x)", List.of("y"), x -> x.multiply(Math.PI).cos()));
        double e7 = 0.01;
        list.add(exact("cash7", BVP, -1, 1, "cos(pi x) + x + x erf(x/sqrt(2 eps)) + sqrt(2 eps/pi) exp(-x^2/(2 eps)), eps = 0.01",
                List.of("y"), x -> x.multiply(Math.PI).cos().add(x).add(x.multiply(erf(x.divide(Math.sqrt(2 * e7)))))
                        .add(x.multiply(x).divide(-2 * e7).exp().multiply(Math.sqrt(2 * e7 / Math.PI)))));
        double e9 = 0.05;
        list.add(exact("cash9", BVP, -1, 1, "1/(eps + x^2), eps = 0.05", List.of("y"), x -> x.multiply(x).add(e9).reciprocal()));
        double e10 = 0.01;
        double s10 = Math.sqrt(2 * e10);
        list.add(exact("cash10", BVP, -1, 1, "1 + erf(x/sqrt(2 eps))/erf(1/sqrt(2 eps)), eps = 0.01", List.of("y"),
                x -> erf(x.divide(s10)).divide(org.hipparchus.special.Erf.erf(1 / s10)).add(1)));
        double e2t = 1e-3;
        list.add(exact("cash2-thin", BVP, 0, 1, "(1 - exp((x-1)/eps))/(1 - exp(-1/eps)), eps = 0.001", List.of("y"),
                x -> constant(1).subtract(x.subtract(1).divide(e2t).exp()).divide(1 - Math.exp(-1 / e2t))));
        double el = 1e-4;
        list.add(exact("convection-layer", BVP, 0, 1, "x - (1 - exp(-x/eps))/(1 - exp(-1/eps)), eps = 1e-4", List.of("y"),
                x -> x.subtract(constant(1).subtract(x.divide(-el).exp()).divide(1 - Math.exp(-1 / el)))));
        list.add(exact("exp-modes", BVP, 0, 10, "exp(-20x) + exp(20(x-10)) (exact in double precision: the e^-200 terms vanish)",
                List.of("y"), x -> x.multiply(-20).exp().add(x.subtract(10).multiply(20).exp())));
        list.add(exact("oscillator-bvp", BVP, 0, 100, "sin(x)/sin(100)", List.of("y"), x -> x.sin().divide(Math.sin(100))));
        double e7t = 1e-4;
        list.add(exact("cash7-thin", BVP, -1, 1, "cos(pi x) + x + x erf(x/sqrt(2 eps)) + sqrt(2 eps/pi) exp(-x^2/(2 eps)), eps = 1e-4",
                List.of("y"), x -> x.multiply(Math.PI).cos().add(x).add(x.multiply(erf(x.divide(Math.sqrt(2 * e7t)))))
                        .add(x.multiply(x).divide(-2 * e7t).exp().multiply(Math.sqrt(2 * e7t / Math.PI)))));
        double e10t = 1e-4;
        double s10t = Math.sqrt(2 * e10t);
        list.add(exact("cash10-thin", BVP, -1, 1, "1 + erf(x/sqrt(2 eps))/erf(1/sqrt(2 eps)), eps = 1e-4", List.of("y"),
                x -> erf(x.divide(s10t)).divide(org.hipparchus.special.Erf.erf(1 / s10t)).add(1)));
        list.add(troesch("troesch1", 1));
        list.add(troesch("troesch5", 5));
        list.add(troesch("troesch10", 10));
        list.add(bratu("bratu1", 1));
        list.add(bratu("bratu3", 3));
        list.add(exact("keller", BVP, 0, 1, "4/(1+x)^2", List.of("y"), x -> x.add(1).pow(-2).multiply(4)));
        list.add(exact("beam", BVP, 0, 1, "x^2 (1-x)^2", List.of("y"), x -> x.multiply(x).multiply(constant(1).subtract(x).pow(2))));
        list.add(exact("lagaris3-neumann", BVP, 0, 2, "exp(-x/5) sin x", List.of("y"), x -> x.divide(-5).exp().multiply(x.sin())));

        // ------------------------------------------------------------ singular (Lane–Emden, Emden–Fowler, Bessel)
        list.add(exact("lane-emden0", SINGULAR, 0, 2, "1 - x^2/6", List.of("y"), x -> constant(1).subtract(x.multiply(x).divide(6))));
        list.add(exact("lane-emden1", SINGULAR, 0, 3, "sin(x)/x (its Taylor series below 1e-3)", List.of("y"), Corpus::sinc));
        list.add(exact("lane-emden5", SINGULAR, 0, 2, "(1 + x^2/3)^(-1/2)", List.of("y"),
                x -> x.multiply(x).divide(3).add(1).pow(-0.5)));
        list.add(exact("emden-fowler-gauss", SINGULAR, 0, 1, "exp(x^2)", List.of("y"), x -> x.multiply(x).exp()));
        list.add(exact("emden-fowler-exp", SINGULAR, 0, 1, "-2 log(1 + x^2)", List.of("y"), x -> x.multiply(x).add(1).log().multiply(-2)));
        list.add(exact("bessel0", SINGULAR, 0, 5, "J0(x), J0' = -J1 (Hipparchus BesselJ)", List.of("y"),
                x -> new UnivariateDerivative1(bessel(0, x.getValue()), -bessel(1, x.getValue()) * x.getFirstDerivative())));
        list.add(exact("bessel1", SINGULAR, 0, 5, "J1(x), J1' = (J0 - J2)/2 (Hipparchus BesselJ)", List.of("y"),
                x -> new UnivariateDerivative1(bessel(1, x.getValue()),
                        (bessel(0, x.getValue()) - bessel(2, x.getValue())) / 2 * x.getFirstDerivative())));

        // ------------------------------------------------------------ linear systems
        list.add(exact("linear3", LINEAR, 0, 20, "eigenvectors (1,1,1)/3 + (1,0,-1) exp(-t)/2 + (1,-2,1) exp(-3t)/6",
                List.of("u", "v", "w"),
                t -> t.negate().exp().divide(2).add(t.multiply(-3).exp().divide(6)).add(1.0 / 3),
                t -> t.multiply(-3).exp().divide(-3).add(1.0 / 3),
                t -> t.negate().exp().divide(-2).add(t.multiply(-3).exp().divide(6)).add(1.0 / 3)));
        list.add(diffusion("diffusion10", 10));
        list.add(diffusion("diffusion20", 20));
        list.add(diffusion("diffusion32", 32));
        list.add(springs("springs25", 25));
        list.add(bateman("bateman10", 10));

        // ------------------------------------------------------------ classic equations
        list.add(exact("logistic-r3", CLASSIC, 0, 5, "K/(1 + (K/y0 - 1) exp(-r t)), r = 3, K = 2, y0 = 0.05", List.of("y"),
                t -> t.multiply(-3).exp().multiply(2 / 0.05 - 1).add(1).reciprocal().multiply(2)));
        list.add(exact("riccati-tan", CLASSIC, 0, 1.3, "tan x", List.of("y"), UnivariateDerivative1::tan));
        list.add(exact("bernoulli", CLASSIC, 0, 1.5, "exp(-x)/(2 - x)", List.of("y"), x -> x.negate().exp().divide(constant(2).subtract(x))));
        list.add(integrated("airy", CLASSIC, -6, 1, 0, new double[] {0.355028053887817239, -0.258819403792806798},
                (x, y) -> new double[] {y[1], x * y[0]}, List.of("y"), 0));
        list.add(exact("lagaris2-long", CLASSIC, 0, 10, "exp(-x/5) sin x", List.of("y"), x -> x.divide(-5).exp().multiply(x.sin())));
        list.add(exact("third-order", CLASSIC, 0, 5, "(exp(-x) + cos x + sin x)/2", List.of("y"),
                x -> x.negate().exp().add(x.cos()).add(x.sin()).divide(2)));
        list.add(exact("dae-index1", CLASSIC, 0, 2, "y = 1/(1+x), z = 1/(1+x)^2", List.of("y", "z"),
                x -> x.add(1).reciprocal(), x -> x.add(1).pow(-2)));
        return list;
    }

    // ---------------------------------------------------------------- builders

    @SafeVarargs
    static CorpusProblem exact(String name, String family, double lower, double upper, String description, List<String> unknowns,
            UnaryOperator<UnivariateDerivative1>... solution) {
        if (solution.length != unknowns.size()) {
            throw new IllegalArgumentException(name + ": " + unknowns.size() + " unknowns, " + solution.length + " solutions");
        }
        List<UnaryOperator<UnivariateDerivative1>> functions = List.of(solution);
        return new CorpusProblem(name, family, unknowns, lower, upper, () -> new ExactReference(description, functions));
    }

    static CorpusProblem integrated(String name, String family, double lower, double upper, double start, double[] initial,
            IntegratedReference.Rhs rhs, List<String> unknowns, int... valueIndex) {
        if (valueIndex.length != unknowns.size()) {
            throw new IllegalArgumentException(name + ": " + unknowns.size() + " unknowns, " + valueIndex.length + " indices");
        }
        return new CorpusProblem(name, family, unknowns, lower, upper,
                () -> new IntegratedReference("hand-written right-hand side", rhs, lower, upper, start, initial, valueIndex));
    }

    /** POLL's rate constants k1 … k25. */
    private static final double[] POLLUTION_RATES = {0.35, 0.266e2, 0.123e5, 0.86e-3, 0.82e-3, 0.15e5, 0.13e-3, 0.24e5, 0.165e5, 0.9e4, 0.22e-1, 0.12e5, 0.188e1, 0.163e5, 0.48e7, 0.35e-3, 0.175e-1, 0.1e9, 0.444e12, 0.124e4, 0.21e1, 0.578e1, 0.474e-1, 0.178e4, 0.312e1};

    private static double[] pollutionInitial() {
        double[] y = new double[20];
        y[1] = 0.2;
        y[3] = 0.04;
        y[6] = 0.1;
        y[7] = 0.3;
        y[8] = 0.01;
        y[16] = 0.007;
        return y;
    }

    /** POLL's right-hand side, written out from the reaction list (not from the .ode file's equations). */
    static double[] pollution(double t, double[] y) {
        double[] K = POLLUTION_RATES;
        double[] r = {
            K[0]*y[0],
            K[1]*y[1]*y[3],
            K[2]*y[4]*y[1],
            K[3]*y[6],
            K[4]*y[6],
            K[5]*y[6]*y[5],
            K[6]*y[8],
            K[7]*y[8]*y[5],
            K[8]*y[10]*y[1],
            K[9]*y[10]*y[0],
            K[10]*y[12],
            K[11]*y[9]*y[1],
            K[12]*y[13],
            K[13]*y[0]*y[5],
            K[14]*y[2],
            K[15]*y[3],
            K[16]*y[3],
            K[17]*y[15],
            K[18]*y[15],
            K[19]*y[16]*y[5],
            K[20]*y[18],
            K[21]*y[18],
            K[22]*y[0]*y[3],
            K[23]*y[18]*y[0],
            K[24]*y[19]
        };
        double[] dy = new double[20];
        dy[0] = -r[0] - r[9] - r[13] - r[22] - r[23] + r[1] + r[2] + r[8] + r[10] + r[11] + r[21] + r[24];
        dy[1] = -r[1] - r[2] - r[8] - r[11] + r[0] + r[20];
        dy[2] = -r[14] + r[0] + r[16] + r[18] + r[21];
        dy[3] = -r[1] - r[15] - r[16] - r[22] + r[14];
        dy[4] = -r[2] + 2*r[3] + r[5] + r[6] + r[12] + r[19];
        dy[5] = -r[5] - r[7] - r[13] - r[19] + r[2] + 2*r[17];
        dy[6] = -r[3] - r[4] - r[5] + r[12];
        dy[7] = r[3] + r[4] + r[5] + r[6];
        dy[8] = -r[6] - r[7];
        dy[9] = -r[11] + r[6] + r[8];
        dy[10] = -r[8] - r[9] + r[7] + r[10];
        dy[11] = r[8];
        dy[12] = -r[10] + r[9];
        dy[13] = -r[12] + r[11];
        dy[14] = r[13];
        dy[15] = -r[17] - r[18] + r[15];
        dy[16] = -r[19];
        dy[17] = r[19];
        dy[18] = -r[20] - r[21] - r[23] + r[22] + r[24];
        dy[19] = -r[24] + r[23];
        return dy;
    }

    /** Lorenz (HNW I.16): sigma = 10, r = 28, b = 8/3, y(0) = (-8, 8, 27). */
    private static CorpusProblem lorenz(String name, double end) {
        return integrated(name, NON_STIFF, 0, end, 0, new double[] {-8, 8, 27},
                (t, y) -> new double[] {10 * (y[1] - y[0]), y[0] * (28 - y[2]) - y[1], y[0] * y[1] - 8.0 / 3 * y[2]},
                List.of("x", "y", "z"), 0, 1, 2);
    }

    /** Pleiades (HNW I, II.10): seven bodies, masses m_i = i; state (x_1..7, y_1..7, x_1..7', y_1..7'). */
    private static CorpusProblem pleiades() {
        double[] x0 = {3, 3, -1, -3, 2, -2, 2};
        double[] y0 = {3, -3, 2, 0, 0, -4, 4};
        double[] vx0 = {0, 0, 0, 0, 0, 1.75, -1.5};
        double[] vy0 = {0, 0, 0, -1.25, 1, 0, 0};
        double[] initial = new double[28];
        System.arraycopy(x0, 0, initial, 0, 7);
        System.arraycopy(y0, 0, initial, 7, 7);
        System.arraycopy(vx0, 0, initial, 14, 7);
        System.arraycopy(vy0, 0, initial, 21, 7);
        IntegratedReference.Rhs rhs = (t, s) -> {
            double[] d = new double[28];
            System.arraycopy(s, 14, d, 0, 14);
            for (int i = 0; i < 7; i++) {
                double ax = 0;
                double ay = 0;
                for (int j = 0; j < 7; j++) {
                    if (j != i) {
                        double dx = s[j] - s[i];
                        double dy = s[7 + j] - s[7 + i];
                        double r3 = Math.pow(dx * dx + dy * dy, 1.5);
                        ax += (j + 1) * dx / r3;
                        ay += (j + 1) * dy / r3;
                    }
                }
                d[14 + i] = ax;
                d[21 + i] = ay;
            }
            return d;
        };
        List<String> unknowns = new ArrayList<>();
        int[] index = new int[14];
        for (int i = 0; i < 7; i++) {
            unknowns.add("x" + (i + 1));
            unknowns.add("y" + (i + 1));
            index[2 * i] = i;
            index[2 * i + 1] = 7 + i;
        }
        return integrated("pleiades", NON_STIFF, 0, 1, 0, initial, rhs, unknowns, index);
    }

    /**
     * The Kepler orbit of eccentricity e with semi-major axis 1 and unit gravitational parameter,
     * from the pericentre: E - e sin E = t, q1 = cos E - e, q2 = sqrt(1 - e^2) sin E.
     */
    private static CorpusProblem kepler(String name, double e) {
        double b = Math.sqrt(1 - e * e);
        return exact(name, NON_STIFF, 0, 2 * Math.PI, "Kepler's equation E - e sin E = t by Newton, e = " + e, List.of("q1", "q2"),
                t -> eccentricAnomaly(t, e).cos().subtract(e), t -> eccentricAnomaly(t, e).sin().multiply(b));
    }

    /** E(t) with E - e sin E = t, and dE/dt = 1/(1 - e cos E): safeguarded Newton on the monotone function. */
    static UnivariateDerivative1 eccentricAnomaly(UnivariateDerivative1 t, double e) {
        double mean = t.getValue();
        double low = mean - e;
        double high = mean + e;
        double anomaly = mean + e * Math.sin(mean);
        for (int i = 0; i < 100; i++) {
            double f = anomaly - e * Math.sin(anomaly) - mean;
            if (f > 0) {
                high = Math.min(high, anomaly);
            } else {
                low = Math.max(low, anomaly);
            }
            double next = anomaly - f / (1 - e * Math.cos(anomaly));
            if (!(next > low && next < high)) {
                next = (low + high) / 2;
            }
            if (Math.abs(next - anomaly) <= 1e-16 * Math.max(1, Math.abs(anomaly))) {
                anomaly = next;
                break;
            }
            anomaly = next;
        }
        return new UnivariateDerivative1(anomaly, t.getFirstDerivative() / (1 - e * Math.cos(anomaly)));
    }

    /** The rigid body's exact solution: component 0, 1, 2 = sn, cn, dn of (t | m). */
    private static UnivariateDerivative1 jacobi(UnivariateDerivative1 t, double m, int component) {
        JacobiElliptic elliptic = JacobiEllipticBuilder.build(m);
        CopolarN v = elliptic.valuesN(t.getValue());
        double dt = t.getFirstDerivative();
        return switch (component) {
            case 0 -> new UnivariateDerivative1(v.sn(), v.cn() * v.dn() * dt);
            case 1 -> new UnivariateDerivative1(v.cn(), -v.sn() * v.dn() * dt);
            default -> new UnivariateDerivative1(v.dn(), -m * v.sn() * v.cn() * dt);
        };
    }

    private static double bessel(int order, double x) {
        if (x == 0) {
            return order == 0 ? 1 : 0;
        }
        return BesselJ.value(order, x);
    }

    /** sin(x)/x, by its Taylor series near 0 where the quotient loses accuracy. */
    static UnivariateDerivative1 sinc(UnivariateDerivative1 x) {
        if (Math.abs(x.getValue()) < 1e-3) {
            UnivariateDerivative1 x2 = x.multiply(x);
            // 1 - x^2/6 + x^4/120 - x^6/5040 + x^8/362880
            return constant(1).subtract(x2.divide(6)).add(x2.pow(2).divide(120)).subtract(x2.pow(3).divide(5040))
                    .add(x2.pow(4).divide(362880));
        }
        return x.sin().divide(x);
    }

    /** Bratu (lower branch): y = -2 log(cosh((x - 1/2) th/2)/cosh(th/4)), th = sqrt(2 lam) cosh(th/4). */
    private static CorpusProblem bratu(String name, double lambda) {
        double theta = 0; // Newton from 0 converges monotonically to the smaller root (the function is concave)
        for (int i = 0; i < 100; i++) {
            double f = theta - Math.sqrt(2 * lambda) * Math.cosh(theta / 4);
            double step = f / (1 - Math.sqrt(2 * lambda) * Math.sinh(theta / 4) / 4);
            theta -= step;
            if (Math.abs(step) < 1e-16 * theta) {
                break;
            }
        }
        double th = theta;
        return exact(name, BVP, 0, 1, "-2 log(cosh((x - 1/2) th/2)/cosh(th/4)), th = " + th + ", lambda = " + lambda, List.of("y"),
                x -> x.subtract(0.5).multiply(th / 2).cosh().divide(Math.cosh(th / 4)).log().multiply(-2));
    }

    /**
     * Troesch: y'' = lam sinh(lam y), y(0) = 0, y(1) = 1, by shooting on s = y'(0): y(1; s) grows
     * with s, and too large an s blows up before x = 1; bisection to the last bit, then one
     * integration with dense output.
     */
    private static CorpusProblem troesch(String name, double lambda) {
        IntegratedReference.Rhs rhs = (x, y) -> new double[] {y[1], lambda * Math.sinh(lambda * y[0])};
        return new CorpusProblem(name, BVP, List.of("y"), 0, 1, () -> {
            double s = shoot(rhs, 0, 1, 0, 1, 0, 10);
            return new IntegratedReference("shooting on y'(0) = " + s + ", hand-written right-hand side", rhs, 0, 1, 0,
                    new double[] {0, s}, 0);
        });
    }

    /** The slope s in [low, high] with y(b; y(a) = ya, y'(a) = s) = yb, for y(b) increasing in s. */
    static double shoot(IntegratedReference.Rhs rhs, double a, double b, double ya, double yb, double low, double high) {
        for (int i = 0; i < 200 && high - low > Math.ulp(high); i++) {
            double middle = (low + high) / 2;
            if (endValue(rhs, a, b, ya, middle) > yb) {
                high = middle;
            } else {
                low = middle;
            }
        }
        double s = (low + high) / 2;
        double miss = endValue(rhs, a, b, ya, s) - yb;
        if (!(Math.abs(miss) < 1e-9)) {
            throw new IllegalStateException("shooting did not hit the boundary value: off by " + miss);
        }
        return s;
    }

    /** y(b) from y(a) = ya, y'(a) = s; +infinity when the solution blows up first. */
    private static double endValue(IntegratedReference.Rhs rhs, double a, double b, double ya, double s) {
        DormandPrince853Integrator integrator =
                new DormandPrince853Integrator(1e-16, b - a, IntegratedReference.TOLERANCE, IntegratedReference.TOLERANCE);
        try {
            double end = integrator.integrate(new OrdinaryDifferentialEquation() {
                @Override
                public int getDimension() {
                    return 2;
                }

                @Override
                public double[] computeDerivatives(double t, double[] y) {
                    return rhs.derivative(t, y);
                }
            }, new ODEState(a, new double[] {ya, s}), b).getPrimaryState()[0];
            return Double.isNaN(end) ? Double.POSITIVE_INFINITY : end;
        } catch (RuntimeException blowUp) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** The initial profile of the chains (as bench/corpus_gen.py writes it): 1 for i ≤ n/2, else 0. */
    static double step(int i, int n) {
        return i <= n / 2 ? 1 : 0;
    }

    /** Sine-mode coefficients c_k = 2/(n+1) sum_i u_i(0) sin(k i pi/(n+1)) of the chains' initial profile. */
    private static double[] modes(int n) {
        double[] c = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                sum += step(i, n) * Math.sin(k * i * Math.PI / (n + 1));
            }
            c[k] = 2.0 / (n + 1) * sum;
        }
        return c;
    }

    /** u_i' = u_(i-1) - 2 u_i + u_(i+1), u_0 = u_(n+1) = 0: sum_k c_k exp(-4 sin^2(k pi/(2(n+1))) t) sin(k i pi/(n+1)). */
    static CorpusProblem diffusion(String name, int n) {
        double[] c = modes(n);
        List<String> unknowns = new ArrayList<>();
        List<UnaryOperator<UnivariateDerivative1>> solution = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int row = i;
            unknowns.add("u" + i);
            solution.add(t -> {
                double value = 0;
                double slope = 0;
                for (int k = 1; k <= n; k++) {
                    double s = Math.sin(k * Math.PI / (2 * (n + 1)));
                    double rate = -4 * s * s;
                    double term = c[k] * Math.exp(rate * t.getValue()) * Math.sin(k * row * Math.PI / (n + 1));
                    value += term;
                    slope += rate * term;
                }
                return new UnivariateDerivative1(value, slope * t.getFirstDerivative());
            });
        }
        return new CorpusProblem(name, LINEAR, unknowns, 0, 5, () -> new ExactReference(
                "sum of " + n + " sine modes (discrete sine transform of the initial step)", solution));
    }

    /** u_i'' = u_(i-1) - 2 u_i + u_(i+1), at rest: sum_k c_k cos(2 sin(k pi/(2(n+1))) t) sin(k i pi/(n+1)). */
    private static CorpusProblem springs(String name, int n) {
        double[] c = modes(n);
        List<String> unknowns = new ArrayList<>();
        List<UnaryOperator<UnivariateDerivative1>> solution = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int row = i;
            unknowns.add("u" + i);
            solution.add(t -> {
                double value = 0;
                double slope = 0;
                for (int k = 1; k <= n; k++) {
                    double omega = 2 * Math.sin(k * Math.PI / (2 * (n + 1)));
                    double shape = c[k] * Math.sin(k * row * Math.PI / (n + 1));
                    value += shape * Math.cos(omega * t.getValue());
                    slope -= shape * omega * Math.sin(omega * t.getValue());
                }
                return new UnivariateDerivative1(value, slope * t.getFirstDerivative());
            });
        }
        return new CorpusProblem(name, LINEAR, unknowns, 0, 5, () -> new ExactReference(
                "sum of " + n + " normal modes (discrete sine transform of the initial step)", solution));
    }

    /** Bateman's decay chain: u_1' = -k_1 u_1, u_i' = k_(i-1) u_(i-1) - k_i u_i, k_i = 0.3 i, u(0) = e_1. */
    private static CorpusProblem bateman(String name, int n) {
        double[] k = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            k[i] = 3 * i / 10.0;
        }
        double[] initial = new double[n];
        initial[0] = 1;
        List<String> unknowns = new ArrayList<>();
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            unknowns.add("u" + (i + 1));
            index[i] = i;
        }
        return integrated(name, LINEAR, 0, 10, 0, initial, (t, u) -> {
            double[] d = new double[n];
            d[0] = -k[1] * u[0];
            for (int i = 1; i < n; i++) {
                d[i] = k[i] * u[i - 1] - k[i + 1] * u[i];
            }
            return d;
        }, unknowns, index);
    }

    /** For tests: the names, in order. */
    public static List<String> names() {
        return PROBLEMS.stream().map(CorpusProblem::name).toList();
    }
}
