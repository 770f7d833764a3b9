package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import java.util.Locale;
import org.apache.commons.math3.special.Gamma;

/**
 * A purchase forecast learned from the log with XGBoost's gradient-boosted trees, trained on the
 * calibration period alone: features as of an inner cut-off ({@link BehaviourFeatures}), labels
 * the purchase days from the day after it to the calibration end. It never reads an event after
 * the calibration end: {@link #featuresThrough()} and {@link #labelsThrough()} say what it read.
 *
 * <p>The model is a Poisson regression of the purchase-day count in the window, starting from the
 * mean count (the base margin). Forecasts for another horizon than the window follow
 * {@link #expected}. P(at least one purchase) treats the count
 * as negative binomial around that mean, with a dispersion k fitted on validation customers:
 * P = 1 − (1 + μ/k)^−k.
 *
 * <p>A quarter of the customers (by a seeded hash of the id) are held back to stop the boosting and
 * to fit k; the final model is then trained on all of them for the rounds that stop chose.
 */
final class LearnedForecast implements java.io.Serializable {
  static final String NAME = "learned model (XGBoost)";
  static final String BASIS = "gradient-boosted trees (XGBoost, Poisson objective) on %d behavioural features of "
      + "the log, trained on %d cuts, the latest with features to %s and purchases in the %d days from then to %s";
  private static final int MAX_ROUNDS = 1000;
  private static final int PATIENCE = 30;
  private static final long SEED = 20240601L;
  static final int SNAPSHOT_STEP_DAYS = 30;
  private static final int MAX_SNAPSHOTS = 12;
  private static final int MIN_HISTORY_DAYS = 30;
  private static final int MIN_SNAPSHOT_CUSTOMERS = 50;
  /** Fewer customers than this at the inner cut-off leave too little to learn from. */
  static final int MIN_CUSTOMERS = 200;

  private final Booster booster;
  private final double dispersion;
  private final double dailyRate;
  private final int rounds;
  private final LocalDateTime featuresThrough;
  private final LocalDate labelsThrough;
  private final boolean[] validation;
  private final double[] validationProbability;
  private final double[] validationExpected;
  private final String basis;

  private LearnedForecast(Booster booster, double dispersion, double dailyRate, int rounds, LocalDateTime featuresThrough,
      LocalDate labelsThrough, boolean[] validation, double[] validationProbability, double[] validationExpected,
      String basis) {
    this.booster = booster;
    this.dispersion = dispersion;
    this.dailyRate = dailyRate;
    this.rounds = rounds;
    this.featuresThrough = featuresThrough;
    this.labelsThrough = labelsThrough;
    this.validation = validation;
    this.validationProbability = validationProbability;
    this.validationExpected = validationExpected;
    this.basis = basis;
  }

  /**
   * Trains on {@code inner}, the log split at the inner cut-off with its holdout ending at the
   * calibration end, and {@code innerBgNbd} fitted on it; {@code validation} marks the customers held
   * back, in {@code inner}'s order (see {@link #heldBack}).
   *
   * <p>Besides the inner cut-off, the log is cut every {@value #SNAPSHOT_STEP_DAYS} days earlier, as
   * long as {@value #MIN_HISTORY_DAYS} days of history remain, each cut giving one more example per
   * customer: features to that cut, labels from the same window length after it. All of them end
   * by the calibration end. The customers held back are held back from every cut.
   */
  static LearnedForecast train(EventLog log, Cohort inner, BgNbd innerBgNbd, boolean[] validation) {
    int windowDays = (int) (inner.holdoutEnd().toEpochDay() - inner.calibrationEnd().toEpochDay());
    List<BehaviourFeatures> features = new ArrayList<>();
    List<float[]> labels = new ArrayList<>();
    List<boolean[]> held = new ArrayList<>();
    features.add(BehaviourFeatures.of(log, inner, innerBgNbd, windowDays));
    labels.add(labels(inner));
    held.add(validation);
    List<LocalDate> cuts = new ArrayList<>();
    for (int k = 1; k <= MAX_SNAPSHOTS; k++) {
      LocalDate cut = inner.calibrationEnd().minusDays((long) k * SNAPSHOT_STEP_DAYS);
      if (cut.toEpochDay() - log.firstDate().toEpochDay() < MIN_HISTORY_DAYS) break;
      cuts.add(cut);
    }
    // Each cut fits its own BG/NBD for its features: independent work, spread over the cores.
    List<Cohort> earlier = cuts.parallelStream().map(cut -> Cohort.of(log, cut, cut.plusDays(windowDays), Cohort.WEEK))
        .takeWhile(c -> c.customers().size() >= MIN_SNAPSHOT_CUSTOMERS).toList();
    List<BehaviourFeatures> earlierFeatures = earlier.parallelStream()
        .map(c -> BehaviourFeatures.of(log, c, BgNbd.fit(c), windowDays)).toList();
    for (int k = 0; k < earlier.size(); k++) {
      Cohort c = earlier.get(k);
      features.add(earlierFeatures.get(k));
      labels.add(labels(c));
      boolean[] h = new boolean[c.customers().size()];
      for (int i = 0; i < h.length; i++) h[i] = heldBack(c.customers().get(i).customerId());
      held.add(h);
    }
    double total = 0;
    double rows = 0;
    for (float[] y : labels) {
      for (float v : y) total += v;
      rows += y.length;
    }
    // The base margin: ln(window × the mean daily rate), so the trees start from the mean count.
    double dailyRate = Math.max(total, 1) / rows / windowDays;
    float margin = (float) Math.log(windowDays * dailyRate);
    LocalDateTime through = null;
    for (BehaviourFeatures f : features) {
      if (f.lastEventUsed() != null && (through == null || f.lastEventUsed().isAfter(through))) through = f.lastEventUsed();
    }
    try {
      DMatrix fit = matrix(features, labels, held, Use.TRAIN, margin);
      DMatrix check = matrix(features, labels, held, Use.CHECK, margin);
      float[] checkLabels = check.getLabel();
      Booster early = XGBoost.train(fit, parameters(), 0, new HashMap<>(), null, null);
      double bestLoss = Double.POSITIVE_INFINITY;
      int rounds = 0;
      // Early stopping by hand, on the held-back customers' Poisson deviance: XGBoost's own logs every round.
      for (int round = 0; round < MAX_ROUNDS && round - rounds < PATIENCE; round++) {
        early.update(fit, round);
        float[][] predicted = early.predict(check);
        double loss = 0;
        for (int i = 0; i < predicted.length; i++) loss += predicted[i][0] - checkLabels[i] * Math.log(predicted[i][0]);
        if (loss < bestLoss - 1e-9) {
          bestLoss = loss;
          rounds = round + 1;
        }
      }
      float[][] predicted = early.predict(check, false, Math.max(1, rounds));
      List<Double> mu = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < predicted.length; i++) {
        mu.add((double) predicted[i][0]);
        y.add((double) checkLabels[i]);
      }
      double dispersion = dispersion(mu, y);
      double[] probability = new double[mu.size()];
      double[] expected = new double[mu.size()];
      for (int k = 0; k < probability.length; k++) {
        expected[k] = mu.get(k);
        probability[k] = buys(expected[k], dispersion);
      }
      Booster all = XGBoost.train(matrix(features, labels, held, Use.ALL, margin), parameters(), Math.max(1, rounds),
          new HashMap<>(), null, null);
      return new LearnedForecast(all, dispersion, dailyRate, rounds, through, inner.holdoutEnd(), validation,
          probability, expected, String.format(Locale.ROOT, BASIS, BehaviourFeatures.NAMES.size(), features.size(),
              inner.calibrationEnd(), windowDays, inner.holdoutEnd()));
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
    }
  }

  private static float[] labels(Cohort cohort) {
    float[] y = new float[cohort.customers().size()];
    for (int i = 0; i < y.length; i++) y[i] = cohort.customers().get(i).holdoutPurchases();
    return y;
  }

  /**
   * Whether a customer is one of the quarter held back for validation: a seeded hash of the id, so
   * that the same customer is held back at every cut.
   */
  static boolean heldBack(String customerId) {
    return Math.floorMod(Objects.hash(SEED, customerId), 4) == 0;
  }

  /** Which rows a matrix takes: training (every cut, not held back), validation (the inner cut, held back), all. */
  private enum Use { TRAIN, CHECK, ALL }

  private static DMatrix matrix(List<BehaviourFeatures> features, List<float[]> labels, List<boolean[]> held, Use use,
      float margin) throws XGBoostError {
    int width = BehaviourFeatures.NAMES.size();
    List<int[]> rows = new ArrayList<>();
    for (int s = 0; s < features.size(); s++) {
      for (int i = 0; i < features.get(s).rows(); i++) {
        boolean take = switch (use) {
          case TRAIN -> !held.get(s)[i];
          case CHECK -> s == 0 && held.get(s)[i];
          case ALL -> true;
        };
        if (take) rows.add(new int[] {s, i});
      }
    }
    float[] x = new float[rows.size() * width];
    float[] y = new float[rows.size()];
    float[] m = new float[rows.size()];
    for (int k = 0; k < rows.size(); k++) {
      int s = rows.get(k)[0];
      int i = rows.get(k)[1];
      System.arraycopy(features.get(s).values(), i * width, x, k * width, width);
      y[k] = labels.get(s)[i];
      m[k] = margin;
    }
    DMatrix matrix = new DMatrix(x, rows.size(), width, Float.NaN);
    matrix.setLabel(y);
    matrix.setBaseMargin(m);
    return matrix;
  }

  private static Map<String, Object> parameters() {
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "count:poisson");
    p.put("eta", 0.05);
    p.put("max_depth", 4);
    p.put("min_child_weight", 5);
    p.put("subsample", 0.8);
    p.put("colsample_bytree", 0.8);
    p.put("lambda", 1.0);
    p.put("seed", (int) SEED);
    // One thread: the machine is shared, the data small, and the trees then come out the same on every run.
    p.put("nthread", 1);
    p.put("verbosity", 0);
    return p;
  }

  /** The k that maximises the negative binomial likelihood of the counts y around the means mu. */
  static double dispersion(List<Double> mu, List<Double> y) {
    double bestK = 1;
    double best = Double.NEGATIVE_INFINITY;
    // A grid over log k is enough for one parameter, and cannot wander off as a search can.
    for (double logK = -4; logK <= 6; logK += 0.05) {
      double k = Math.exp(logK);
      double sum = 0;
      for (int i = 0; i < mu.size(); i++) {
        double m = Math.max(mu.get(i), 1e-9);
        double yi = y.get(i);
        sum += Gamma.logGamma(yi + k) - Gamma.logGamma(k) + k * Math.log(k / (k + m)) + yi * Math.log(m / (k + m));
      }
      if (sum > best) {
        best = sum;
        bestK = k;
      }
    }
    return bestK;
  }

  static double buys(double mean, double dispersion) {
    return -Math.expm1(-dispersion * Math.log1p(mean / dispersion));
  }

  /**
   * Expected purchase days over the next {@code horizonDays} for {@code cohort}'s customers, as of its
   * calibration end. The trees forecast the {@code windowDays} they were trained on; a longer or
   * shorter horizon takes each customer's forecast through the time-shape of {@code bgNbd}, fitted
   * on the same days: μ_H = μ_window × E_BG/NBD[purchases in H] / E_BG/NBD[purchases in window]. The
   * trees set the level, the repeat-purchase model how it wanes with dropout; with no dropout found
   * that ratio is H / window, a steady rate, which is also used where the BG/NBD cannot be evaluated.
   */
  double[] expected(EventLog log, Cohort cohort, BgNbd bgNbd, int horizonDays, int windowDays) {
    BehaviourFeatures features = BehaviourFeatures.of(log, cohort, bgNbd, windowDays);
    boolean[] none = new boolean[features.rows()];
    try {
      float[][] out = booster.predict(matrix(List.of(features), List.of(new float[features.rows()]), List.of(none),
          Use.ALL, (float) Math.log(windowDays * dailyRate)));
      double[] mu = new double[out.length];
      double horizon = (double) horizonDays / cohort.periodDays();
      double window = (double) windowDays / cohort.periodDays();
      for (int i = 0; i < out.length; i++) {
        PurchaseHistory c = cohort.customers().get(i);
        double inWindow = BehaviourFeatures.bgNbdForecast(bgNbd, window, c);
        double inHorizon = BehaviourFeatures.bgNbdForecast(bgNbd, horizon, c);
        double ratio = inHorizon / inWindow;
        mu[i] = out[i][0] * (horizonDays == windowDays || !(ratio > 0 && Double.isFinite(ratio))
            ? (double) horizonDays / windowDays : ratio);
      }
      return mu;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to predict: " + e.getMessage(), e);
    }
  }

  double probability(double expected) {
    return buys(expected, dispersion);
  }

  /**
   * The features by their share of the total gain of every split on them (XGBoost's total_gain),
   * largest first: which parts of the log the trees leaned on, over all customers.
   */
  List<Driver> importance() {
    try {
      String[] names = BehaviourFeatures.NAMES.toArray(String[]::new);
      Map<String, Double> gain = booster.getScore(names, "total_gain");
      double total = gain.values().stream().mapToDouble(Double::doubleValue).sum();
      List<Driver> out = new ArrayList<>();
      gain.forEach((name, g) -> out.add(new Driver(name, g / total)));
      out.sort(Comparator.comparingDouble(Driver::share).reversed());
      return out;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to report importance: " + e.getMessage(), e);
    }
  }

  boolean[] validation() {
    return validation;
  }

  double[] validationProbability() {
    return validationProbability;
  }

  double[] validationExpected() {
    return validationExpected;
  }

  int rounds() {
    return rounds;
  }

  double dispersion() {
    return dispersion;
  }

  String basis() {
    return basis;
  }

  /** The latest event the training features read: on or before the inner cut-off. */
  LocalDateTime featuresThrough() {
    return featuresThrough;
  }

  /** The last day the training labels counted: the calibration end. */
  LocalDate labelsThrough() {
    return labelsThrough;
  }
}
