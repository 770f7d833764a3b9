package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published estimates on the CDNOW sample (Fader, Hardie and Lee 2005), to the printed
 * precision, with the conventions of src/test/resources/cdnow/README.md.
 */
class CdnowGoldenNumbersTest {
  private static Cohort cohort;
  private static BgNbd bgNbd;
  private static GammaGamma gammaGamma;

  @BeforeAll
  static void fit() {
    cohort = Cdnow.cohort();
    bgNbd = BgNbd.fit(cohort);
    gammaGamma = GammaGamma.fit(cohort);
  }

  @Test
  void cohortCountsRepeatPurchasesAsDistinctDays() {
    assertEquals(2357, cohort.customers().size());
    assertEquals(2457, cohort.customers().stream().mapToInt(PurchaseHistory::repeatPurchases).sum());
    assertEquals(946, cohort.customers().stream().filter(c -> c.repeatPurchases() > 0).count());
    assertEquals(39.0, cohort.holdoutPeriods());
  }

  @Test
  void firstCustomersSummaryFollowsTheConventions() {
    PurchaseHistory first = cohort.customers().get(0);

    assertEquals("0001", first.customerId());
    assertEquals(2, first.repeatPurchases());
    assertEquals(30.43, first.recency(), 0.005);
    assertEquals(38.86, first.age(), 0.005);
    assertEquals(22.345, first.meanRepeatSpend(), 1e-9);
  }

  @Test
  void bgNbdReproducesThePublishedEstimates() {
    assertEquals(0.243, bgNbd.r(), 0.0005);
    assertEquals(4.414, bgNbd.alpha(), 0.0005);
    assertEquals(0.793, bgNbd.a(), 0.0005);
    assertEquals(2.426, bgNbd.b(), 0.0005);
    assertEquals(-9582.43, bgNbd.logLikelihood(), 0.005);
    assertNull(bgNbd.boundary(), bgNbd.boundary());
  }

  @Test
  void gammaGammaReproducesThePublishedEstimates() {
    assertEquals(946, gammaGamma.customers());
    assertEquals(6.25, gammaGamma.p(), 0.005);
    assertEquals(3.74, gammaGamma.q(), 0.005);
    assertEquals(15.44, gammaGamma.gamma(), 0.005);
  }

  @Test
  void conditionalExpectationOfTheFirstCustomer() {
    // x = 2, t_x = 30.43, T = 38.86: about 1.23 purchases in the 39 holdout weeks.
    PurchaseHistory first = cohort.customers().get(0);
    double closedForm = bgNbd.expectedPurchases(39, first.repeatPurchases(), first.recency(), first.age());

    assertEquals(1.226, closedForm, 0.001);
    assertEquals(closedForm, bgNbd.integratedExpectation(39, first.repeatPurchases(), first.recency(), first.age()), 1e-6,
        "the hypergeometric closed form and the numerical integral are the same expectation");
  }

  @Test
  void publishedParametersForecastLikeTheFittedOnes() {
    BgNbd published = BgNbd.of(0.243, 4.414, 0.793, 2.426);
    GammaGamma publishedSpend = GammaGamma.of(6.25, 3.74, 15.44);

    assertEquals(bgNbd.expectedPurchases(39, 2, 30.43, 38.86), published.expectedPurchases(39, 2, 30.43, 38.86), 0.002);
    assertEquals(gammaGamma.expectedSpend(2, 22.345), publishedSpend.expectedSpend(2, 22.345), 0.01);
  }

  @Test
  void probabilityAliveFallsWithTimeSinceTheLastPurchase() {
    double recent = bgNbd.probabilityAlive(5, 38, 38.86);
    double longAgo = bgNbd.probabilityAlive(5, 5, 38.86);

    assertEquals(1.0, bgNbd.probabilityAlive(0, 0, 38.86), "without a repeat there has been no chance to drop out");
    assertTrue(recent > 0.8 && longAgo < 0.1, "recent " + recent + ", long ago " + longAgo);
  }

  @Test
  void noPurchaseProbabilityIsAProbabilityThatShrinksWithTheHorizon() {
    double week = bgNbd.probabilityOfNoPurchase(1, 3, 30, 38.86);
    double year = bgNbd.probabilityOfNoPurchase(52, 3, 30, 38.86);

    assertTrue(week > year && year > 0 && week < 1, "one week " + week + ", one year " + year);
  }

  @Test
  void expectedSpendShrinksAnOwnMeanTowardThePopulationMean() {
    double population = gammaGamma.p() * gammaGamma.gamma() / (gammaGamma.q() - 1);

    assertEquals(population, gammaGamma.expectedSpend(0, 0), 1e-9);
    double oneRepeat = gammaGamma.expectedSpend(1, 100);
    double tenRepeats = gammaGamma.expectedSpend(10, 100);
    assertTrue(population < oneRepeat && oneRepeat < tenRepeats && tenRepeats < 100,
        population + " < " + oneRepeat + " < " + tenRepeats + " < 100");
  }
}
