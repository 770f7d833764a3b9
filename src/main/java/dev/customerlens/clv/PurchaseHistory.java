package dev.customerlens.clv;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One customer's purchases, summarised the way repeat-purchase models read them. Purchases are
 * counted as distinct days: several purchases on one day are one purchase (their amounts added),
 * and the first day is the customer's birth, not a repeat. Times are in periods of the cohort's
 * {@code periodDays} (weeks by default).
 *
 * @param firstPurchase the first purchase day
 * @param repeatPurchases x: purchase days after the first, up to the calibration end
 * @param recency t_x: from the first purchase day to the last repeat day, 0 without repeats
 * @param age T: from the first purchase day to the calibration end
 * @param meanRepeatSpend z̄: mean amount per repeat purchase day, 0 without repeats
 * @param holdoutPurchases purchase days after the calibration end, up to the holdout end
 * @param holdoutSpend amount spent in the holdout
 */
public record PurchaseHistory(String customerId, LocalDate firstPurchase, int repeatPurchases, double recency,
    double age, double meanRepeatSpend, int holdoutPurchases, double holdoutSpend) {
  public PurchaseHistory {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(firstPurchase, "firstPurchase");
    if (repeatPurchases < 0 || holdoutPurchases < 0) throw new IllegalArgumentException("purchase counts cannot be negative");
    if (!(recency >= 0 && recency <= age)) {
      throw new IllegalArgumentException("recency " + recency + " must lie from 0 to the age " + age);
    }
    if (repeatPurchases == 0 && recency != 0) throw new IllegalArgumentException("without repeats recency is 0");
  }
}
