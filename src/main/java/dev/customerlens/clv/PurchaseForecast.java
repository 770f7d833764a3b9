package dev.customerlens.clv;

import java.util.Objects;

/**
 * One customer's forecast from {@link Forecasts}: what the chosen forecast expects over the next
 * {@link Forecasts#horizonDays()} days after {@link Forecasts#asOf()}.
 *
 * @param purchaseProbability P(at least one purchase in the horizon)
 * @param expectedPurchases expected purchase days in the horizon
 * @param expectedSpend expected spend in the horizon; null without a spend model
 * @param clv expected spend over the lifetime-value horizon, discounted; null without a spend model
 * @param churnRisk P(no purchase in the horizon) = 1 − purchaseProbability
 * @param probabilityAlive the BG/NBD's P(alive); null where its fit found no dropout, since it would be 1 for everyone
 * @param model the forecast that made these numbers
 */
public record PurchaseForecast(String customerId, double purchaseProbability, double expectedPurchases,
    Double expectedSpend, Double clv, double churnRisk, Double probabilityAlive, String model) {
  public PurchaseForecast {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(model, "model");
    if (!(purchaseProbability >= 0 && purchaseProbability <= 1)) {
      throw new IllegalArgumentException("purchaseProbability must be a probability, was " + purchaseProbability);
    }
    if (!(expectedPurchases >= 0)) throw new IllegalArgumentException("expectedPurchases must not be negative");
  }
}
