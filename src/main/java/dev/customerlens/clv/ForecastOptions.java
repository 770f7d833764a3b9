package dev.customerlens.clv;

import java.util.function.DoubleUnaryOperator;

/**
 * What a forecast covers.
 *
 * @param horizonDays the window for expected purchases and for churn risk, the probability of no
 *     purchase in it
 * @param clvDays how far lifetime value looks ahead
 * @param annualDiscountRate what a sum a year away is worth less than the same sum today, such as 0.10
 */
public record ForecastOptions(int horizonDays, int clvDays, double annualDiscountRate) implements java.io.Serializable {
  /** Lifetime value is summed a month at a time. */
  private static final int CLV_STEP_DAYS = 30;

  public ForecastOptions {
    if (horizonDays < 1) throw new IllegalArgumentException("horizonDays must be at least 1, was " + horizonDays);
    if (clvDays < 1) throw new IllegalArgumentException("clvDays must be at least 1, was " + clvDays);
    if (!(annualDiscountRate >= 0)) throw new IllegalArgumentException("annualDiscountRate must not be negative");
  }

  /**
   * Expected purchases month by month over the lifetime-value horizon, each month's discounted to the
   * forecast date: {@code purchasesBy} gives the expected purchases from the forecast date up to a
   * number of days after it.
   */
  public double discountedPurchases(DoubleUnaryOperator purchasesBy) {
    int steps = Math.max(1, (int) Math.round((double) clvDays / CLV_STEP_DAYS));
    double stepDays = (double) clvDays / steps;
    double total = 0;
    double before = 0;
    for (int k = 1; k <= steps; k++) {
      double days = k * stepDays;
      double upTo = purchasesBy.applyAsDouble(days);
      total += (upTo - before) / Math.pow(1 + annualDiscountRate, days / 365);
      before = upTo;
    }
    return total;
  }

  /** 90 days ahead; lifetime value over three years at 10% a year, as the profile-based predictor states it. */
  public static ForecastOptions defaults() {
    return new ForecastOptions(90, 3 * 365, 0.10);
  }
}
