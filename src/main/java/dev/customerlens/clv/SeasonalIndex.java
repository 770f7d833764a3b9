package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.EventType;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How much more or less is spent in each calendar month than on an average day, from the year of
 * purchases that ends on a cut-off: index(m) = (spend per day in month m) / (spend per day over the
 * year). A forecast window's index is the mean of its days' indexes, so a window in a busy season
 * gets more than a steady rate would give it. Without a full year before the cut-off no month can
 * be compared with the rest, and the index is 1 with {@link #note} saying so.
 *
 * @param byMonth January first; all 1 when unavailable
 * @param note how the index was made, or why there is none
 */
record SeasonalIndex(double[] byMonth, boolean available, String note) {
  SeasonalIndex {
    Objects.requireNonNull(note, "note");
    if (byMonth.length != 12) throw new IllegalArgumentException("an index has twelve months");
    byMonth = byMonth.clone();
  }

  static SeasonalIndex of(EventLog log, LocalDate asOf) {
    LocalDate from = asOf.minusYears(1);
    long span = asOf.toEpochDay() - log.firstDate().toEpochDay() + 1;
    double[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    if (log.firstDate().isAfter(from.plusDays(1))) {
      return new SeasonalIndex(ones, false, String.format(Locale.ROOT, "no seasonal index: the calibration period "
          + "covers %d days, less than a year, so no month can be compared with the rest; spend is forecast at the "
          + "calibration period's rate", span));
    }
    Table events = log.table();
    var times = events.dateTimeColumn(EventLog.TIMESTAMP);
    StringColumn types = events.stringColumn(EventLog.EVENT);
    DoubleColumn amounts = events.doubleColumn(EventLog.AMOUNT);
    double[] spend = new double[12];
    double[] days = new double[12];
    for (LocalDate d = from.plusDays(1); !d.isAfter(asOf); d = d.plusDays(1)) days[d.getMonthValue() - 1]++;
    double total = 0;
    for (int i = 0; i < events.rowCount(); i++) {
      if (!types.get(i).equals(EventType.PURCHASE.label()) || amounts.isMissing(i)) continue;
      LocalDate day = times.get(i).toLocalDate();
      if (!day.isAfter(from) || day.isAfter(asOf)) continue;
      spend[day.getMonthValue() - 1] += amounts.getDouble(i);
      total += amounts.getDouble(i);
    }
    if (total <= 0) return new SeasonalIndex(ones, false, "no seasonal index: no spend in the year to " + asOf);
    double perDay = total / 365;
    double[] index = new double[12];
    StringBuilder months = new StringBuilder();
    for (int m = 0; m < 12; m++) {
      index[m] = days[m] == 0 ? 1 : spend[m] / days[m] / perDay;
      months.append(String.format(Locale.ROOT, "%s%s %.2f", m == 0 ? "" : ", ",
          Month.of(m + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH), index[m]));
    }
    return new SeasonalIndex(index, true, "monthly seasonal index of spend from the year to " + asOf + ": " + months);
  }

  /** The mean index of the {@code days} days after {@code asOf}. */
  double over(LocalDate asOf, int days) {
    double sum = 0;
    for (int k = 1; k <= days; k++) sum += byMonth[asOf.plusDays(k).getMonthValue() - 1];
    return sum / days;
  }
}
