package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.EventType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the log says about each customer as of a cut-off, as numbers a learned model can read: one
 * row per customer of a {@link Cohort}, from that customer's events on or before the cut-off and
 * nothing later. Events after it are never read; {@link #lastEventUsed} records the latest one that
 * was, so that a test can hold the learned model to that promise.
 *
 * <p>A transaction log keeps one purchase per invoice with its amount; the lines the reader left
 * out (cancellations, returns) are counted for the whole file only, so no per-customer return share
 * can be had from an {@link EventLog}. Weekday and hour come from the purchase times (hour missing
 * for a log of dates alone); views and carts count only in an event log that has them.
 */
final class BehaviourFeatures {
  /** Feature names, in column order. */
  static final List<String> NAMES = List.of("days_since_last_purchase", "days_since_first_purchase",
      "purchase_days", "orders", "total_spend", "mean_order_value", "mean_days_between_purchases",
      "days_between_last_two_purchases", "purchase_days_last_30", "purchase_days_last_90",
      "purchase_days_90_to_180_ago", "spend_last_90", "spend_90_to_180_ago", "purchase_days_same_season_last_year",
      "share_of_purchases_at_weekends", "mean_purchase_hour", "categories_bought", "views_last_30", "carts_last_30",
      "bgnbd_p_alive", "bgnbd_expected_purchases");

  private final float[] values;
  private final int rows;
  private final LocalDateTime lastEventUsed;

  private BehaviourFeatures(float[] values, int rows, LocalDateTime lastEventUsed) {
    this.values = values;
    this.rows = rows;
    this.lastEventUsed = lastEventUsed;
  }

  /**
   * The features of {@code cohort}'s customers as of its calibration end, the repeat-purchase
   * summaries included through {@code bgNbd}, fitted on the cohort; {@code windowDays} is the window of
   * the seasonal and BG/NBD forecast features, the same at training and at prediction.
   */
  static BehaviourFeatures of(EventLog log, Cohort cohort, BgNbd bgNbd, int windowDays) {
    LocalDate asOf = cohort.calibrationEnd();
    List<PurchaseHistory> people = cohort.customers();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < people.size(); i++) index.put(people.get(i).customerId(), i);
    int n = people.size();
    Accumulator[] acc = new Accumulator[n];
    for (int i = 0; i < n; i++) acc[i] = new Accumulator();
    Table events = log.table();
    StringColumn ids = events.stringColumn(EventLog.CUSTOMER_ID);
    var times = events.dateTimeColumn(EventLog.TIMESTAMP);
    StringColumn types = events.stringColumn(EventLog.EVENT);
    StringColumn categories = events.stringColumn(EventLog.CATEGORY);
    DoubleColumn amounts = events.doubleColumn(EventLog.AMOUNT);
    boolean timesOfDay = log.summary().timesOfDay();
    long cut = asOf.toEpochDay();
    LocalDate seasonStart = asOf.minusYears(1);
    LocalDate seasonEnd = seasonStart.plusDays(windowDays);
    LocalDateTime lastUsed = null;
    for (int row = 0; row < events.rowCount(); row++) {
      LocalDateTime at = times.get(row);
      LocalDate day = at.toLocalDate();
      if (day.isAfter(asOf)) continue;
      Integer who = index.get(ids.get(row));
      if (who == null) continue;
      if (lastUsed == null || at.isAfter(lastUsed)) lastUsed = at;
      Accumulator a = acc[who];
      long ago = cut - day.toEpochDay();
      String type = types.get(row);
      if (type.equals(EventType.VIEW.label())) {
        if (ago < 30) a.views++;
        continue;
      }
      if (type.equals(EventType.CART.label())) {
        if (ago < 30) a.carts++;
        continue;
      }
      double amount = amounts.isMissing(row) ? 0 : amounts.getDouble(row);
      a.orders++;
      a.spend += amount;
      if (ago < 90) a.spend90 += amount;
      else if (ago < 180) a.spend180 += amount;
      if (timesOfDay) a.hours += at.getHour();
      if (!categories.get(row).isBlank()) a.categories.add(categories.get(row));
      if (a.days.add(day.toEpochDay())) {
        if (ago < 30) a.days30++;
        if (ago < 90) a.days90++;
        else if (ago < 180) a.days180++;
        if (day.isAfter(seasonStart) && !day.isAfter(seasonEnd)) a.season++;
        if (day.getDayOfWeek().getValue() >= 6) a.weekend++;
      }
    }
    double window = (double) windowDays / cohort.periodDays();
    int width = NAMES.size();
    float[] values = new float[n * width];
    for (int i = 0; i < n; i++) {
      PurchaseHistory c = people.get(i);
      Accumulator a = acc[i];
      List<Long> days = new ArrayList<>(a.days);
      days.sort(null);
      int k = days.size();
      double first = days.get(0);
      double last = days.get(k - 1);
      double[] row = {cut - last, cut - first, k, a.orders, a.spend, a.spend / a.orders,
          k > 1 ? (last - first) / (k - 1) : Double.NaN, k > 1 ? last - days.get(k - 2) : Double.NaN, a.days30,
          a.days90, a.days180, a.spend90, a.spend180, a.season, (double) a.weekend / k,
          timesOfDay ? a.hours / a.orders : Double.NaN, a.categories.size(), a.views, a.carts,
          bgNbd.dropoutIdentified() ? bgNbd.probabilityAlive(c.repeatPurchases(), c.recency(), c.age()) : Double.NaN,
          bgNbdForecast(bgNbd, window, c)};
      for (int j = 0; j < width; j++) values[i * width + j] = (float) row[j];
    }
    return new BehaviourFeatures(values, n, lastUsed);
  }

  /**
   * The BG/NBD's expected purchases in the window, or NaN (a missing feature, which the trees route
   * on their own) where a fit on a short early cut has parameters for which neither the closed form
   * nor the numerical integral settles.
   */
  static double bgNbdForecast(BgNbd bgNbd, double window, PurchaseHistory c) {
    try {
      return bgNbd.expectedPurchases(window, c.repeatPurchases(), c.recency(), c.age());
    } catch (TooManyEvaluationsException unsettled) {
      return Double.NaN;
    }
  }

  private static final class Accumulator {
    final Set<Long> days = new HashSet<>();
    final Set<String> categories = new HashSet<>();
    int orders;
    double spend;
    double spend90;
    double spend180;
    int days30;
    int days90;
    int days180;
    int season;
    int weekend;
    double hours;
    int views;
    int carts;
  }

  /** Row-major, {@link #NAMES} wide; NaN where a feature is undefined (one purchase has no gap between two). */
  float[] values() {
    return values;
  }

  int rows() {
    return rows;
  }

  /** The latest event these features read: never after the cut-off. Null when no event was read. */
  LocalDateTime lastEventUsed() {
    return lastEventUsed;
  }
}
