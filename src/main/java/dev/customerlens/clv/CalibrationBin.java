package dev.customerlens.clv;

/**
 * One tenth of the customers, ranked by their forecast probability of buying in the holdout: a
 * well-calibrated forecast has {@code meanPredicted} close to {@code observedRate} in every bin.
 *
 * @param decile 1 (lowest forecasts) to 10 (highest)
 * @param meanPredicted mean forecast probability of a purchase in the holdout
 * @param observedRate share who did buy in the holdout
 * @param meanPredictedPurchases mean forecast number of purchase days in the holdout
 * @param meanActualPurchases mean actual number of purchase days in the holdout
 * @param offByMoreThan10Points whether forecast and observed share differ by more than 10 percentage points
 */
public record CalibrationBin(int decile, int customers, double meanPredicted, double observedRate,
    double meanPredictedPurchases, double meanActualPurchases, boolean offByMoreThan10Points) {
  /** The largest gap between forecast and observed share, in probability, that a decile passes with. */
  public static final double TOLERANCE = 0.10;

  public CalibrationBin {
    if (decile < 1 || decile > 10) throw new IllegalArgumentException("decile runs from 1 to 10, was " + decile);
    if (customers < 1) throw new IllegalArgumentException("a bin needs customers");
  }

  CalibrationBin(int decile, int customers, double meanPredicted, double observedRate, double meanPredictedPurchases,
      double meanActualPurchases) {
    this(decile, customers, meanPredicted, observedRate, meanPredictedPurchases, meanActualPurchases,
        Math.abs(meanPredicted - observedRate) > TOLERANCE);
  }
}
