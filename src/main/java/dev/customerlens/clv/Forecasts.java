package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
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
  private static final int CLV_STEP_DAYS = 30;

  public Forecasts {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(basis, "basis");
    drivers = List.copyOf(drivers);
    customers = List.copyOf(customers);
  }

  /** Forecasts as of {@code asOf} for every customer with a purchase by then: modelled, not checked. */
  public static Forecasts of(EventLog log, LocalDate asOf, ForecastOptions options) {
    return make(log, asOf, options, Optional::empty);
  }

  /**
   * Forecasts as of the log's last day by the forecast {@code evaluation} chose, with its holdout
   * figures: the forecasts are "evaluated" in that this way of forecasting was judged on the holdout.
   */
  public static Forecasts evaluated(EventLog log, Evaluation evaluation, ForecastOptions options) {
    return make(log, log.lastDate(), options, () -> Optional.of(evaluation));
  }

  /**
   * {@link #evaluated} by an evaluation that may still be being made on another thread: {@code judged}
   * is asked for it once the candidates are fitted, so the two run side by side. Where it gives none
   * (a log too short to hold a holdout back), the forecasts are modelled, as {@link #of} as of the
   * log's last day makes them.
   */
  public static Forecasts evaluated(EventLog log, Supplier<Optional<Evaluation>> judged, ForecastOptions options) {
    return make(log, log.lastDate(), options, judged);
  }

  private static Forecasts make(EventLog log, LocalDate asOf, ForecastOptions options,
      Supplier<Optional<Evaluation>> evaluating) {
    Cohort cohort = Cohort.of(log, asOf, asOf, Cohort.WEEK);
    if (cohort.customers().isEmpty()) throw new IllegalArgumentException("no customer bought by " + asOf);
    int h = options.horizonDays();
    CandidateForecasts fitted = CandidateForecasts.of(log, cohort, h);
    Evaluation evaluation = evaluating.get().orElse(null);
    CandidateForecasts candidates = evaluation == null ? fitted : fitted.chosenBy(evaluation.chosen());
    CandidateForecasts.Candidate chosen = candidates.chosenCandidate();
    GammaGamma spend = Evaluation.spendModel(cohort);
    SeasonalIndex season = SeasonalIndex.of(log, asOf);
    double index = season.over(asOf, h);
    boolean pareto = chosen.name().equals(CandidateForecasts.PARETO_NBD);
    String curve = pareto ? CandidateForecasts.PARETO_NBD : CandidateForecasts.BG_NBD;
    List<PurchaseForecast> rows = new ArrayList<>();
    for (int i = 0; i < cohort.customers().size(); i++) {
      PurchaseHistory c = cohort.customers().get(i);
      double p = Math.min(1, Math.max(0, chosen.probability()[i]));
      double perPurchase = spend == null ? Double.NaN : spend.expectedSpend(c.repeatPurchases(), c.meanRepeatSpend());
      Double expectedSpend = spend == null ? null : chosen.expected()[i] * perPurchase * index;
      Double clv = spend == null ? null : perPurchase * discountedPurchases(candidates, pareto, c, options);
      Double alive = candidates.bgNbd.dropoutIdentified()
          ? candidates.bgNbd.probabilityAlive(c.repeatPurchases(), c.recency(), c.age()) : null;
      rows.add(new PurchaseForecast(c.customerId(), p, chosen.expected()[i], expectedSpend, clv, 1 - p, alive,
          chosen.name()));
    }
    String holdout = null;
    String clvBasis = MODELLED + ": " + curve + " purchases month by month over " + options.clvDays() + " days, "
        + "discounted at " + options.annualDiscountRate() + " a year, × Gamma-Gamma spend per purchase day";
    if (evaluation != null) {
      ScoreCheck judged = evaluation.score(evaluation.chosen());
      holdout = String.format(Locale.ROOT, "holdout %s to %s (%d days, %d customers): AUC %.3f, Brier %.4f, purchase "
          + "days %+.1f%%", evaluation.calibrationEnd(), evaluation.holdoutEnd(), evaluation.holdoutDays(),
          evaluation.customers(), judged.auc(), judged.brier(), evaluation.aggregateErrorPercent());
      if (evaluation.spend() != null) {
        holdout += String.format(Locale.ROOT, ", spend %+.1f%%", evaluation.spend().errorPercent());
        clvBasis = String.format(Locale.ROOT, "%s: holdout spend error %+.1f%% over %d days; beyond that %s",
            EVALUATED, evaluation.spend().errorPercent(), evaluation.holdoutDays(), clvBasis);
      }
    }
    String spendBasis = spend == null ? "no spend model: fewer than two customers with repeat purchases and spend, "
        + "or a Gamma-Gamma with no finite mean" : "expected purchase days × Gamma-Gamma expected spend per purchase "
        + "day" + (season.available() ? String.format(Locale.ROOT, " × seasonal index %.3f", index) : "") + "; "
        + season.note();
    return new Forecasts(asOf.toString(), h, options.clvDays(), chosen.name(), evaluation == null ? MODELLED : EVALUATED,
        candidates.choice, holdout, candidates.drivers(), spendBasis, clvBasis, rows);
  }

  /** Expected purchases month by month over the CLV horizon, each discounted to {@code asOf}. */
  private static double discountedPurchases(CandidateForecasts models, boolean pareto, PurchaseHistory c,
      ForecastOptions options) {
    int steps = Math.max(1, (int) Math.round((double) options.clvDays() / CLV_STEP_DAYS));
    double stepDays = (double) options.clvDays() / steps;
    double total = 0;
    double before = 0;
    for (int k = 1; k <= steps; k++) {
      double days = k * stepDays;
      double t = days / models.cohort.periodDays();
      double upTo = pareto
          ? models.paretoNbd.expectedPurchases(t, c.repeatPurchases(), c.recency(), c.age())
          : models.bgNbd.expectedPurchases(t, c.repeatPurchases(), c.recency(), c.age());
      total += (upTo - before) / Math.pow(1 + options.annualDiscountRate(), days / 365);
      before = upTo;
    }
    return total;
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
