package dev.customerlens.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DriftTest {
  private static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  @Test
  void theSameDistributionInBothPeriodsHasAPsiOfZero() {
    assertEquals(0.0, Drift.psi(ONE_TO_TEN, ONE_TO_TEN.clone()), 1e-12);
  }

  @Test
  void psiSumsTheShareChangeTimesTheLogRatioOverTheEarlierPeriodsDeciles() {
    // Deciles of 1..10 (type 7): 1.9, 2.8, ..., 9.1, so each earlier value is a bin of its own: 0.1 each.
    // Later: five 1s (bin 1: 0.5), then 2..6 (bins 2-6: 0.1 each), bins 7-10 empty (taken as 0.0001).
    // PSI = (0.5 − 0.1) ln(0.5 / 0.1) + 4 × (0.0001 − 0.1) ln(0.0001 / 0.1)
    //     = 0.4 × 1.6094379 + 4 × 0.0999 × 6.9077553 = 0.6437752 + 2.7603390 = 3.4041142
    double[] later = {1, 1, 1, 1, 1, 2, 3, 4, 5, 6};
    assertEquals(3.4041142, Drift.psi(ONE_TO_TEN, later), 1e-6);
  }

  @Test
  void missingValuesAreABinOfTheirOwn() {
    // Earlier: 1, 2 and two missing → bins {1}: 0.25, {2}: 0.25, missing: 0.5 (the deciles of 1, 2 all
    // lie between them, so 1 sits at or below the first cut and 2 above the last).
    // Later: 1, 2, 2, 2 → 0.25, 0.75, missing 0.0001.
    // PSI = 0 + (0.75 − 0.25) ln 3 + (0.0001 − 0.5) ln(0.0001 / 0.5) = 0.5493061 + 4.2577449 = 4.8070510
    double[] earlier = {1, 2, Double.NaN, Double.NaN};
    double[] later = {1, 2, 2, 2};
    assertEquals(4.8070510, Drift.psi(earlier, later), 1e-6);
  }
}
