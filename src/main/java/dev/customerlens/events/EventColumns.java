package dev.customerlens.events;

import java.time.LocalDateTime;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The event table being filled, in the one schema every log format is read into. */
final class EventColumns {
  private final StringColumn ids = StringColumn.create(EventLog.CUSTOMER_ID);
  private final DateTimeColumn times = DateTimeColumn.create(EventLog.TIMESTAMP);
  private final StringColumn events = StringColumn.create(EventLog.EVENT);
  private final StringColumn categories = StringColumn.create(EventLog.CATEGORY);
  private final DoubleColumn amounts = DoubleColumn.create(EventLog.AMOUNT);
  private boolean timesOfDay;

  /** {@code category} may be empty (Tablesaw's missing text); {@code amount} may be null. */
  void add(String customerId, LocalDateTime at, boolean timeOfDay, EventType event, String category, Double amount) {
    ids.append(customerId);
    times.append(at);
    events.append(event.label());
    categories.append(category);
    if (amount == null) amounts.appendMissing();
    else amounts.append(amount);
    timesOfDay |= timeOfDay;
  }

  int size() {
    return ids.size();
  }

  boolean timesOfDay() {
    return timesOfDay;
  }

  Table table(String name) {
    return Table.create(name, ids, times, events, categories, amounts);
  }
}
