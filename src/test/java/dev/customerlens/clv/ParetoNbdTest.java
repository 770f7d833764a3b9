package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Pareto/NBD against the published CDNOW estimates and hand-worked integrals. */
class ParetoNbdTest {
  @Test
  void cdnowFitReproducesThePublishedEstimates() {
    // Fader, Hardie and Lee's note on the Pareto/NBD: r = 0.55, alpha = 10.58, s = 0.61, beta = 11.67, LL = -9595.0.
    ParetoNbd fit = ParetoNbd.fit(Cdnow.cohort().customers());

    assertEquals(0.55, fit.r(), 0.01);
    assertEquals(10.58, fit.alpha(), 0.05);
    assertEquals(0.61, fit.s(), 0.01);
    assertEquals(11.67, fit.beta(), 0.05);
    assertEquals(-9595.0, fit.logLikelihood(), 0.5);
    assertTrue(fit.dropoutIdentified());
  }

  @Test
  void integralOfOnePowerMatchesItsClosedForm() {
    // With k = 0 the integrand is (alpha + tau)^-m, whose integral from a to b is
    // ((alpha + a)^(1 - m) - (alpha + b)^(1 - m)) / (m - 1): for m = 3, alpha = 1, a = 0, b = 1, that is (1 - 1/4) / 2.
    assertEquals(Math.log(0.375), ParetoNbd.logIntegral(3, 1, 0, 5, 0, 1), 1e-10);
    // A steep one: m = 60 over [0, 9], (1 - 10^-59) / 59.
    assertEquals(Math.log(1 / 59.0), ParetoNbd.logIntegral(60, 1, 0, 5, 0, 9), 1e-9);
  }

  @Test
  void customerWithoutRepeatsIsLessLikelyAliveTheLongerAgo() {
    ParetoNbd model = ParetoNbd.of(0.55, 10.58, 0.61, 11.67);

    assertTrue(model.probabilityAlive(0, 0, 10) > model.probabilityAlive(0, 0, 30));
    assertTrue(model.probabilityAlive(5, 30, 32) > model.probabilityAlive(5, 2, 32));
  }

  @Test
  void noPurchaseProbabilityAndExpectationAgree() {
    ParetoNbd model = ParetoNbd.of(0.55, 10.58, 0.61, 11.67);
    double none = model.probabilityOfNoPurchase(39, 2, 30, 38);
    double expected = model.expectedPurchases(39, 2, 30, 38);

    assertTrue(none > 0 && none < 1, "P(none) " + none);
    // At least one purchase is no more likely than the expected count, and no purchase in no time is certain.
    assertTrue(1 - none <= expected, (1 - none) + " vs " + expected);
    assertEquals(1, model.probabilityOfNoPurchase(0, 2, 30, 38), 1e-12);
  }
}
