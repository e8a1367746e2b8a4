package org.neuroform.runtime.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.ode.DenseOutputModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * The stiff reference integrator: its constants against the Radau IIA tableau, and its solutions
 * (at step ends and in between) against exact solutions of stiff and non-stiff problems, against
 * DormandPrince853 on Robertson's kinetics, and its failures where there is no solution.
 */
class RadauIIATest {
    private static RadauIIA.Equations of(int n, Rhs rhs) {
        return (t, y) -> {
            double[] out = new double[n];
            rhs.apply(t, y, out);
            return out;
        };
    }

    private interface Rhs {
        void apply(double t, double[] y, double[] out);
    }

    @Test
    void theTransformationDiagonalisesTheInverseOfTheTableau() {
        double s = Math.sqrt(6);
        double[][] a = {
            {(88 - 7 * s) / 360, (296 - 169 * s) / 1800, (-2 + 3 * s) / 225},
            {(296 + 169 * s) / 1800, (88 + 7 * s) / 360, (-2 - 3 * s) / 225},
            {(16 - s) / 36, (16 + s) / 36, 1.0 / 9}};
        // the nodes are the tableau's row sums
        for (int i = 0; i < 3; i++) {
            assertEquals(RadauIIA.C[i], a[i][0] + a[i][1] + a[i][2], 1e-15);
        }
        // T⁻¹ A⁻¹ T: γ alone, then the rotation-scaling block of α ± iβ
        double[][] inverse = org.hipparchus.linear.MatrixUtils.inverse(org.hipparchus.linear.MatrixUtils.createRealMatrix(a))
                .getData();
        double[][] m = product(product(RadauIIA.TI, inverse), RadauIIA.T);
        double[][] expected = {
            {RadauIIA.GAMMA, 0, 0},
            {0, RadauIIA.ALPHA, -RadauIIA.BETA},
            {0, RadauIIA.BETA, RadauIIA.ALPHA}};
        double[][] identity = product(RadauIIA.T, RadauIIA.TI);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], m[i][j], 1e-13, "T⁻¹A⁻¹T[" + i + "][" + j + "]");
                assertEquals(i == j ? 1 : 0, identity[i][j], 1e-15, "T T⁻¹[" + i + "][" + j + "]");
            }
        }
    }

    private static double[][] product(double[][] a, double[][] b) {
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    @Test
    void proteroRobinsonFollowsItsSmoothSolutionWithLongSteps() {
        // y' = -1e6 (y - cos t) - sin t, y(0) = 1: y = cos t; an explicit method needs steps below 3e-6
        RadauIIA.Trajectory trajectory = RadauIIA.integrate(
                of(1, (t, y, out) -> out[0] = -1e6 * (y[0] - Math.cos(t)) - Math.sin(t)), 0, new double[] {1}, 10, 1e-12,
                1e-12, 1_000_000);
        double worst = 0;
        for (int i = 0; i <= 1000; i++) {
            double t = 10.0 * i / 1000;
            worst = Math.max(worst, Math.abs(trajectory.state(t)[0] - Math.cos(t)));
        }
        assertTrue(worst < 1e-11, "max |y - cos t| = " + worst);
        assertTrue(trajectory.steps() < 2000, trajectory.steps() + " steps");
    }

    @Test
    void aStiffLinearSystemMatchesItsExactSolutionInBetweenSteps() {
        // u' = -1000u + 1000v + ..., eigenvalues 0 and -2000: u + v = 3, u - v = -1·e^{-2000t}
        RadauIIA.Trajectory trajectory = RadauIIA.integrate(of(2, (t, y, out) -> {
            out[0] = -1000 * y[0] + 1000 * y[1];
            out[1] = 1000 * y[0] - 1000 * y[1];
        }), 0, new double[] {1, 2}, 2, 1e-12, 1e-12, 1_000_000);
        double worst = 0;
        for (int i = 0; i <= 2000; i++) {
            double t = 2.0 * i / 2000 + (i < 2000 ? 1e-4 * Math.PI : 0); // off the output grid and the steps
            double d = -Math.exp(-2000 * t);
            double[] y = trajectory.state(t);
            worst = Math.max(worst, Math.max(Math.abs(y[0] - (3 + d) / 2), Math.abs(y[1] - (3 - d) / 2)));
        }
        assertTrue(worst < 1e-11, "max deviation " + worst);
    }

    @Test
    void anOscillatorIsFollowedBothWays() {
        // y'' = -y as (y, y'), y(1) = cos 1, y'(1) = -sin 1: y = cos t on [-4, 6]
        RadauIIA.Equations oscillator = of(2, (t, y, out) -> {
            out[0] = y[1];
            out[1] = -y[0];
        });
        double[] start = {Math.cos(1), -Math.sin(1)};
        RadauIIA.Trajectory forward = RadauIIA.integrate(oscillator, 1, start, 6, 1e-12, 1e-12, 1_000_000);
        RadauIIA.Trajectory backward = RadauIIA.integrate(oscillator, 1, start, -4, 1e-12, 1e-12, 1_000_000);
        double worst = 0;
        for (int i = 0; i <= 1000; i++) {
            double t = -4 + 10.0 * i / 1000;
            double[] y = (t >= 1 ? forward : backward).state(t);
            worst = Math.max(worst, Math.max(Math.abs(y[0] - Math.cos(t)), Math.abs(y[1] + Math.sin(t))));
        }
        assertTrue(worst < 1e-10, "max deviation " + worst);
    }

    @Test
    void robertsonAgreesWithDormandPrince() {
        Rhs robertson = (t, y, out) -> {
            out[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
            out[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
            out[2] = 3e7 * y[1] * y[1];
        };
        double[] start = {1, 0, 0};
        RadauIIA.Trajectory radau = RadauIIA.integrate(of(3, robertson), 0, start, 40, 1e-12, 1e-12, 1_000_000);
        DormandPrince853Integrator explicit = new DormandPrince853Integrator(1e-14, 40, 1e-13, 1e-13);
        explicit.setMaxEvaluations(10_000_000);
        DenseOutputModel model = new DenseOutputModel();
        explicit.addStepHandler(model);
        explicit.integrate(new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 3;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] out = new double[3];
                robertson.apply(t, y, out);
                return out;
            }
        }, new ODEState(0, start), 40);
        double[] worst = new double[3];
        for (int i = 1; i <= 400; i++) {
            double t = 0.1 * i - 0.0371;
            double[] a = radau.state(t);
            double[] b = model.getInterpolatedState(t).getPrimaryState();
            for (int j = 0; j < 3; j++) {
                worst[j] = Math.max(worst[j], Math.abs(a[j] - b[j]));
            }
        }
        // y2 is about 1e-5, held to 2e-6 of its size; y1 and y3 near 1 to 1e-10
        assertTrue(worst[0] < 1e-10 && worst[1] < 2e-11 && worst[2] < 1e-10, "max deviations " + java.util.Arrays.toString(worst));
        assertTrue(radau.steps() < 3000, radau.steps() + " steps");
    }

    @Test
    void aSingularityStopsItWhereItIs() {
        // y' = y², y(0) = 1: y = 1/(1 - t), no solution at t = 1
        ClassicalReference.ReferenceException e = assertThrows(ClassicalReference.ReferenceException.class,
                () -> RadauIIA.integrate(of(1, (t, y, out) -> out[0] = y[0] * y[0]), 0, new double[] {1}, 2, 1e-12, 1e-12,
                        1_000_000));
        assertEquals(1, e.reached(), 1e-3, e.getMessage());
    }

    @Test
    void itGivesUpAfterItsEvaluations() {
        ClassicalReference.ReferenceException e = assertThrows(ClassicalReference.ReferenceException.class,
                () -> RadauIIA.integrate(of(1, (t, y, out) -> out[0] = Math.cos(100 * t)), 0, new double[] {0}, 1000, 1e-12,
                        1e-12, 2_000));
        assertTrue(e.getMessage().contains("2000 evaluations"), e.getMessage());
        assertTrue(e.reached() < 1000, e.getMessage());
    }
}
