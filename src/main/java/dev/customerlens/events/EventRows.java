package dev.customerlens.events;

import dev.customerlens.data.Issue;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Rows of an event log: customer_id, timestamp, event, category, amount. The id, timestamp and
 * event are required; category may be blank; amount is required for a purchase and optional
 * otherwise, and never negative. Extra columns are ignored.
 */
final class EventRows implements LogCsvReader.RowParser {
  static final LogColumn CUSTOMER_ID = LogColumn.required("customer", "customer_id", "user_id");
  static final LogColumn TIMESTAMP = LogColumn.required("time", "timestamp", "event_time");
  static final LogColumn EVENT = LogColumn.required("event", "event", "event_type");
  static final LogColumn CATEGORY = LogColumn.optional("category", "category");
  static final LogColumn AMOUNT = LogColumn.required("amount", "amount");
  static final List<LogColumn> COLUMNS = List.of(CUSTOMER_ID, TIMESTAMP, EVENT, CATEGORY, AMOUNT);

  private static final String AMOUNT_EXPECTATION = "expected a non-negative amount such as 53 or 53.20";

  private final EventColumns out;
  private final RowProblems problems;

  EventRows(EventColumns out, RowProblems problems) {
    this.out = out;
    this.problems = problems;
  }

  @Override
  public Runnable parse(LogCsvReader.Row row, List<Issue> issues) {
    String id = row.get(CUSTOMER_ID).strip();
    if (id.isEmpty()) issues.add(row.issue(CUSTOMER_ID, "", "is empty; expected the id of the customer"));
    else problems.checkCustomer(id, row.line(), row.columnNumber(CUSTOMER_ID), CUSTOMER_ID.header(), issues);

    String rawTime = row.get(TIMESTAMP);
    LocalDateTime at = null;
    try {
      at = problems.timestamp(rawTime, row.line());
    } catch (IllegalArgumentException bad) {
      issues.add(row.issue(TIMESTAMP, rawTime, bad.getMessage()));
    }

    String rawEvent = row.get(EVENT);
    EventType event = EventType.parse(rawEvent).orElse(null);
    if (event == null) {
      issues.add(row.issue(EVENT, rawEvent, "is not a known event; expected view, cart or purchase"));
    }

    String rawAmount = row.get(AMOUNT);
    Double amount = null;
    if (!rawAmount.isBlank()) {
      try {
        amount = Cells.number(rawAmount, AMOUNT_EXPECTATION);
        if (amount < 0) {
          issues.add(row.issue(AMOUNT, rawAmount, "is negative; " + AMOUNT_EXPECTATION));
        }
      } catch (IllegalArgumentException bad) {
        issues.add(row.issue(AMOUNT, rawAmount, bad.getMessage()));
      }
    } else if (event == EventType.PURCHASE) {
      issues.add(row.issue(AMOUNT, rawAmount, "is empty; a purchase needs its amount, " + AMOUNT_EXPECTATION));
    }
    if (!issues.isEmpty()) return null;

    LocalDateTime time = at;
    Double value = amount;
    String category = row.get(CATEGORY).strip();
    boolean timeOfDay = Timestamps.hasTimeOfDay(rawTime);
    return () -> out.add(id, time, timeOfDay, event, category, value);
  }
}
