package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Repeat purchases and lifetime value fitted to a purchase log: the one way into this package.
 * A {@link BgNbd} model for how many purchases each customer will make and whether they are still
 * active, a {@link GammaGamma} model for how much they spend per purchase, and their product,
 * discounted, for lifetime value.
 *
 * <pre>{@code
 * EventLog log = EventLog.read(Path.of("events.csv"), LogFormat.EVENTS);
 * RepeatPurchaseModel model = RepeatPurchaseModel.fit(log);       // as of the log's last day
 * model.purchases();                                              // r, alpha, a, b, log-likelihood, boundary
 * model.forecast(ForecastOptions.defaults());                     // one row per customer
 * Evaluation.of(log, LocalDate.of(2024, 3, 31));                  // fit on the start, judge on the rest
 * }</pre>
 *
 * <p>Forecasts are <b>modelled</b>: fitted to the log, but not checked against what happened next.
 * {@link Evaluation} is what checks them.
 */
public final class RepeatPurchaseModel {
  /** How churn risk is defined here, for outputs that show it. */
  public static final String CHURN_DEFINITION =
      "the probability of no purchase in the next %d days under a BG/NBD model fitted to the customer's purchase log";

  private final Cohort cohort;
  private final BgNbd purchases;
  private final GammaGamma spend;

  RepeatPurchaseModel(Cohort cohort, BgNbd purchases, GammaGamma spend) {
    this.cohort = cohort;
    this.purchases = purchases;
    this.spend = spend;
  }

  /** Fitted on every purchase in the log, as of its last day. */
  public static RepeatPurchaseModel fit(EventLog log) {
    return fit(Cohort.of(log));
  }

  /** Fitted on the purchases up to and including {@code calibrationEnd}, as of that day. */
  public static RepeatPurchaseModel fit(EventLog log, LocalDate calibrationEnd) {
    return fit(Cohort.of(log, calibrationEnd));
  }

  /** The spend model is left out when fewer than two customers have repeat purchases with a positive amount. */
  public static RepeatPurchaseModel fit(Cohort cohort) {
    BgNbd purchases = BgNbd.fit(cohort);
    long spenders = cohort.customers().stream().filter(c -> c.repeatPurchases() > 0 && c.meanRepeatSpend() > 0).count();
    GammaGamma spend = spenders >= 2 ? GammaGamma.fit(cohort) : null;
    return new RepeatPurchaseModel(cohort, purchases, spend);
  }

  /**
   * The same fitted parameters applied to a newer log, without refitting: new purchases move each
   * customer's forecast at once, while the population parameters wait for the next full fit.
   */
  public RepeatPurchaseModel refreshed(EventLog log) {
    return new RepeatPurchaseModel(Cohort.of(log), purchases, spend);
  }

  public Cohort cohort() {
    return cohort;
  }

  public BgNbd purchases() {
    return purchases;
  }

  /** Empty when there were too few repeat customers to fit one, or when it has no finite mean (q ≤ 1). */
  public Optional<GammaGamma> spend() {
    return Optional.ofNullable(spend).filter(GammaGamma::spendDefined);
  }

  /** Every customer's forecast, in cohort order. */
  public List<CustomerForecast> forecasts(ForecastOptions options) {
    List<CustomerForecast> out = new ArrayList<>(cohort.customers().size());
    DiscountedPurchases discounted = discounted(options);
    for (PurchaseHistory customer : cohort.customers()) out.add(forecast(customer, options, discounted));
    return out;
  }

  /** One customer's forecast; empty for a customer without a purchase by the calibration end. */
  public Optional<CustomerForecast> forecast(String customerId, ForecastOptions options) {
    return cohort.customers().stream().filter(c -> c.customerId().equals(customerId)).findFirst()
        .map(c -> forecast(c, options));
  }

  /**
   * Every customer's forecast as a table: customer_id, repeat_purchases, days_since_last_purchase,
   * days_since_first_purchase, p_alive (missing when the fit found no dropout), expected_purchases,
   * churn_risk, expected_spend and clv (missing without a spend model).
   */
  public Table forecast(ForecastOptions options) {
    List<CustomerForecast> rows = forecasts(options);
    DoubleColumn alive = DoubleColumn.create("p_alive");
    DoubleColumn spendColumn = DoubleColumn.create("expected_spend");
    DoubleColumn clv = DoubleColumn.create("clv");
    for (CustomerForecast f : rows) {
      appendNullable(alive, f.probabilityAlive());
      appendNullable(spendColumn, f.expectedSpendPerPurchase());
      appendNullable(clv, f.clv());
    }
    return Table.create("forecast_" + cohort.calibrationEnd(),
        StringColumn.create("customer_id", rows.stream().map(CustomerForecast::customerId)),
        IntColumn.create("repeat_purchases", rows.stream().mapToInt(CustomerForecast::repeatPurchases).toArray()),
        IntColumn.create("days_since_last_purchase", rows.stream().mapToInt(CustomerForecast::daysSinceLastPurchase).toArray()),
        IntColumn.create("days_since_first_purchase", rows.stream().mapToInt(CustomerForecast::daysSinceFirstPurchase).toArray()),
        alive,
        DoubleColumn.create("expected_purchases", rows.stream().mapToDouble(CustomerForecast::expectedPurchases).toArray()),
        DoubleColumn.create("churn_risk", rows.stream().mapToDouble(CustomerForecast::churnRisk).toArray()),
        spendColumn, clv);
  }

  private static void appendNullable(DoubleColumn column, Double value) {
    if (value == null) column.appendMissing();
    else column.append(value);
  }

  CustomerForecast forecast(PurchaseHistory c, ForecastOptions options) {
    return forecast(c, options, discounted(options));
  }

  DiscountedPurchases discounted(ForecastOptions options) {
    return new DiscountedPurchases(options, cohort.periodDays(), purchases::expectedPurchases);
  }

  /**
   * @param discounted the discounted purchases of this model's curve under {@code options}, for lifetime
   *     value; null to leave lifetime value out, the costly part (a purchase curve month by month)
   */
  CustomerForecast forecast(PurchaseHistory c, ForecastOptions options, DiscountedPurchases discounted) {
    double period = cohort.periodDays();
    int x = c.repeatPurchases();
    double horizon = options.horizonDays() / period;
    Double alive = purchases.dropoutIdentified() ? purchases.probabilityAlive(x, c.recency(), c.age()) : null;
    double expected = purchases.expectedPurchases(horizon, x, c.recency(), c.age());
    double churn = purchases.probabilityOfNoPurchase(horizon, x, c.recency(), c.age());
    Double perPurchase = null;
    Double clv = null;
    if (spend().isPresent()) {
      perPurchase = spend.expectedSpend(x, c.meanRepeatSpend());
      clv = discounted == null ? null : perPurchase * discounted.of(c);
    }
    return new CustomerForecast(c.customerId(), cohort.calibrationEnd().toString(), x,
        (int) Math.round((c.age() - c.recency()) * period), (int) Math.round(c.age() * period), alive, expected,
        Math.min(1, Math.max(0, churn)), perPurchase, clv, options.horizonDays(), options.clvDays(),
        options.annualDiscountRate());
  }

  @Override
  public String toString() {
    return "RepeatPurchaseModel as of " + cohort.calibrationEnd() + " on " + cohort.customers().size() + " customers: "
        + purchases + (spend == null ? "; no spend model" : "; " + spend);
  }
}
