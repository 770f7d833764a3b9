package dev.customerlens.timeline;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.customerlens.clv.Auc;
import dev.customerlens.clv.CustomerForecast;
import dev.customerlens.clv.ForecastOptions;
import dev.customerlens.clv.PurchaseHistory;
import dev.customerlens.clv.RepeatPurchaseModel;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.EventType;
import dev.customerlens.predict.Predictor;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Whether a log's customers in a later period still look like those of an earlier one: for every
 * numeric feature and score, the population stability index and the change in mean, and the
 * repeat-purchase forecast's AUC in each period.
 *
 * <p>Each period's customers are those with an event in it, with features derived from that
 * period's events alone ({@link EventLog#window}), so that features which grow with time (tenure,
 * spend so far) compare like with like. Scores come from a BG/NBD and Gamma-Gamma fitted to each
 * period. RFM quintiles and spend_percentile are left out: ranks within a period are uniform by
 * construction, so their inputs (recency, frequency, spend) are compared instead.
 *
 * <p>{@value #FORMULA}
 */
public record Drift(String source, Period earlier, Period later, List<FeatureDrift> features, Double aucEarlier,
    Double aucLater, String aucBasis) {
  public static final double WATCH = 0.1;
  public static final double ACT = 0.25;
  /** Replaces an empty bin's share, so its logarithm stays finite. */
  public static final double EPSILON = 1e-4;
  public static final String FORMULA = "PSI = Σ over bins (later% − earlier%) × ln(later% / earlier%), with bins at the "
      + "earlier period's deciles (equal cut points merged), missing values in a bin of their own and an empty bin's "
      + "share taken as " + EPSILON + "; below " + WATCH + " stable, " + WATCH + " to " + ACT + " watch, " + ACT
      + " or more act";
  /** Ranks within a period: uniform whatever the customers do. */
  private static final Set<String> RANKS = Set.of("r_score", "f_score", "m_score", "spend_percentile");
  /** The scores of the model fitted to each period, beside the features. */
  private static final Set<String> SCORES = Set.of("churn_risk", "p_alive", "expected_purchases_90d", "clv");
  private static final int HORIZON_DAYS = 90;

  /** The days of one period, both included, and its customers (those with an event in it). */
  public record Period(@JsonSerialize(using = ToStringSerializer.class) LocalDate first,
      @JsonSerialize(using = ToStringSerializer.class) LocalDate last, int customers) {}

  /**
   * @param meanEarlier mean over the customers who have a value; null when none has
   * @param psi null when the feature has no values in one of the periods
   * @param level stable, watch or act by {@link #WATCH} and {@link #ACT}; or why it cannot be compared
   */
  public record FeatureDrift(String name, String kind, Double meanEarlier, Double meanLater, Double psi, String level) {
    /** Later minus earlier mean; null when either is. */
    public Double meanChange() {
      return meanEarlier == null || meanLater == null ? null : meanLater - meanEarlier;
    }
  }

  /** The {@code days} ending on {@code from} against the {@code days} ending on {@code to}. */
  public static Drift of(EventLog log, LocalDate from, LocalDate to, int days, Predictor predictor) {
    if (days < 1) throw new WorkspaceException("a period must last at least a day, was " + days);
    if (!to.isAfter(from)) throw new WorkspaceException("the later day " + to + " must be after the earlier day " + from);
    if (ChronoUnit.DAYS.between(from, to) < days) {
      throw new WorkspaceException("periods of " + days + " days ending on " + from + " and " + to + " would overlap; "
          + "choose dates at least " + days + " days apart or fewer days");
    }
    return between(log, from.minusDays(days - 1L), from, to.minusDays(days - 1L), to, predictor);
  }

  public static Drift between(EventLog log, LocalDate earlierFirst, LocalDate earlierLast, LocalDate laterFirst,
      LocalDate laterLast, Predictor predictor) {
    if (earlierFirst.isBefore(log.firstDate())) {
      throw new WorkspaceException("the earlier period would start on " + earlierFirst + ", before " + log.source()
          + " does (" + log.firstDate() + ")");
    }
    EventLog before = log.window(earlierFirst, earlierLast);
    EventLog after = log.window(laterFirst, laterLast);
    for (EventLog period : List.of(before, after)) {
      if (period.rowCount() == 0) {
        throw new WorkspaceException("no customer of " + log.source() + " had an event from " + (period == before
            ? earlierFirst + " to " + earlierLast : laterFirst + " to " + laterLast) + ": there is nobody to compare");
      }
    }
    Table a = features(before, predictor);
    Table b = features(after, predictor);
    List<FeatureDrift> out = new ArrayList<>();
    for (String name : a.columnNames()) {
      if (RANKS.contains(name) || !(a.column(name) instanceof NumericColumn<?> x)) continue;
      String kind = SCORES.contains(name) ? "score" : "feature";
      double[] earlier = x.asDoubleArray();
      double[] later = ((NumericColumn<?>) b.column(name)).asDoubleArray();
      Double meanA = mean(earlier);
      Double meanB = mean(later);
      if (meanA == null || meanB == null) {
        out.add(new FeatureDrift(name, kind, meanA, meanB, null, "no values in " + (meanA == null && meanB == null
            ? "either period" : meanA == null ? "the earlier period" : "the later period")));
        continue;
      }
      double psi = psi(earlier, later);
      out.add(new FeatureDrift(name, kind, meanA, meanB, psi, psi >= ACT ? "act" : psi >= WATCH ? "watch" : "stable"));
    }
    Double[] auc = auc(log, earlierFirst, earlierLast, laterFirst, laterLast);
    String aucBasis = String.format(Locale.ROOT, "P(purchase in the period) under a BG/NBD fitted to the log up to %s, "
        + "judged on who bought in %s to %s; the same fitted parameters, with each customer's history up to %s, "
        + "judged on %s to %s", earlierFirst.minusDays(1), earlierFirst, earlierLast, laterFirst.minusDays(1),
        laterFirst, laterLast);
    return new Drift(log.source(), new Period(earlierFirst, earlierLast, a.rowCount()),
        new Period(laterFirst, laterLast, b.rowCount()), out, auc[0], auc[1], aucBasis);
  }

  /** The period's features, and the scores of a model fitted to it (missing for customers without a purchase). */
  private static Table features(EventLog period, Predictor predictor) {
    Table features = CustomerFeatures.of(period);
    RepeatPurchaseModel model = RepeatPurchaseModel.fit(period);
    Map<String, CustomerForecast> byId = new LinkedHashMap<>();
    for (CustomerForecast f : model.forecasts(new ForecastOptions(HORIZON_DAYS, 365 * predictor.clvYears(),
        predictor.discountRate()))) {
      byId.put(f.customerId(), f);
    }
    StringColumn ids = features.stringColumn("customer_id");
    DoubleColumn churn = DoubleColumn.create("churn_risk");
    DoubleColumn alive = DoubleColumn.create("p_alive");
    DoubleColumn expected = DoubleColumn.create("expected_purchases_90d");
    DoubleColumn clv = DoubleColumn.create("clv");
    for (int i = 0; i < ids.size(); i++) {
      CustomerForecast f = byId.get(ids.get(i));
      churn.append(f == null ? Double.NaN : f.churnRisk());
      alive.append(f == null || f.probabilityAlive() == null ? Double.NaN : f.probabilityAlive());
      expected.append(f == null ? Double.NaN : f.expectedPurchases());
      clv.append(f == null || f.clv() == null ? Double.NaN : f.clv());
    }
    return features.addColumns(churn, alive, expected, clv);
  }

  private static Double mean(double[] values) {
    var mean = Arrays.stream(values).filter(v -> !Double.isNaN(v)).average();
    return mean.isPresent() ? mean.getAsDouble() : null;
  }

  /** {@link #FORMULA}, over the values' bins. */
  static double psi(double[] earlier, double[] later) {
    double[] present = Arrays.stream(earlier).filter(v -> !Double.isNaN(v)).sorted().toArray();
    TreeSet<Double> cuts = new TreeSet<>();
    for (int d = 1; d < 10; d++) cuts.add(Stability.percentile(present, d / 10.0));
    double[] edges = cuts.stream().mapToDouble(Double::doubleValue).toArray();
    double[] e = shares(earlier, edges);
    double[] l = shares(later, edges);
    double psi = 0;
    for (int i = 0; i < e.length; i++) {
      double ei = Math.max(e[i], EPSILON);
      double li = Math.max(l[i], EPSILON);
      psi += (li - ei) * Math.log(li / ei);
    }
    return psi;
  }

  /** Shares of values at or below each edge (after the previous one), above the last, and missing. */
  private static double[] shares(double[] values, double[] edges) {
    double[] counts = new double[edges.length + 2];
    for (double v : values) {
      if (Double.isNaN(v)) {
        counts[edges.length + 1]++;
        continue;
      }
      int bin = Arrays.binarySearch(edges, v);
      counts[bin >= 0 ? bin : -bin - 1]++;
    }
    for (int i = 0; i < counts.length; i++) counts[i] /= values.length;
    return counts;
  }

  /** AUC of P(purchase) in the earlier and the later period: the model fitted once, judged twice. */
  private static Double[] auc(EventLog log, LocalDate earlierFirst, LocalDate earlierLast, LocalDate laterFirst,
      LocalDate laterLast) {
    LocalDate fitEnd = earlierFirst.minusDays(1);
    if (fitEnd.isBefore(log.firstDate())) return new Double[] {null, null};
    RepeatPurchaseModel fitted = RepeatPurchaseModel.fit(log.until(fitEnd));
    if (fitted.cohort().customers().isEmpty()) return new Double[] {null, null};
    return new Double[] {auc(fitted, log, earlierFirst, earlierLast),
        auc(fitted.refreshed(log.until(laterFirst.minusDays(1))), log, laterFirst, laterLast)};
  }

  private static Double auc(RepeatPurchaseModel model, EventLog log, LocalDate first, LocalDate last) {
    double periods = (ChronoUnit.DAYS.between(first, last) + 1.0) / model.cohort().periodDays();
    Set<String> bought = buyers(log, first, last);
    List<PurchaseHistory> customers = model.cohort().customers();
    double[] score = new double[customers.size()];
    boolean[] positive = new boolean[customers.size()];
    for (int i = 0; i < score.length; i++) {
      PurchaseHistory c = customers.get(i);
      score[i] = 1 - model.purchases().probabilityOfNoPurchase(periods, c.repeatPurchases(), c.recency(), c.age());
      positive[i] = bought.contains(c.customerId());
    }
    return Auc.of(score, positive);
  }

  private static Set<String> buyers(EventLog log, LocalDate first, LocalDate last) {
    Table events = log.table();
    StringColumn ids = events.stringColumn(EventLog.CUSTOMER_ID);
    StringColumn types = events.stringColumn(EventLog.EVENT);
    var times = events.dateTimeColumn(EventLog.TIMESTAMP);
    String purchase = EventType.PURCHASE.label();
    Set<String> out = new HashSet<>();
    for (int i = 0; i < events.rowCount(); i++) {
      LocalDate day = times.get(i).toLocalDate();
      if (!day.isBefore(first) && !day.isAfter(last) && types.get(i).equals(purchase)) out.add(ids.get(i));
    }
    return out;
  }

  /** The features at or above {@code threshold}, in order. */
  public List<String> flagged(double threshold) {
    return features.stream().filter(f -> f.psi() != null && f.psi() >= threshold).map(FeatureDrift::name).toList();
  }

  /**
   * name, kind, mean_earlier, mean_later, mean_change, psi and level, one row per feature and score,
   * for people to read: numbers as text with four significant digits (PSI with three decimals),
   * since a PSI of 0.031 and a churn risk of 0.45 would both read 0.0 in one-decimal measure style.
   */
  public Table table() {
    return Table.create("drift " + earlier.first() + ".." + earlier.last() + " to " + later.first() + ".." + later.last(),
        StringColumn.create("name", features.stream().map(FeatureDrift::name)),
        StringColumn.create("kind", features.stream().map(FeatureDrift::kind)),
        StringColumn.create("mean_earlier", features.stream().map(f -> significant(f.meanEarlier()))),
        StringColumn.create("mean_later", features.stream().map(f -> significant(f.meanLater()))),
        StringColumn.create("mean_change", features.stream().map(f -> significant(f.meanChange()))),
        StringColumn.create("psi", features.stream().map(f -> f.psi() == null ? "" : String.format(Locale.ROOT, "%.3f", f.psi()))),
        StringColumn.create("level", features.stream().map(FeatureDrift::level)));
  }

  private static String significant(Double value) {
    if (value == null) return "";
    return String.format(Locale.ROOT, Math.abs(value) >= 1000 ? "%,.0f" : "%.4g", value);
  }
}
