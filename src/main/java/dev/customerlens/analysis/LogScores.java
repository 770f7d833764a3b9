package dev.customerlens.analysis;

import dev.customerlens.clv.ForecastFit;
import dev.customerlens.clv.Forecasts;
import dev.customerlens.clv.LogScore;
import dev.customerlens.events.EventLog;
import dev.customerlens.predict.Predictor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
  private LogScores() {}

  static Map<String, String> formulas(ForecastFit fit, Forecasts chosen, Predictor predictor) {
    Map<String, String> f = new LinkedHashMap<>();
    String fitted = "a BG/NBD model of purchase days fitted to the log as of " + fit.asOf();
    String used = chosen.model() + " (" + chosen.basis() + (chosen.holdout() == null ? "" : "; " + chosen.holdout()) + ")";
    f.put("churn_risk", "P(no purchase in the next " + ForecastFit.HORIZON_DAYS + " days) by the forecast chosen on an "
        + "inner validation: " + used);
    f.put("p_active", "P(alive) under " + fitted + "; missing when the fit puts dropout on its boundary (no churn signal)");
    f.put("purchase_probability", "1 - P(no purchase in the next " + ForecastFit.PURCHASE_DAYS + " days) under " + fitted);
    f.put("next_likely_action", Predictor.NEXT_ACTION_RULE);
    f.put("current_value", "spend: the customer's purchases in the log so far");
    f.put("expected_purchases_90d", "expected purchase days in the next " + ForecastFit.HORIZON_DAYS + " days by "
        + chosen.model());
    f.put("expected_spend_90d", chosen.spendBasis());
    f.put("expected_annual_value", "expected purchase days in the next 365 days under the BG/NBD * expected spend per "
        + "purchase day " + (fit.hasSpendModel() ? "(Gamma-Gamma)" : "(the customer's mean order value: no spend "
            + "model could be fitted)"));
    f.put("revenue_potential", Predictor.REVENUE_POTENTIAL_RULE);
    f.put("clv", chosen.clvBasis() + (fit.hasSpendModel() ? ""
        : "; without a spend model: expected purchases over " + predictor.clvYears() + " years * mean order value"));
    return java.util.Collections.unmodifiableMap(f);
  }

  /**
   * Scores for each row of {@code features} (which must carry "persona", "spend" and "amount"), in
   * row order, as {@link Predictor#score} lays them out, then expected purchases and spend over the
   * next {@value ForecastFit#HORIZON_DAYS} days and the model that made them: {@link ForecastFit#scores}
   * applied to the log's customers.
   */
  static Table score(Table features, EventLog log, ForecastFit fit, Forecasts chosen, Predictor predictor) {
    int n = features.rowCount();
    StringColumn ids = features.stringColumn("customer_id");
    DoubleColumn spend = features.doubleColumn("spend");
    DoubleColumn amount = features.doubleColumn("amount");
    Map<String, Integer> row = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) row.put(ids.get(i), i);
    List<LogScore> scores = fit.scores(chosen, log, ids.asList(), id -> spend.getDouble(row.get(id)),
        id -> amount.getDouble(row.get(id)));
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
      LogScore s = scores.get(i);
      current[i] = s.currentValue();
      alive[i] = s.probabilityAlive();
      churnRisk[i] = s.churnRisk();
      purchase[i] = s.purchaseProbability();
      annual[i] = s.expectedAnnualValue();
      clv[i] = s.clv();
      purchases90[i] = s.expectedPurchases();
      spend90[i] = s.expectedSpend();
      factors[i] = s.factors();
      models[i] = s.model();
    }
    Table predictions = predictor.predictions(features, alive, churnRisk, purchase, current, annual, clv, factors);
    return predictions.addColumns(DoubleColumn.create("expected_purchases_90d", purchases90),
        DoubleColumn.create("expected_spend_90d", spend90), StringColumn.create("forecast_model", models));
  }
}
