/**
 * Classical solutions to compare a trained one with: Hipparchus's DormandPrince853 integrator
 * for initial value problems (after solving the equations for the highest derivatives), Radau IIA
 * where that explicit integrator runs out of evaluations (stiff problems), and the same
 * integrators with shooting for boundary value problems.
 */
package org.neuroform.runtime.reference;
