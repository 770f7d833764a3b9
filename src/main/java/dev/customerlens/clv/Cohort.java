package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.EventType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The customers of a log split at a calibration end: everyone whose first purchase is on or before
 * it, with their calibration summary (x, t_x, T, z̄) and what they went on to do in the holdout,
 * the days after the calibration end up to the holdout end. These are the conventions of Fader,
 * Hardie and Lee that reproduce the published CDNOW estimates: purchases counted as distinct days,
 * T = (calibration end − first purchase) / period, t_x = (last repeat day − first purchase) / period.
 *
 * @param calibrationEnd the last day of the calibration period, included
 * @param holdoutEnd the last day of the holdout, included; equal to calibrationEnd when there is none
 * @param periodDays the time unit of the models, in days (7: weeks)
 */
public record Cohort(String source, LocalDate calibrationEnd, LocalDate holdoutEnd, int periodDays,
    List<PurchaseHistory> customers) {
  public static final int WEEK = 7;

  public Cohort {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(holdoutEnd, "holdoutEnd");
    if (holdoutEnd.isBefore(calibrationEnd)) throw new IllegalArgumentException("the holdout ends before calibration does");
    if (periodDays < 1) throw new IllegalArgumentException("periodDays must be at least 1, was " + periodDays);
    customers = List.copyOf(customers);
  }

  /** Calibration up to and including {@code calibrationEnd}, holdout to the log's last day, in weeks. */
  public static Cohort of(EventLog log, LocalDate calibrationEnd) {
    LocalDate last = log.lastDate();
    return of(log, calibrationEnd, last.isAfter(calibrationEnd) ? last : calibrationEnd, WEEK);
  }

  /** The whole log as calibration, as of its last day, with no holdout: for forecasting, not evaluating. */
  public static Cohort of(EventLog log) {
    return of(log, log.lastDate(), log.lastDate(), WEEK);
  }

  public static Cohort of(EventLog log, LocalDate calibrationEnd, LocalDate holdoutEnd, int periodDays) {
    Table events = log.table();
    StringColumn ids = events.stringColumn(EventLog.CUSTOMER_ID);
    var times = events.dateTimeColumn(EventLog.TIMESTAMP);
    StringColumn types = events.stringColumn(EventLog.EVENT);
    DoubleColumn amounts = events.doubleColumn(EventLog.AMOUNT);
    // Spend per purchase day, per customer, in order of first appearance.
    Map<String, TreeMap<LocalDate, Double>> days = new LinkedHashMap<>();
    for (int i = 0; i < events.rowCount(); i++) {
      if (!types.get(i).equals(EventType.PURCHASE.label())) continue;
      LocalDate day = times.get(i).toLocalDate();
      if (day.isAfter(holdoutEnd)) continue;
      double amount = amounts.isMissing(i) ? 0 : amounts.getDouble(i);
      days.computeIfAbsent(ids.get(i), id -> new TreeMap<>()).merge(day, amount, Double::sum);
    }
    List<PurchaseHistory> customers = new ArrayList<>();
    days.forEach((id, spend) -> {
      LocalDate first = spend.firstKey();
      if (first.isAfter(calibrationEnd)) return;
      int repeats = 0;
      double repeatSpend = 0;
      LocalDate lastRepeat = first;
      int holdout = 0;
      double holdoutSpend = 0;
      for (var day : spend.entrySet()) {
        if (day.getKey().equals(first)) continue;
        if (day.getKey().isAfter(calibrationEnd)) {
          holdout++;
          holdoutSpend += day.getValue();
        } else {
          repeats++;
          repeatSpend += day.getValue();
          lastRepeat = day.getKey();
        }
      }
      customers.add(new PurchaseHistory(id, first, repeats, periods(first, lastRepeat, periodDays),
          periods(first, calibrationEnd, periodDays), repeats == 0 ? 0 : repeatSpend / repeats, holdout, holdoutSpend));
    });
    return new Cohort(log.source(), calibrationEnd, holdoutEnd, periodDays, customers);
  }

  private static double periods(LocalDate from, LocalDate to, int periodDays) {
    return (double) (to.toEpochDay() - from.toEpochDay()) / periodDays;
  }

  /** The holdout's length in periods. */
  public double holdoutPeriods() {
    return (double) (holdoutEnd.toEpochDay() - calibrationEnd.toEpochDay()) / periodDays;
  }

  public boolean hasHoldout() {
    return holdoutEnd.isAfter(calibrationEnd);
  }

  /** One row per customer: customer_id, first_purchase, x, t_x, T, mean_repeat_spend, holdout_purchases, holdout_spend. */
  public Table toTable() {
    return Table.create("cohort",
        StringColumn.create("customer_id", customers.stream().map(PurchaseHistory::customerId)),
        DateColumn.create("first_purchase", customers.stream().map(PurchaseHistory::firstPurchase)),
        IntColumn.create("x", customers.stream().mapToInt(PurchaseHistory::repeatPurchases).toArray()),
        DoubleColumn.create("t_x", customers.stream().mapToDouble(PurchaseHistory::recency).toArray()),
        DoubleColumn.create("T", customers.stream().mapToDouble(PurchaseHistory::age).toArray()),
        DoubleColumn.create("mean_repeat_spend", customers.stream().mapToDouble(PurchaseHistory::meanRepeatSpend).toArray()),
        IntColumn.create("holdout_purchases", customers.stream().mapToInt(PurchaseHistory::holdoutPurchases).toArray()),
        DoubleColumn.create("holdout_spend", customers.stream().mapToDouble(PurchaseHistory::holdoutSpend).toArray()));
  }
}
