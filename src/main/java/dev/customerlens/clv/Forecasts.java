package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every customer's forecast from a log, by the one forecast chosen for it: the entry point for
 * outputs that show forecasts. The candidates (BG/NBD, Pareto/NBD, the learned model) are chosen
 * between on an inner validation that never looks past {@code asOf} (see {@link CandidateForecasts}).
 *
 * <pre>{@code
 * Forecasts f = Forecasts.of(log, log.lastDate(), ForecastOptions.defaults());   // modelled
 * Evaluation e = Evaluation.of(log, LocalDate.of(2011, 6, 9));
 * Forecasts g = Forecasts.evaluated(log, e, ForecastOptions.defaults());         // with e's holdout figures
 * g.customer("12347");  g.toTable();
 * }</pre>
 *
 * <p>Spend over the horizon is expected purchase days × the Gamma-Gamma expected spend per purchase
 * day × the seasonal index of the horizon where the log has a year before {@code asOf}. Lifetime
 * value follows the chosen repeat-purchase model month by month over {@code clvDays}, discounted;
 * when the learned model is chosen, the BG/NBD's curve is used, since the trees forecast one window.
 *
 * @param asOf the forecast date, ISO-8601
 * @param model the forecast used
 * @param basis "evaluated" (judged on a holdout: {@code holdout} has the figures) or "modelled"
 * @param choice how the forecast was chosen
 * @param holdout the chosen forecast's holdout figures; null when modelled
 * @param drivers what the forecast leaned on, largest first (for the learned model, each feature's
 *     share of the total gain of the trees' splits; for a repeat-purchase model, its three inputs)
 * @param spendBasis how expected spend is made, with the seasonal index or why there is none
 * @param clvBasis "evaluated" with the holdout spend error beside it, or "modelled"
 */
public record Forecasts(String asOf, int horizonDays, int clvDays, String model, String basis, String choice,
    String holdout, List<Driver> drivers, String spendBasis, String clvBasis, List<PurchaseForecast> customers) {
  public static final String EVALUATED = "evaluated";
  public static final String MODELLED = "modelled";

  public Forecasts {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(basis, "basis");
    drivers = List.copyOf(drivers);
    customers = List.copyOf(customers);
  }

  /** Forecasts as of {@code asOf} for every customer with a purchase by then: modelled, not checked. */
  public static Forecasts of(EventLog log, LocalDate asOf, ForecastOptions options) {
    return ForecastFit.of(log, asOf, options, Optional::empty).forecasts(log);
  }

  /**
   * Forecasts as of the log's last day by the forecast {@code evaluation} chose, with its holdout
   * figures: the forecasts are "evaluated" in that this way of forecasting was judged on the holdout.
   */
  public static Forecasts evaluated(EventLog log, Evaluation evaluation, ForecastOptions options) {
    return ForecastFit.of(log, log.lastDate(), options, () -> Optional.of(evaluation)).forecasts(log);
  }

  /** One customer's forecast; empty for a customer without a purchase by {@link #asOf()}. */
  public Optional<PurchaseForecast> customer(String customerId) {
    return customers.stream().filter(c -> c.customerId().equals(customerId)).findFirst();
  }

  /**
   * One row per customer: customer_id, p_purchase, expected_purchases, expected_spend, clv,
   * churn_risk, p_alive (missing where the fit found no dropout) and model.
   */
  public Table toTable() {
    DoubleColumn spend = DoubleColumn.create("expected_spend");
    DoubleColumn clv = DoubleColumn.create("clv");
    DoubleColumn alive = DoubleColumn.create("p_alive");
    for (PurchaseForecast f : customers) {
      if (f.expectedSpend() == null) spend.appendMissing();
      else spend.append(f.expectedSpend());
      if (f.clv() == null) clv.appendMissing();
      else clv.append(f.clv());
      if (f.probabilityAlive() == null) alive.appendMissing();
      else alive.append(f.probabilityAlive());
    }
    return Table.create("forecasts_" + asOf,
        StringColumn.create("customer_id", customers.stream().map(PurchaseForecast::customerId)),
        DoubleColumn.create("p_purchase", customers.stream().mapToDouble(PurchaseForecast::purchaseProbability)),
        DoubleColumn.create("expected_purchases", customers.stream().mapToDouble(PurchaseForecast::expectedPurchases)),
        spend, clv,
        DoubleColumn.create("churn_risk", customers.stream().mapToDouble(PurchaseForecast::churnRisk)),
        alive, StringColumn.create("model", customers.stream().map(PurchaseForecast::model)));
  }
}
