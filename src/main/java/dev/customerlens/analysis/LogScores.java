package dev.customerlens.analysis;

import dev.customerlens.clv.CustomerForecast;
import dev.customerlens.clv.ForecastOptions;
import dev.customerlens.clv.Forecasts;
import dev.customerlens.clv.PurchaseForecast;
import dev.customerlens.clv.RepeatPurchaseModel;
import dev.customerlens.predict.Predictor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The scores of customers derived from a log, from the repeat-purchase model fitted to that log:
 * the same columns, with the same cuts, as {@link Predictor#score} gives a customer table, so
 * recommendations, charts, the report and the API read them alike.
 */
final class LogScores {
  /** The window of purchase_probability, as for the profile score. */
  static final int PURCHASE_DAYS = 30;
  /** The window of churn_risk: no purchase in this many days. */
  static final int CHURN_DAYS = 90;
  /** The per-customer forecast columns {@code lens score} adds for a log's customers. */
  static final List<String> FORECAST_COLUMNS = List.of("p_active", "expected_purchases_90d", "expected_spend_90d",
      "forecast_model");

  private LogScores() {}

  static Map<String, String> formulas(RepeatPurchaseModel model, Forecasts chosen, Predictor predictor) {
    Map<String, String> f = new LinkedHashMap<>();
    String fit = "a BG/NBD model of purchase days fitted to the log as of " + model.cohort().calibrationEnd();
    String used = chosen.model() + " (" + chosen.basis() + (chosen.holdout() == null ? "" : "; " + chosen.holdout()) + ")";
    f.put("churn_risk", "P(no purchase in the next " + CHURN_DAYS + " days) by the forecast chosen on an inner "
        + "validation: " + used);
    f.put("p_active", "P(alive) under " + fit + "; missing when the fit puts dropout on its boundary (no churn signal)");
    f.put("purchase_probability", "1 - P(no purchase in the next " + PURCHASE_DAYS + " days) under " + fit);
    f.put("next_likely_action", Predictor.NEXT_ACTION_RULE);
    f.put("current_value", "spend: the customer's purchases in the log so far");
    f.put("expected_purchases_90d", "expected purchase days in the next " + CHURN_DAYS + " days by " + chosen.model());
    f.put("expected_spend_90d", chosen.spendBasis());
    f.put("expected_annual_value", "expected purchase days in the next 365 days under the BG/NBD * expected spend per "
        + "purchase day " + (model.spend().isPresent() ? "(Gamma-Gamma)" : "(the customer's mean order value: no spend "
            + "model could be fitted)"));
    f.put("revenue_potential", Predictor.REVENUE_POTENTIAL_RULE);
    f.put("clv", chosen.clvBasis() + (model.spend().isPresent() ? ""
        : "; without a spend model: expected purchases over " + predictor.clvYears() + " years * mean order value"));
    return java.util.Collections.unmodifiableMap(f);
  }

  /**
   * Scores for each row of {@code features} (which must carry "persona", "spend" and "amount"), in
   * row order, as {@link Predictor#score} lays them out, then expected purchases and spend over the
   * next {@value #CHURN_DAYS} days and the model that made them. Customers without a purchase have
   * no forecast: their probabilities are missing and their values zero.
   */
  static Table score(Table features, RepeatPurchaseModel model, Forecasts chosen, Predictor predictor) {
    int n = features.rowCount();
    int clvDays = 365 * predictor.clvYears();
    Map<String, CustomerForecast> soon = byId(model, new ForecastOptions(PURCHASE_DAYS, clvDays, predictor.discountRate()));
    Map<String, PurchaseForecast> churn = new HashMap<>();
    for (PurchaseForecast f : chosen.customers()) churn.put(f.customerId(), f);
    Map<String, CustomerForecast> year = byId(model, new ForecastOptions(365, clvDays, predictor.discountRate()));
    // Without a spend model there is no CLV from the forecast: purchases over the horizon × mean order value instead.
    Map<String, CustomerForecast> lifetime = chosen.customers().stream().allMatch(f -> f.clv() != null) ? Map.of()
        : byId(model, new ForecastOptions(clvDays, clvDays, predictor.discountRate()));
    StringColumn ids = features.stringColumn("customer_id");
    DoubleColumn spend = features.doubleColumn("spend");
    DoubleColumn amount = features.doubleColumn("amount");
    double[] alive = new double[n];
    double[] churnRisk = new double[n];
    double[] purchase = new double[n];
    double[] current = new double[n];
    double[] annual = new double[n];
    double[] clv = new double[n];
    double[] purchases90 = new double[n];
    double[] spend90 = new double[n];
    String[] factors = new String[n];
    String[] models = new String[n];
    for (int i = 0; i < n; i++) {
      String id = ids.get(i);
      current[i] = spend.getDouble(i);
      PurchaseForecast f = churn.get(id);
      if (f == null) {
        alive[i] = churnRisk[i] = purchase[i] = purchases90[i] = spend90[i] = Double.NaN;
        factors[i] = "no purchase yet: nothing to forecast from";
        models[i] = "";
        continue;
      }
      alive[i] = f.probabilityAlive() == null ? Double.NaN : f.probabilityAlive();
      churnRisk[i] = f.churnRisk();
      purchase[i] = 1 - soon.get(id).churnRisk();
      CustomerForecast y = year.get(id);
      double perPurchase = y.expectedSpendPerPurchase() != null ? y.expectedSpendPerPurchase() : amount.getDouble(i);
      annual[i] = y.expectedPurchases() * perPurchase;
      clv[i] = f.clv() != null ? f.clv() : lifetime.get(id).expectedPurchases() * amount.getDouble(i);
      purchases90[i] = f.expectedPurchases();
      spend90[i] = f.expectedSpend() != null ? f.expectedSpend() : f.expectedPurchases() * amount.getDouble(i);
      factors[i] = factors(y);
      models[i] = f.model();
    }
    Table predictions = predictor.predictions(features, alive, churnRisk, purchase, current, annual, clv, factors);
    return predictions.addColumns(DoubleColumn.create("expected_purchases_90d", purchases90),
        DoubleColumn.create("expected_spend_90d", spend90), StringColumn.create("forecast_model", models));
  }

  /** What the BG/NBD reads for this customer: repeat purchase days, recency and age. */
  private static String factors(CustomerForecast f) {
    return String.format(Locale.ROOT, "%d repeat purchase days; last purchase %d days ago; first purchase %d days ago",
        f.repeatPurchases(), f.daysSinceLastPurchase(), f.daysSinceFirstPurchase());
  }

  private static Map<String, CustomerForecast> byId(RepeatPurchaseModel model, ForecastOptions options) {
    Map<String, CustomerForecast> out = new HashMap<>();
    for (CustomerForecast f : model.forecasts(options)) out.put(f.customerId(), f);
    return out;
  }
}
