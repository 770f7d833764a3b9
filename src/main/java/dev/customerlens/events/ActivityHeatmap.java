package dev.customerlens.events;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Events by weekday and hour of day: {@code counts.get(d).get(h)} is the number of events on
 * weekday {@code d} (0 = Monday ... 6 = Sunday) in hour {@code h} (0 ... 23), both in natural order
 * and always complete, zeros included. Unavailable, with the reason, when the log has no times of day.
 *
 * @param status "available" or "unavailable"
 * @param reason why it is unavailable; null when available
 * @param events the events counted
 */
public record ActivityHeatmap(String status, String reason, List<String> weekdays, List<Integer> hours,
    List<List<Integer>> counts, long events) {
  public static final String AVAILABLE = "available";
  public static final String UNAVAILABLE = "unavailable";

  private static final List<String> WEEKDAYS = Arrays.stream(DayOfWeek.values())
      .map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList();
  private static final List<Integer> HOURS = IntStream.range(0, 24).boxed().toList();

  public ActivityHeatmap {
    Objects.requireNonNull(status, "status");
    weekdays = List.copyOf(weekdays);
    hours = List.copyOf(hours);
    counts = counts.stream().map(List::copyOf).toList();
    if (status.equals(AVAILABLE) && (counts.size() != 7 || counts.stream().anyMatch(row -> row.size() != 24))) {
      throw new IllegalArgumentException("a heatmap has 7 weekdays of 24 hours");
    }
  }

  static ActivityHeatmap of(DateTimeColumn times) {
    int[][] grid = new int[7][24];
    for (int i = 0; i < times.size(); i++) {
      LocalDateTime at = times.get(i);
      grid[at.getDayOfWeek().getValue() - 1][at.getHour()]++;
    }
    List<List<Integer>> counts = new ArrayList<>();
    for (int[] day : grid) counts.add(Arrays.stream(day).boxed().toList());
    return new ActivityHeatmap(AVAILABLE, null, WEEKDAYS, HOURS, counts, times.size());
  }

  static ActivityHeatmap unavailable(String reason) {
    return new ActivityHeatmap(UNAVAILABLE, Objects.requireNonNull(reason, "reason"), List.of(), List.of(), List.of(), 0);
  }

  public boolean available() {
    return status.equals(AVAILABLE);
  }

  public int count(DayOfWeek day, int hour) {
    if (!available()) throw new IllegalStateException("the heatmap is unavailable: " + reason);
    return counts.get(day.getValue() - 1).get(hour);
  }

  /** One row per weekday, Monday first; a "weekday" column, then one count column per hour "0" ... "23". */
  public Table toTable() {
    Table table = Table.create("activity_heatmap", StringColumn.create("weekday", weekdays));
    for (int h = 0; h < hours.size(); h++) {
      IntColumn column = IntColumn.create(String.valueOf(hours.get(h)));
      for (List<Integer> day : counts) column.append(day.get(h));
      table.addColumns(column);
    }
    return table;
  }
}
