package dev.customerlens.clv;

import java.util.Objects;

/**
 * One customer's forecast from a fitted {@link RepeatPurchaseModel}, as of the calibration end.
 *
 * @param asOf the forecast date (the calibration end), ISO-8601
 * @param repeatPurchases x: purchase days after the first, up to {@code asOf}
 * @param daysSinceLastPurchase days from the last purchase day to {@code asOf}
 * @param daysSinceFirstPurchase days from the first purchase day to {@code asOf}
 * @param probabilityAlive P(alive); null when the fit found no dropout, because it would be 1 for
 *     everyone and say nothing about churn
 * @param expectedPurchases expected purchase days in the next {@code horizonDays}
 * @param churnRisk the probability of no purchase in the next {@code horizonDays}, under the model
 * @param expectedSpendPerPurchase Gamma-Gamma expected amount per purchase day; null without a spend model
 * @param clv expected purchases × expected spend over {@code clvDays}, discounted month by month at
 *     {@code annualDiscountRate}; null without a spend model
 */
public record CustomerForecast(String customerId, String asOf, int repeatPurchases, int daysSinceLastPurchase,
    int daysSinceFirstPurchase, Double probabilityAlive, double expectedPurchases, double churnRisk,
    Double expectedSpendPerPurchase, Double clv, int horizonDays, int clvDays, double annualDiscountRate) {
  public CustomerForecast {
    Objects.requireNonNull(customerId, "customerId");
    if (!(churnRisk >= 0 && churnRisk <= 1)) throw new IllegalArgumentException("churnRisk must be a probability, was " + churnRisk);
    if (!(expectedPurchases >= 0)) throw new IllegalArgumentException("expectedPurchases must not be negative");
  }
}
