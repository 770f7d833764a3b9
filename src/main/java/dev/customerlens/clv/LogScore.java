package dev.customerlens.clv;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One customer's scores from a log's forecasts ({@link ForecastFit#scores}): what the profile
 * scores of a customer table are for its customers, made from what the customer did.
 *
 * @param currentValue the customer's spend in the log so far
 * @param probabilityAlive the BG/NBD's P(alive); NaN where its fit found no dropout, or without a purchase
 * @param churnRisk P(no purchase over the forecast's horizon) by the chosen forecast
 * @param purchaseProbability P(a purchase in the next {@value ForecastFit#PURCHASE_DAYS} days) under the BG/NBD
 * @param expectedAnnualValue the BG/NBD's purchase days in the next year × spend per purchase day
 * @param clv lifetime value by the chosen forecast
 * @param expectedPurchases purchase days over the forecast's horizon by the chosen forecast
 * @param expectedSpend spend over the forecast's horizon by the chosen forecast
 * @param factors what the BG/NBD read for this customer
 * @param model the forecast used; empty without a purchase
 */
public record LogScore(String customerId, double currentValue, double probabilityAlive, double churnRisk, double purchaseProbability,
    double expectedAnnualValue, double clv, double expectedPurchases, double expectedSpend, String factors,
    String model) implements Serializable {
  public static final String NO_PURCHASE = "no purchase yet: nothing to forecast from";
  /** The column naming the forecast used: the one column of text. */
  public static final String MODEL = "forecast_model";
  /** The columns of a log's scores beside the profile scores' layout, over the forecast's {@value ForecastFit#HORIZON_DAYS} days. */
  public static final List<String> FORECAST_COLUMNS = List.of("p_active", "expected_purchases_90d", "expected_spend_90d",
      MODEL);
  /** Every score as a column, in the order of {@link #cells}: what an engine adds to a log's profiled customers. */
  public static final List<String> COLUMNS = List.of("p_active", "churn_risk", "purchase_probability", "current_value",
      "expected_annual_value", "clv", "expected_purchases_90d", "expected_spend_90d", MODEL);

  public LogScore {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(factors, "factors");
    Objects.requireNonNull(model, "model");
  }

  /** A customer who has only browsed: nothing to forecast from, so no probabilities and no value yet. */
  static LogScore withoutPurchase(String customerId, double currentValue) {
    return new LogScore(customerId, currentValue, Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN, Double.NaN, NO_PURCHASE, "");
  }

  /** The values of {@link #COLUMNS}, in order: numbers as doubles (NaN where missing), the model as text. */
  public Object[] cells() {
    return new Object[] {probabilityAlive, churnRisk, purchaseProbability, currentValue, expectedAnnualValue, clv,
        expectedPurchases, expectedSpend, model};
  }

  /** What the BG/NBD reads for a customer: repeat purchase days, recency and age. */
  static String factors(CustomerForecast f) {
    return String.format(Locale.ROOT, "%d repeat purchase days; last purchase %d days ago; first purchase %d days ago",
        f.repeatPurchases(), f.daysSinceLastPurchase(), f.daysSinceFirstPurchase());
  }
}
