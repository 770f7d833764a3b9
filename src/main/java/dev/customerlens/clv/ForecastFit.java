package dev.customerlens.clv;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.EventLog;
import dev.customerlens.predict.Predictor;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The chosen forecast fitted to a log as of a day, apart from the customers it is made for: the
 * fitted models, the choice between them, the Gamma-Gamma spend model, the seasonal index and the
 * texts that say how it was all made. {@link #forecasts} and {@link #scores} apply it to any
 * customers' events (the whole log it was fitted to, or a batch of them on another machine), each
 * customer's numbers depending only on that customer's events and this value. Serializable, so a
 * cluster fits it once on its driver and hands it to every executor.
 */
public final class ForecastFit implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The window of purchase_probability in a log's scores, as for the profile score. */
  public static final int PURCHASE_DAYS = 30;
  /** The horizon of a log's churn_risk (no purchase in this many days) and of its forecast columns. */
  public static final int HORIZON_DAYS = 90;

  private final LocalDate asOf;
  private final int customers;
  private final ForecastOptions options;
  private final boolean timesOfDay;
  private final String chosen;
  private final BgNbd bgNbd;
  private final ParetoNbd paretoNbd;
  /** Only when chosen: the trees are applied to nothing else. */
  private final LearnedForecast learned;
  private final int learnedWindowDays;
  /** Null without a spend model. */
  private final GammaGamma spend;
  private final double seasonalIndex;
  private final String basis;
  private final String choice;
  private final String holdout;
  private final List<Driver> drivers;
  private final String spendBasis;
  private final String clvBasis;

  private ForecastFit(LocalDate asOf, ForecastOptions options, boolean timesOfDay, CandidateForecasts candidates,
      GammaGamma spend, double seasonalIndex, String basis, String holdout, String spendBasis, String clvBasis) {
    this.asOf = asOf;
    this.customers = candidates.cohort.customers().size();
    this.options = options;
    this.timesOfDay = timesOfDay;
    this.chosen = candidates.chosen;
    this.bgNbd = candidates.bgNbd;
    this.paretoNbd = candidates.paretoNbd;
    this.learned = chosen.equals(LearnedForecast.NAME) ? candidates.learned : null;
    this.learnedWindowDays = candidates.innerDays;
    this.spend = spend;
    this.seasonalIndex = seasonalIndex;
    this.basis = basis;
    this.choice = candidates.choice;
    this.holdout = holdout;
    this.drivers = List.copyOf(candidates.drivers());
    this.spendBasis = spendBasis;
    this.clvBasis = clvBasis;
  }

  /**
   * Fitted to {@code log} as of {@code asOf}, for every customer with a purchase by then. {@code judged}
   * is asked for the holdout evaluation once the candidates are fitted, so that it may be made on
   * another thread meanwhile; its choice replaces the inner validation's and its figures are kept.
   * Where it gives none, the forecast is modelled, not checked.
   */
  public static ForecastFit of(EventLog log, LocalDate asOf, ForecastOptions options,
      Supplier<Optional<Evaluation>> judged) {
    Cohort cohort = Cohort.of(log, asOf, asOf, Cohort.WEEK);
    if (cohort.customers().isEmpty()) {
      throw new WorkspaceException(log.source() + ": no purchase on or before " + asOf + ": a log's forecasts and "
          + "scores are made from its customers' purchases");
    }
    int h = options.horizonDays();
    CandidateForecasts fitted = CandidateForecasts.of(log, cohort, h);
    Evaluation evaluation = judged.get().orElse(null);
    CandidateForecasts candidates = evaluation == null ? fitted : fitted.chosenBy(evaluation.chosen());
    GammaGamma spend = Evaluation.spendModel(cohort);
    SeasonalIndex season = SeasonalIndex.of(log, asOf);
    double index = season.over(asOf, h);
    String curve = candidates.chosen.equals(CandidateForecasts.PARETO_NBD) ? CandidateForecasts.PARETO_NBD
        : CandidateForecasts.BG_NBD;
    String holdout = null;
    String clvBasis = Forecasts.MODELLED + ": " + curve + " purchases month by month over " + options.clvDays()
        + " days, discounted at " + options.annualDiscountRate() + " a year, × Gamma-Gamma spend per purchase day";
    if (evaluation != null) {
      ScoreCheck check = evaluation.score(evaluation.chosen());
      holdout = String.format(Locale.ROOT, "holdout %s to %s (%d days, %d customers): AUC %.3f, Brier %.4f, purchase "
          + "days %+.1f%%", evaluation.calibrationEnd(), evaluation.holdoutEnd(), evaluation.holdoutDays(),
          evaluation.customers(), check.auc(), check.brier(), evaluation.aggregateErrorPercent());
      if (evaluation.spend() != null) {
        holdout += String.format(Locale.ROOT, ", spend %+.1f%%", evaluation.spend().errorPercent());
        clvBasis = String.format(Locale.ROOT, "%s: holdout spend error %+.1f%% over %d days; beyond that %s",
            Forecasts.EVALUATED, evaluation.spend().errorPercent(), evaluation.holdoutDays(), clvBasis);
      }
    }
    String spendBasis = spend == null ? "no spend model: fewer than two customers with repeat purchases and spend, "
        + "or a Gamma-Gamma with no finite mean" : "expected purchase days × Gamma-Gamma expected spend per purchase "
        + "day" + (season.available() ? String.format(Locale.ROOT, " × seasonal index %.3f", index) : "") + "; "
        + season.note();
    return new ForecastFit(asOf, options, log.summary().timesOfDay(), candidates, spend, index,
        evaluation == null ? Forecasts.MODELLED : Forecasts.EVALUATED, holdout, spendBasis, clvBasis);
  }

  /**
   * Fitted as an analysis of a log's own customers fits it, as of the log's last day with the
   * {@link #options} of {@code predictor}, and chosen by the evaluation at
   * {@link Evaluation#defaultCalibrationEnd} where the log is long enough to hold one.
   */
  public static ForecastFit forLog(EventLog log, Predictor predictor) {
    return of(log, log.lastDate(), options(predictor), () -> Evaluation.atDefaultSplit(log, List.of()).evaluation());
  }

  /** A log's scores' forecast options: {@value #HORIZON_DAYS} days, and lifetime value over the predictor's years at its rate. */
  public static ForecastOptions options(Predictor predictor) {
    return new ForecastOptions(HORIZON_DAYS, 365 * predictor.clvYears(), predictor.discountRate());
  }

  /** The forecast date: every customer's forecast is made as of this day, whatever events they are given with. */
  public LocalDate asOf() {
    return asOf;
  }

  /** How many customers with a purchase by {@link #asOf} it was fitted to. */
  public int customers() {
    return customers;
  }

  /** Whether the log it was fitted to had times of day: the learned model's hour feature reads them. */
  public boolean timesOfDay() {
    return timesOfDay;
  }

  /** The forecast used. */
  public String model() {
    return chosen;
  }

  /** The repeat-purchase model as of {@link #asOf} for {@code log}'s customers: the BG/NBD and Gamma-Gamma fitted here. */
  public RepeatPurchaseModel repeatPurchaseModel(EventLog log) {
    return new RepeatPurchaseModel(Cohort.of(log, asOf, asOf, Cohort.WEEK), bgNbd, spend);
  }

  /** Whether a Gamma-Gamma spend model could be fitted: without one there is no spend forecast or CLV. */
  public boolean hasSpendModel() {
    return spend != null;
  }

  /** The forecast of every customer in {@code log} with a purchase by {@link #asOf}, in order of first appearance. */
  public Forecasts forecasts(EventLog log) {
    Cohort cohort = Cohort.of(log, asOf, asOf, Cohort.WEEK);
    return new Forecasts(asOf.toString(), options.horizonDays(), options.clvDays(), chosen, basis, choice, holdout,
        drivers, spendBasis, clvBasis, customers(log, cohort));
  }

  private List<PurchaseForecast> customers(EventLog log, Cohort cohort) {
    List<PurchaseHistory> people = cohort.customers();
    int n = people.size();
    // A batch of customers who have only browsed: nothing to forecast, and the trees refuse an empty matrix.
    if (n == 0) return List.of();
    boolean pareto = chosen.equals(CandidateForecasts.PARETO_NBD);
    double t = (double) options.horizonDays() / cohort.periodDays();
    double[] expected = learned == null ? null
        : learned.expected(log, cohort, bgNbd, options.horizonDays(), learnedWindowDays);
    List<PurchaseForecast> rows = new ArrayList<>(n);
    DiscountedPurchases discounted = new DiscountedPurchases(options, cohort.periodDays(),
        pareto ? paretoNbd::expectedPurchases : bgNbd::expectedPurchases);
    for (int i = 0; i < n; i++) {
      PurchaseHistory c = people.get(i);
      int x = c.repeatPurchases();
      double probability;
      double purchases;
      if (learned != null) {
        purchases = expected[i];
        probability = learned.probability(purchases);
      } else if (pareto) {
        probability = 1 - paretoNbd.probabilityOfNoPurchase(t, x, c.recency(), c.age());
        purchases = paretoNbd.expectedPurchases(t, x, c.recency(), c.age());
      } else {
        probability = 1 - bgNbd.probabilityOfNoPurchase(t, x, c.recency(), c.age());
        purchases = bgNbd.expectedPurchases(t, x, c.recency(), c.age());
      }
      double p = Math.min(1, Math.max(0, probability));
      double perPurchase = spend == null ? Double.NaN : spend.expectedSpend(x, c.meanRepeatSpend());
      Double expectedSpend = spend == null ? null : purchases * perPurchase * seasonalIndex;
      Double clv = spend == null ? null : perPurchase * discounted.of(c);
      Double alive = bgNbd.dropoutIdentified() ? bgNbd.probabilityAlive(x, c.recency(), c.age()) : null;
      rows.add(new PurchaseForecast(c.customerId(), p, purchases, expectedSpend, clv, 1 - p, alive, chosen));
    }
    return rows;
  }

  /**
   * The scores of a log's customers ({@code ids}, in that order) from their events in {@code log}:
   * the chosen forecast's churn risk, purchases and spend over its horizon, and lifetime value; the
   * BG/NBD's P(alive), its P(a purchase in the next {@value #PURCHASE_DAYS} days) and its purchases
   * in the next year × spend per purchase day as the expected annual value. Without a spend model a
   * customer's mean order value ({@code meanOrderValue}) stands in for spend per purchase day. The
   * current value is the customer's {@code spend} so far. A customer without a purchase has no
   * forecast: probabilities missing, values zero.
   */
  public List<LogScore> scores(EventLog log, List<String> ids, ToDoubleFunction<String> spend,
      ToDoubleFunction<String> meanOrderValue) {
    return scores(forecasts(log), log, ids, spend, meanOrderValue);
  }

  /**
   * {@link #scores(EventLog, List, ToDoubleFunction, ToDoubleFunction)} from forecasts {@link #forecasts}
   * already made of the same log, so that a caller who shows them too does not apply the fit twice.
   */
  public List<LogScore> scores(Forecasts made, EventLog log, List<String> ids, ToDoubleFunction<String> spend,
      ToDoubleFunction<String> meanOrderValue) {
    Cohort cohort = Cohort.of(log, asOf, asOf, Cohort.WEEK);
    List<PurchaseForecast> chosenForecasts = made.customers();
    if (!made.asOf().equals(asOf.toString()) || chosenForecasts.size() != cohort.customers().size()) {
      throw new IllegalArgumentException("forecasts as of " + made.asOf() + " for " + chosenForecasts.size()
          + " customers were not made by this fit of this log");
    }
    RepeatPurchaseModel model = new RepeatPurchaseModel(cohort, bgNbd, this.spend);
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < cohort.customers().size(); i++) row.put(cohort.customers().get(i).customerId(), i);
    int clvDays = options.clvDays();
    ForecastOptions soon = new ForecastOptions(PURCHASE_DAYS, clvDays, options.annualDiscountRate());
    ForecastOptions year = new ForecastOptions(365, clvDays, options.annualDiscountRate());
    ForecastOptions lifetime = new ForecastOptions(clvDays, clvDays, options.annualDiscountRate());
    List<LogScore> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      Integer i = row.get(id);
      if (i == null) {
        out.add(LogScore.withoutPurchase(id, spend.applyAsDouble(id)));
        continue;
      }
      PurchaseHistory c = cohort.customers().get(i);
      PurchaseForecast f = chosenForecasts.get(i);
      double amount = meanOrderValue.applyAsDouble(id);
      // These forecasts give purchases and churn; lifetime value is the chosen forecast's, so theirs is not worked out.
      CustomerForecast y = model.forecast(c, year, null);
      double perPurchase = y.expectedSpendPerPurchase() != null ? y.expectedSpendPerPurchase() : amount;
      // Without a spend model there is no CLV from the forecast: purchases over the horizon × mean order value instead.
      double clv = f.clv() != null ? f.clv() : model.forecast(c, lifetime, null).expectedPurchases() * amount;
      out.add(new LogScore(id, spend.applyAsDouble(id), f.probabilityAlive() == null ? Double.NaN : f.probabilityAlive(), f.churnRisk(),
          1 - model.forecast(c, soon, null).churnRisk(), y.expectedPurchases() * perPurchase, clv, f.expectedPurchases(),
          f.expectedSpend() != null ? f.expectedSpend() : f.expectedPurchases() * amount, LogScore.factors(y),
          f.model()));
    }
    return out;
  }
}
