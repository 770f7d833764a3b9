package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.Table;

/**
 * Forecasts checked against what happened: the log is split at a calibration end, every forecast is
 * made from the calibration period alone, and compared with the holdout (the days after the
 * calibration end, to a holdout end). Customers are those with a purchase by the calibration end;
 * purchases are distinct days.
 *
 * <ul>
 *   <li>"Will buy in the holdout": each forecast's P(at least one purchase) as a classifier, by AUC,
 *       Brier score and log loss: the BG/NBD, the Pareto/NBD and the learned model (see
 *       {@link CandidateForecasts} for how one of them is chosen before the holdout is looked at),
 *       beside simple baselines (recency, frequency, the RFM score, a constant share) and any
 *       outside churn scores, such as the profile-based {@link dev.customerlens.predict.Predictor}'s,
 *       judged on churn = no purchase in the holdout. Calibration by decile is of the chosen forecast.
 *   <li>Counts: each forecast's total and mean absolute error of purchase days, beside a naive
 *       forecast that extends each customer's calibration rate (x / T).
 *   <li>Spend: see {@link SpendCheck}.
 * </ul>
 *
 * For a churn score, AUC is for ranking churners first; it equals the AUC of its complement for
 * ranking buyers first, so every AUC in the report reads the same way.
 *
 * @param calibrationEnd last calibration day, ISO-8601
 * @param holdoutEnd last holdout day, ISO-8601
 * @param customers customers with a purchase by the calibration end
 * @param model the BG/NBD fitted on the calibration period
 * @param paretoNbd the Pareto/NBD fitted on the calibration period
 * @param spendModel the Gamma-Gamma fitted on the calibration period; null with too few repeat customers
 * @param chosen the name of the forecast used everywhere else
 * @param choice how it was chosen
 * @param actualPurchases purchase days in the holdout, over all customers
 * @param predictedPurchases the chosen forecast of {@code actualPurchases}
 * @param aggregateErrorPercent (predicted − actual) / actual, in percent
 * @param meanAbsoluteError mean over customers of |forecast − actual| purchase days, for the chosen forecast
 * @param naiveMeanAbsoluteError the same for the forecast x / T × holdout length
 * @param purchaserShare share of customers who bought in the holdout
 * @param scores the forecasts first, then the baselines and outside scores
 * @param counts each forecast's purchase-day totals and errors, then the naive rate's
 * @param calibration the chosen forecast by decile
 * @param spend the spend forecast for the holdout; null without a spend model
 * @param innerValidation the candidates on the inner validation that chose between them
 * @param drivers what the chosen forecast leaned on, largest first
 * @param season whether the holdout has calendar months the calibration period lacks, in a sentence
 * @param learnedModel how the learned model was trained, or why it was not
 */
public record Evaluation(String source, String calibrationEnd, String holdoutEnd, int holdoutDays, int customers,
    BgNbd model, ParetoNbd paretoNbd, GammaGamma spendModel, String chosen, String choice, long actualPurchases,
    double predictedPurchases, double aggregateErrorPercent, double meanAbsoluteError, double naiveMeanAbsoluteError,
    double purchaserShare, List<ScoreCheck> scores, List<CountCheck> counts, List<CalibrationBin> calibration,
    SpendCheck spend, List<ScoreCheck> innerValidation, List<Driver> drivers, String season, String learnedModel) {

  public static final String PURCHASE = "purchase in the holdout";
  public static final String CHURN = "no purchase in the holdout (churn)";
  /** The default holdout is the last third of the log's span, but never more than a year. */
  public static final int MAX_DEFAULT_HOLDOUT_DAYS = 365;
  /** A calibration period shorter than this says too little about a customer's rhythm to evaluate. */
  static final int MIN_CALIBRATION_DAYS = 28;

  public Evaluation {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(chosen, "chosen");
    scores = List.copyOf(scores);
    counts = List.copyOf(counts);
    calibration = List.copyOf(calibration);
    innerValidation = List.copyOf(innerValidation);
    drivers = List.copyOf(drivers);
  }

  /** The calibration end that holds out the last third of the log's span, at most {@value #MAX_DEFAULT_HOLDOUT_DAYS} days. */
  public static LocalDate defaultCalibrationEnd(EventLog log) {
    long span = log.lastDate().toEpochDay() - log.firstDate().toEpochDay();
    return log.lastDate().minusDays(Math.min(MAX_DEFAULT_HOLDOUT_DAYS, span / 3));
  }

  /** An evaluation, or why there is none. */
  public record Judged(Optional<Evaluation> evaluation, String unavailable) {}

  /**
   * The evaluation at {@link #defaultCalibrationEnd}, with {@code outsideScores} judged beside the
   * models, as the forecasts of an analysis are chosen by; none, with the reason, when the log is too
   * short to keep its last third back and still fit on {@value #MIN_CALIBRATION_DAYS} days or more.
   */
  public static Judged atDefaultSplit(EventLog log, List<ChurnScore> outsideScores) {
    LocalDate calibrationEnd = defaultCalibrationEnd(log);
    if (calibrationEnd.isBefore(log.firstDate().plusDays(MIN_CALIBRATION_DAYS))) {
      return new Judged(Optional.empty(), "the log covers " + log.firstDate() + " to " + log.lastDate() + ": too short "
          + "to keep its last third back and still fit on " + MIN_CALIBRATION_DAYS + " days or more");
    }
    try {
      return new Judged(Optional.of(of(log, calibrationEnd, outsideScores)), null);
    } catch (IllegalArgumentException e) {
      return new Judged(Optional.empty(), e.getMessage());
    }
  }

  /** Calibration up to and including {@code calibrationEnd}; holdout from the next day to the log's last day. */
  public static Evaluation of(EventLog log, LocalDate calibrationEnd) {
    return of(log, calibrationEnd, List.of());
  }

  public static Evaluation of(EventLog log, LocalDate calibrationEnd, List<ChurnScore> outsideScores) {
    return of(log, calibrationEnd, log.lastDate(), outsideScores);
  }

  /** Calibration up to and including {@code calibrationEnd}; holdout from the next day to {@code holdoutEnd}. */
  public static Evaluation of(EventLog log, LocalDate calibrationEnd, LocalDate holdoutEnd,
      List<ChurnScore> outsideScores) {
    if (!holdoutEnd.isAfter(calibrationEnd)) {
      throw new IllegalArgumentException("the log ends on " + log.lastDate() + ", so a calibration end of "
          + calibrationEnd + " leaves no holdout to evaluate on");
    }
    if (holdoutEnd.isAfter(log.lastDate())) {
      throw new IllegalArgumentException("the holdout would end on " + holdoutEnd + ", after the log's last day "
          + log.lastDate() + ": days the log does not cover would count as days without purchases");
    }
    Cohort cohort = Cohort.of(log, calibrationEnd, holdoutEnd, Cohort.WEEK);
    if (cohort.customers().isEmpty()) {
      throw new IllegalArgumentException("no customer bought by " + calibrationEnd + "; choose a later calibration end");
    }
    return of(log, cohort, rfmTotals(log, calibrationEnd), outsideScores);
  }

  private static Map<String, Double> rfmTotals(EventLog log, LocalDate asOf) {
    Table rfm = log.rfm(asOf);
    Map<String, Double> totals = new HashMap<>();
    for (int i = 0; i < rfm.rowCount(); i++) {
      totals.put(rfm.stringColumn("customer_id").get(i), (double) rfm.intColumn("rfm_total").getInt(i));
    }
    return totals;
  }

  private static Evaluation of(EventLog log, Cohort cohort, Map<String, Double> rfmTotal,
      List<ChurnScore> outsideScores) {
    int holdoutDays = (int) (cohort.holdoutEnd().toEpochDay() - cohort.calibrationEnd().toEpochDay());
    CandidateForecasts candidates = CandidateForecasts.of(log, cohort, holdoutDays);
    List<PurchaseHistory> people = cohort.customers();
    int n = people.size();
    double t = cohort.holdoutPeriods();
    boolean[] bought = new boolean[n];
    boolean[] churned = new boolean[n];
    double[] actual = new double[n];
    long actualTotal = 0;
    double naiveAbsolute = 0;
    int repeaters = 0;
    for (int i = 0; i < n; i++) {
      PurchaseHistory c = people.get(i);
      bought[i] = c.holdoutPurchases() > 0;
      churned[i] = !bought[i];
      actual[i] = c.holdoutPurchases();
      actualTotal += c.holdoutPurchases();
      double naive = c.age() > 0 ? c.repeatPurchases() / c.age() * t : 0;
      naiveAbsolute += Math.abs(naive - c.holdoutPurchases());
      if (c.repeatPurchases() > 0) repeaters++;
    }

    List<ScoreCheck> scores = new ArrayList<>();
    List<CountCheck> counts = new ArrayList<>();
    for (CandidateForecasts.Candidate f : candidates.candidates) {
      scores.add(new ScoreCheck(f.name(), PURCHASE, f.basis(), n, Auc.of(f.probability(), bought),
          Auc.brier(f.probability(), bought), Auc.logLoss(f.probability(), bought), f.name().equals(candidates.chosen)));
      counts.add(counts(f.name(), f.expected(), actual, actualTotal));
    }
    double[] recency = new double[n];
    double[] frequency = new double[n];
    double[] rfm = new double[n];
    double[] naive = new double[n];
    for (int i = 0; i < n; i++) {
      PurchaseHistory c = people.get(i);
      recency[i] = -(c.age() - c.recency());
      frequency[i] = c.repeatPurchases();
      rfm[i] = rfmTotal.getOrDefault(c.customerId(), 0.0);
      naive[i] = c.age() > 0 ? c.repeatPurchases() / c.age() * t : 0;
    }
    counts.add(counts("naive rate x / T", naive, actual, actualTotal));
    scores.add(new ScoreCheck("recency", PURCHASE, "days since the last purchase at the calibration end, fewest first",
        n, Auc.of(recency, bought), null));
    scores.add(new ScoreCheck("frequency", PURCHASE, "repeat purchase days in the calibration period, most first",
        n, Auc.of(frequency, bought), null));
    scores.add(new ScoreCheck("RFM score", PURCHASE, "sum of the recency, frequency and monetary quintile scores "
        + "(3 to 15) at the calibration end", n, Auc.of(rfm, bought), null));
    double share = (double) repeaters / n;
    double[] constant = new double[n];
    Arrays.fill(constant, share);
    scores.add(new ScoreCheck("population average", PURCHASE, String.format(Locale.ROOT,
        "the same probability for everyone: the share of customers who made a repeat purchase in the calibration "
            + "period (%.3f)", share), n, Auc.of(constant, bought), Auc.brier(constant, bought),
        Auc.logLoss(constant, bought), false));
    for (ChurnScore outside : outsideScores) scores.add(check(outside, people, churned));

    CandidateForecasts.Candidate chosen = candidates.chosenCandidate();
    CountCheck chosenCounts = counts(chosen.name(), chosen.expected(), actual, actualTotal);
    GammaGamma spendModel = spendModel(cohort);
    SpendCheck spend = null;
    if (spendModel != null) {
      SeasonalIndex season = SeasonalIndex.of(log, cohort.calibrationEnd());
      double index = season.over(cohort.calibrationEnd(), holdoutDays);
      double[] predicted = new double[n];
      double[] spent = new double[n];
      for (int i = 0; i < n; i++) {
        PurchaseHistory c = people.get(i);
        predicted[i] = chosen.expected()[i] * spendModel.expectedSpend(c.repeatPurchases(), c.meanRepeatSpend()) * index;
        spent[i] = c.holdoutSpend();
      }
      spend = SpendCheck.of(chosen.name() + " expected purchase days × Gamma-Gamma expected spend per purchase day"
          + (season.available() ? String.format(Locale.ROOT, " × the holdout's seasonal index (%.3f)", index) : ""),
          predicted, spent, season.note());
    }
    return new Evaluation(cohort.source(), cohort.calibrationEnd().toString(), cohort.holdoutEnd().toString(),
        holdoutDays, n, candidates.bgNbd, candidates.paretoNbd, spendModel, candidates.chosen, candidates.choice,
        actualTotal, chosenCounts.predictedTotal(),
        actualTotal == 0 ? Double.NaN : 100 * (chosenCounts.predictedTotal() - actualTotal) / actualTotal,
        chosenCounts.meanAbsoluteError(), naiveAbsolute / n, count(bought) / (double) n, scores, counts,
        deciles(chosen.probability(), bought, chosen.expected(), people), spend, candidates.innerChecks,
        candidates.drivers(), season(log.firstDate(), cohort.calibrationEnd(), cohort.holdoutEnd()),
        candidates.learned == null ? candidates.learnedUnavailable : candidates.learned.basis());
  }

  /** The Gamma-Gamma of the calibration period, or null when it cannot be fitted or has no finite mean. */
  static GammaGamma spendModel(Cohort cohort) {
    long spenders = cohort.customers().stream().filter(c -> c.repeatPurchases() > 0 && c.meanRepeatSpend() > 0).count();
    if (spenders < 2) return null;
    GammaGamma fit = GammaGamma.fit(cohort);
    return fit.spendDefined() ? fit : null;
  }

  private static CountCheck counts(String name, double[] forecast, double[] actual, long actualTotal) {
    double total = 0;
    double absolute = 0;
    for (int i = 0; i < forecast.length; i++) {
      total += forecast[i];
      absolute += Math.abs(forecast[i] - actual[i]);
    }
    return new CountCheck(name, total, actualTotal, absolute / forecast.length);
  }

  /** Calendar months of the holdout that no day of the calibration period falls in. */
  static String season(LocalDate first, LocalDate calibrationEnd, LocalDate holdoutEnd) {
    Set<Month> calibration = EnumSet.noneOf(Month.class);
    for (LocalDate d = first; !d.isAfter(calibrationEnd) && calibration.size() < 12; d = d.plusDays(1)) {
      calibration.add(d.getMonth());
    }
    Set<Month> unseen = new TreeSet<>();
    for (LocalDate d = calibrationEnd.plusDays(1); !d.isAfter(holdoutEnd); d = d.plusDays(1)) {
      if (!calibration.contains(d.getMonth())) unseen.add(d.getMonth());
    }
    if (unseen.isEmpty()) return "every calendar month of the holdout also falls in the calibration period";
    return "the holdout contains " + String.join(", ", unseen.stream()
        .map(m -> m.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList()) + ", which the calibration period does "
        + "not: no forecast here has seen that season";
  }

  private static ScoreCheck check(ChurnScore outside, List<PurchaseHistory> people, boolean[] churned) {
    List<Double> risks = new ArrayList<>();
    List<Boolean> outcomes = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      Double risk = outside.churnRisk().get(people.get(i).customerId());
      if (risk == null) continue;
      risks.add(risk);
      outcomes.add(churned[i]);
    }
    double[] score = risks.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] outcome = new boolean[outcomes.size()];
    for (int i = 0; i < outcome.length; i++) outcome[i] = outcomes.get(i);
    return new ScoreCheck(outside.name(), CHURN, outside.basis(), score.length,
        score.length == 0 ? null : Auc.of(score, outcome), score.length == 0 ? null : Auc.brier(score, outcome));
  }

  private static List<CalibrationBin> deciles(double[] probability, boolean[] bought, double[] forecast,
      List<PurchaseHistory> people) {
    int n = probability.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (i, j) -> Double.compare(probability[i], probability[j]));
    List<CalibrationBin> bins = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      int from = (int) ((long) n * d / 10);
      int to = (int) ((long) n * (d + 1) / 10);
      if (to == from) continue;
      double p = 0;
      double rate = 0;
      double expected = 0;
      double actual = 0;
      for (int k = from; k < to; k++) {
        int i = order[k];
        p += probability[i];
        rate += bought[i] ? 1 : 0;
        expected += forecast[i];
        actual += people.get(i).holdoutPurchases();
      }
      int size = to - from;
      bins.add(new CalibrationBin(d + 1, size, p / size, rate / size, expected / size, actual / size));
    }
    return bins;
  }

  private static int count(boolean[] values) {
    int n = 0;
    for (boolean v : values) if (v) n++;
    return n;
  }

  /** The score judged on the purchase (or churn) outcome, by name. */
  public ScoreCheck score(String name) {
    return scores.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no score named " + name + "; scores: "
            + scores.stream().map(ScoreCheck::name).toList()));
  }

  /**
   * A few lines for jshell and notebooks, which show about 1,000 characters of a value: the split,
   * the forecast used and each score's AUC. {@link #report()} has everything.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Evaluation of %s: calibration to %s, holdout "
        + "to %s, %d customers; forecast used: %s%n", source, calibrationEnd, holdoutEnd, customers, chosen));
    for (ScoreCheck s : scores) {
      if (s.auc() == null) continue;
      out.append(String.format(Locale.ROOT, "  %-36s AUC %.3f%s%n", s.name(), s.auc(), s.chosen() ? "  <- chosen" : ""));
    }
    return out.append("  (report() for the whole report: counts, spend, season, calibration by decile)").toString();
  }

  /** The whole report, as {@code lens evaluate} prints it. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Evaluation of %s: calibration to %s, holdout to %s (%d days), %d customers "
        + "with a purchase by the calibration end%n", source, calibrationEnd, holdoutEnd, holdoutDays, customers));
    out.append("  season: ").append(season).append('\n');
    out.append("  ").append(model).append('\n');
    out.append("  ").append(paretoNbd).append('\n');
    out.append("  ").append(spendModel == null ? "no Gamma-Gamma spend model (too few repeat customers, or q <= 1)"
        : spendModel).append('\n');
    out.append("  learned model: ").append(learnedModel).append('\n');
    out.append("  forecast used: ").append(chosen).append(" (").append(choice).append(")\n");
    if (!innerValidation.isEmpty()) {
      out.append(String.format(Locale.ROOT, "  inner validation (%s):%n", innerValidation.get(0).target()));
      for (ScoreCheck s : innerValidation) {
        out.append(String.format(Locale.ROOT, "    %-28s AUC %.3f  Brier %.4f  log loss %.4f%s%n", s.name(), s.auc(),
            s.brier(), s.logLoss(), s.chosen() ? "  <- chosen" : ""));
      }
    }
    if (!drivers.isEmpty() && !Double.isNaN(drivers.get(0).share())) {
      out.append("  what the learned model leaned on (share of total split gain): ").append(String.join(", ",
          drivers.stream().limit(6).map(d -> String.format(Locale.ROOT, "%s %.0f%%", d.feature(), 100 * d.share()))
              .toList())).append('\n');
    }
    out.append(String.format(Locale.ROOT, "  customers who bought in the holdout: %.1f%%%n", 100 * purchaserShare));
    out.append(String.format(Locale.ROOT, "  %-36s %-36s %9s %6s %7s %8s%n", "score", "target", "customers", "AUC",
        "Brier", "log loss"));
    for (ScoreCheck s : scores) {
      out.append(String.format(Locale.ROOT, "  %-36s %-36s %9d %6s %7s %8s%s%n", s.name(), s.target(), s.customers(),
          s.auc() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.auc()),
          s.brier() == null ? "-" : String.format(Locale.ROOT, "%.4f", s.brier()),
          s.logLoss() == null ? "-" : String.format(Locale.ROOT, "%.4f", s.logLoss()), s.chosen() ? "  <- chosen" : ""));
    }
    out.append(String.format(Locale.ROOT, "  holdout purchase days: actual %d%n", actualPurchases));
    for (CountCheck c : counts) {
      out.append(String.format(Locale.ROOT, "    %-36s forecast %10.1f (%+6.1f%%)  mean absolute error %.3f%n", c.name(),
          c.predictedTotal(), c.actualTotal() == 0 ? Double.NaN : 100 * (c.predictedTotal() - c.actualTotal())
              / c.actualTotal(), c.meanAbsoluteError()));
    }
    if (spend != null) {
      out.append(String.format(Locale.ROOT, "  holdout spend: forecast %,.0f, actual %,.0f (%+.1f%%), mean absolute "
          + "error %,.2f, Spearman %.3f%n    %s%n    %s%n", spend.predictedTotal(), spend.actualTotal(),
          spend.errorPercent(), spend.mae(), spend.spearman(), spend.basis(), spend.seasonality()));
    }
    out.append("  calibration of the forecast used, by decile of P(purchase): forecast vs observed share, forecast vs "
        + "actual purchase days\n");
    for (CalibrationBin b : calibration) {
      out.append(String.format(Locale.ROOT, "    %2d  n=%5d  P %.3f vs %.3f   purchases %.2f vs %.2f%s%n", b.decile(),
          b.customers(), b.meanPredicted(), b.observedRate(), b.meanPredictedPurchases(), b.meanActualPurchases(),
          b.offByMoreThan10Points() ? "   off by more than 10 points" : ""));
    }
    return out.toString();
  }
}
