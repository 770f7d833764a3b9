package dev.customerlens.clv;

import dev.customerlens.export.TextTable;
import dev.customerlens.events.EventLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * Forecasts checked against what happened: the log is split at a calibration end, the BG/NBD is
 * fitted on the calibration period alone, and its forecasts for the holdout (every day after the
 * calibration end, to the log's last day) are compared with the purchases the holdout shows.
 * Customers are those with a purchase by the calibration end; purchases are distinct days.
 *
 * <ul>
 *   <li>Counts: total forecast against actual purchases in the holdout, and the mean absolute error
 *       per customer, beside a naive forecast that extends each customer's calibration rate (x / T).
 *   <li>"Will buy in the holdout": the model's P(at least one purchase) as a classifier, by AUC and
 *       Brier score, with a calibration table by decile; beside simple baselines (recency alone, the
 *       RFM score, a constant share) and any outside churn scores, such as the profile-based
 *       {@link dev.customerlens.predict.Predictor}'s, judged on churn = no purchase in the holdout.
 * </ul>
 *
 * For a churn score, AUC is for ranking churners first; it equals the AUC of its complement for
 * ranking buyers first, so every AUC in the report reads the same way.
 *
 * @param calibrationEnd last calibration day, ISO-8601
 * @param holdoutEnd last holdout day, ISO-8601
 * @param customers customers with a purchase by the calibration end
 * @param model the BG/NBD fitted on the calibration period
 * @param actualPurchases purchase days in the holdout, over all customers
 * @param predictedPurchases the model's forecast of {@code actualPurchases}
 * @param aggregateErrorPercent (predicted − actual) / actual, in percent
 * @param meanAbsoluteError mean over customers of |forecast − actual| purchase days
 * @param naiveMeanAbsoluteError the same for the forecast x / T × holdout length
 * @param purchaserShare share of customers who bought in the holdout
 * @param scores the model's classifier first, then the baselines and outside scores
 * @param calibration the model's forecasts by decile
 */
public record Evaluation(String source, String calibrationEnd, String holdoutEnd, int holdoutDays, int customers,
    BgNbd model, long actualPurchases, double predictedPurchases, double aggregateErrorPercent,
    double meanAbsoluteError, double naiveMeanAbsoluteError, double purchaserShare, List<ScoreCheck> scores,
    List<CalibrationBin> calibration) {

  public static final String PURCHASE = "purchase in the holdout";
  public static final String CHURN = "no purchase in the holdout (churn)";

  public Evaluation {
    Objects.requireNonNull(model, "model");
    scores = List.copyOf(scores);
    calibration = List.copyOf(calibration);
  }

  /** Calibration up to and including {@code calibrationEnd}; holdout from the next day to the log's last day. */
  public static Evaluation of(EventLog log, LocalDate calibrationEnd) {
    return of(log, calibrationEnd, List.of());
  }

  public static Evaluation of(EventLog log, LocalDate calibrationEnd, List<ChurnScore> outsideScores) {
    Cohort cohort = Cohort.of(log, calibrationEnd);
    if (!cohort.hasHoldout()) {
      throw new IllegalArgumentException("the log ends on " + log.lastDate() + ", so a calibration end of "
          + calibrationEnd + " leaves no holdout to evaluate on");
    }
    if (cohort.customers().isEmpty()) {
      throw new IllegalArgumentException("no customer bought by " + calibrationEnd + "; choose a later calibration end");
    }
    return of(cohort, rfmTotals(log, calibrationEnd), outsideScores);
  }

  private static Map<String, Double> rfmTotals(EventLog log, LocalDate asOf) {
    Table rfm = log.rfm(asOf);
    Map<String, Double> totals = new HashMap<>();
    for (int i = 0; i < rfm.rowCount(); i++) {
      totals.put(rfm.stringColumn("customer_id").get(i), (double) rfm.intColumn("rfm_total").getInt(i));
    }
    return totals;
  }

  private static Evaluation of(Cohort cohort, Map<String, Double> rfmTotal, List<ChurnScore> outsideScores) {
    BgNbd model = BgNbd.fit(cohort);
    List<PurchaseHistory> people = cohort.customers();
    int n = people.size();
    double t = cohort.holdoutPeriods();
    double[] forecast = new double[n];
    double[] buys = new double[n];
    boolean[] bought = new boolean[n];
    boolean[] churned = new boolean[n];
    double predicted = 0;
    long actual = 0;
    double absolute = 0;
    double naiveAbsolute = 0;
    int repeaters = 0;
    for (int i = 0; i < n; i++) {
      PurchaseHistory c = people.get(i);
      forecast[i] = model.expectedPurchases(t, c.repeatPurchases(), c.recency(), c.age());
      buys[i] = 1 - model.probabilityOfNoPurchase(t, c.repeatPurchases(), c.recency(), c.age());
      bought[i] = c.holdoutPurchases() > 0;
      churned[i] = !bought[i];
      predicted += forecast[i];
      actual += c.holdoutPurchases();
      absolute += Math.abs(forecast[i] - c.holdoutPurchases());
      double naive = c.age() > 0 ? c.repeatPurchases() / c.age() * t : 0;
      naiveAbsolute += Math.abs(naive - c.holdoutPurchases());
      if (c.repeatPurchases() > 0) repeaters++;
    }

    List<ScoreCheck> scores = new ArrayList<>();
    scores.add(new ScoreCheck("BG/NBD P(purchase in holdout)", PURCHASE,
        "1 - P(no purchase in the holdout | x, t_x, T) under the BG/NBD fitted on the calibration period", n,
        Auc.of(buys, bought), Auc.brier(buys, bought)));
    double[] recency = new double[n];
    double[] rfm = new double[n];
    for (int i = 0; i < n; i++) {
      PurchaseHistory c = people.get(i);
      recency[i] = -(c.age() - c.recency());
      rfm[i] = rfmTotal.getOrDefault(c.customerId(), 0.0);
    }
    scores.add(new ScoreCheck("recency", PURCHASE, "days since the last purchase at the calibration end, fewest first",
        n, Auc.of(recency, bought), null));
    scores.add(new ScoreCheck("RFM score", PURCHASE, "sum of the recency, frequency and monetary quintile scores "
        + "(3 to 15) at the calibration end", n, Auc.of(rfm, bought), null));
    double share = (double) repeaters / n;
    double[] constant = new double[n];
    Arrays.fill(constant, share);
    scores.add(new ScoreCheck("population average", PURCHASE, String.format(Locale.ROOT,
        "the same probability for everyone: the share of customers who made a repeat purchase in the calibration "
            + "period (%.3f)", share), n, Auc.of(constant, bought), Auc.brier(constant, bought)));
    for (ChurnScore outside : outsideScores) scores.add(check(outside, people, churned));

    return new Evaluation(cohort.source(), cohort.calibrationEnd().toString(), cohort.holdoutEnd().toString(),
        (int) (cohort.holdoutEnd().toEpochDay() - cohort.calibrationEnd().toEpochDay()), n, model, actual, predicted,
        actual == 0 ? Double.NaN : 100 * (predicted - actual) / actual, absolute / n, naiveAbsolute / n,
        count(bought) / (double) n, scores, deciles(buys, bought, forecast, people));
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

  /** The headline and the scores; {@link #calibrationText()} adds the calibration by decile. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(TextTable.wrap(String.format(Locale.ROOT, "Evaluation of %s: calibration to %s, holdout %s (%d days), "
        + "%d customers", source, calibrationEnd, holdoutEnd, holdoutDays, customers), TextTable.TERMINAL.width(), "  "))
        .append('\n');
    out.append("  ").append(model).append('\n');
    out.append(String.format(Locale.ROOT, "  holdout purchases: forecast %.1f, actual %d (%+.1f%%)%n",
        predictedPurchases, actualPurchases, aggregateErrorPercent));
    out.append(String.format(Locale.ROOT, "  mean absolute error per customer: %.3f (naive x/T rate: %.3f)%n",
        meanAbsoluteError, naiveMeanAbsoluteError));
    out.append(String.format(Locale.ROOT, "  customers who bought in the holdout: %.1f%%%n", 100 * purchaserShare));
    out.append(String.format(Locale.ROOT, "  %-31s %-34s %9s %6s %6s%n", "score", "target", "customers", "AUC", "Brier"));
    for (ScoreCheck s : scores) {
      out.append(String.format(Locale.ROOT, "  %-31s %-34s %9d %6s %6s%n", s.name(), s.target(), s.customers(),
          s.auc() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.auc()),
          s.brier() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.brier())));
    }
    return out.toString();
  }

  /** The calibration by decile of P(purchase), as {@code lens evaluate} prints it after {@link #toString()}. */
  public String calibrationText() {
    StringBuilder out = new StringBuilder("  calibration by decile of P(purchase): forecast vs observed share, forecast vs actual purchases\n");
    for (CalibrationBin b : calibration) {
      out.append(String.format(Locale.ROOT, "    %2d  n=%5d  P %.3f vs %.3f   purchases %.2f vs %.2f%n", b.decile(),
          b.customers(), b.meanPredicted(), b.observedRate(), b.meanPredictedPurchases(), b.meanActualPurchases()));
    }
    return out.toString();
  }
}
