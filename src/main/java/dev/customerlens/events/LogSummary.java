package dev.customerlens.events;

import dev.customerlens.data.SkippedRow;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What reading a log found: how many rows it had, what became of them, and what was left out under
 * which rule. Everything an analyst must know before trusting figures computed from the log.
 *
 * @param rowsRead data rows in the file (the header is not a row)
 * @param rowsKept rows that became an event or part of one (a transaction log's invoice lines)
 * @param events rows of the event table
 * @param customers distinct customer ids among the events
 * @param first earliest event, ISO-8601, or null for a log without events
 * @param last latest event, ISO-8601, or null for a log without events
 * @param timesOfDay whether timestamps carry a time of day; CDNOW records only dates
 * @param excluded lines left out by each {@link ExclusionRule}; only transaction logs have any
 * @param skipped rows a lenient read left out because they were bad
 */
public record LogSummary(String source, LogFormat format, long rowsRead, long rowsKept, long events,
    long views, long carts, long purchases, int customers, String first, String last, boolean timesOfDay,
    Map<ExclusionRule, Long> excluded, List<SkippedRow> skipped) {

  public LogSummary {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    if (views + carts + purchases != events) throw new IllegalArgumentException("event counts do not add up to " + events);
    EnumMap<ExclusionRule, Long> counts = new EnumMap<>(ExclusionRule.class);
    excluded.forEach((rule, n) -> {
      if (n > 0) counts.put(rule, n);
    });
    excluded = Collections.unmodifiableMap(counts);
    skipped = List.copyOf(skipped);
  }

  /** Lines left out by one rule; zero when the rule did not apply. */
  public long excluded(ExclusionRule rule) {
    return excluded.getOrDefault(rule, 0L);
  }

  /** Whether the log has view or cart events, which a conversion funnel needs. */
  public boolean hasBrowsing() {
    return views + carts > 0;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder()
        .append(source).append(" (").append(format.label()).append("): ")
        .append(rowsRead).append(" rows, ").append(events).append(" events (")
        .append(views).append(" views, ").append(carts).append(" carts, ").append(purchases).append(" purchases) of ")
        .append(customers).append(" customers");
    if (first != null) out.append(", ").append(first).append(" to ").append(last);
    if (!timesOfDay) out.append("; dates only, no times of day");
    if (format == LogFormat.TRANSACTIONS) {
      out.append("\n  ").append(rowsKept).append(" invoice lines kept as purchases");
      for (ExclusionRule rule : ExclusionRule.values()) {
        out.append("\n  excluded ").append(excluded(rule)).append(" - ").append(rule.description());
      }
    }
    if (!skipped.isEmpty()) out.append("\n  skipped ").append(skipped.size()).append(" bad rows (lenient read)");
    return out.toString();
  }
}
