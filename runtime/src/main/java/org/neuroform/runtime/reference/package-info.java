/**
 * Classical solutions to compare a trained one with: Hipparchus's DormandPrince853 integrator
 * for initial value problems (after solving the equations for the highest derivatives), and the
 * same integrator with shooting for boundary value problems.
 */
package org.neuroform.runtime.reference;
