package dev.customerlens.clv;

/**
 * What a forecast covers.
 *
 * @param horizonDays the window for expected purchases and for churn risk, the probability of no
 *     purchase in it
 * @param clvDays how far lifetime value looks ahead
 * @param annualDiscountRate what a sum a year away is worth less than the same sum today, such as 0.10
 */
public record ForecastOptions(int horizonDays, int clvDays, double annualDiscountRate) implements java.io.Serializable {
  public ForecastOptions {
    if (horizonDays < 1) throw new IllegalArgumentException("horizonDays must be at least 1, was " + horizonDays);
    if (clvDays < 1) throw new IllegalArgumentException("clvDays must be at least 1, was " + clvDays);
    if (!(annualDiscountRate >= 0)) throw new IllegalArgumentException("annualDiscountRate must not be negative");
  }

  /** 90 days ahead; lifetime value over three years at 10% a year, as the profile-based predictor states it. */
  public static ForecastOptions defaults() {
    return new ForecastOptions(90, 3 * 365, 0.10);
  }
}
