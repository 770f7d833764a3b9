package dev.customerlens.clv;

import java.util.HashMap;
import java.util.Map;

/**
 * Lifetime value's discounted purchases ({@link ForecastOptions#discountedPurchases}) under one
 * fitted purchase curve, worked out once per purchase summary (x, t_x, T): customers who share one
 * share the month-by-month curve, the costly part of their lifetime value (where the BG/NBD's
 * closed form fails, each month is a numerical integral). One per pass over a cohort's customers.
 */
final class DiscountedPurchases {
  /** Expected purchases in the next {@code t} periods of a customer with summary (x, t_x, T). */
  interface Curve {
    double expectedPurchases(double t, int x, double tx, double age);
  }

  private record Summary(int x, double tx, double age) {}

  private final ForecastOptions options;
  private final double periodDays;
  private final Curve curve;
  private final Map<Summary, Double> known = new HashMap<>();

  DiscountedPurchases(ForecastOptions options, double periodDays, Curve curve) {
    this.options = options;
    this.periodDays = periodDays;
    this.curve = curve;
  }

  double of(PurchaseHistory c) {
    return known.computeIfAbsent(new Summary(c.repeatPurchases(), c.recency(), c.age()), s -> options.discountedPurchases(
        days -> curve.expectedPurchases(days / periodDays, s.x(), s.tx(), s.age())));
  }
}
