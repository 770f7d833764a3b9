package dev.customerlens.events;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Daily event counts (views, carts and purchases alike: all show interest) over the {@code days}
 * days ending on {@code asOf}, oldest first, every day present. {@code total} counts every event;
 * {@code categories} has one series per named category, alphabetically. Events without a
 * category (a transaction log has none) count in the total only.
 *
 * @param asOf the analysis date, ISO-8601, included in the window
 * @param dates the days of the window, ISO-8601
 */
public record InterestTrend(String asOf, int days, List<String> dates, List<Integer> total, List<Series> categories) {
  /** One category's daily counts, aligned with {@link InterestTrend#dates()}. */
  public record Series(String category, List<Integer> counts) {
    public Series {
      Objects.requireNonNull(category, "category");
      counts = List.copyOf(counts);
    }
  }

  public InterestTrend {
    if (days < 1) throw new IllegalArgumentException("days must be at least 1, was " + days);
    dates = List.copyOf(dates);
    total = List.copyOf(total);
    categories = List.copyOf(categories);
    if (dates.size() != days || total.size() != days || categories.stream().anyMatch(s -> s.counts().size() != days)) {
      throw new IllegalArgumentException("every series needs one count per day of the " + days + "-day window");
    }
  }

  static InterestTrend of(DateTimeColumn times, StringColumn categoryColumn, LocalDate asOf, int days) {
    LocalDate first = asOf.minusDays(days - 1L);
    int[] total = new int[days];
    TreeMap<String, int[]> byCategory = new TreeMap<>();
    for (int i = 0; i < times.size(); i++) {
      LocalDate day = times.get(i).toLocalDate();
      if (day.isBefore(first) || day.isAfter(asOf)) continue;
      int index = (int) (day.toEpochDay() - first.toEpochDay());
      total[index]++;
      String category = categoryColumn.get(i);
      if (!category.isEmpty()) byCategory.computeIfAbsent(category, c -> new int[days])[index]++;
    }
    List<String> dates = new ArrayList<>();
    for (int d = 0; d < days; d++) dates.add(first.plusDays(d).toString());
    List<Series> series = new ArrayList<>();
    byCategory.forEach((category, counts) -> series.add(new Series(category, boxed(counts))));
    return new InterestTrend(asOf.toString(), days, dates, boxed(total), series);
  }

  private static List<Integer> boxed(int[] counts) {
    return Arrays.stream(counts).boxed().toList();
  }

  /** One row per day: "date", "total", then one count column per category. */
  public Table toTable() {
    DateColumn dateColumn = DateColumn.create("date");
    dates.forEach(d -> dateColumn.append(LocalDate.parse(d)));
    Table table = Table.create("interest_trend", dateColumn,
        IntColumn.create("total", total.stream().mapToInt(Integer::intValue).toArray()));
    for (Series s : categories) {
      table.addColumns(IntColumn.create(s.category(), s.counts().stream().mapToInt(Integer::intValue).toArray()));
    }
    return table;
  }
}
