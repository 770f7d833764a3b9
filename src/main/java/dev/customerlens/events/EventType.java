package dev.customerlens.events;

import java.util.Locale;
import java.util.Optional;

/** What a customer did: the three steps of the conversion funnel, in funnel order. */
public enum EventType {
  VIEW("view"),
  CART("cart"),
  PURCHASE("purchase");

  /** values() copies its array on every call, and a log parses an event type per row. */
  private static final EventType[] ALL = values();

  private final String label;

  EventType(String label) {
    this.label = label;
  }

  /** The lower-case name used in files and in the event column. */
  public String label() {
    return label;
  }

  /** Matches the label in any case, ignoring surrounding spaces. */
  public static Optional<EventType> parse(String text) {
    String key = text.strip().toLowerCase(Locale.ROOT);
    for (EventType type : ALL) {
      if (type.label.equals(key)) return Optional.of(type);
    }
    return Optional.empty();
  }
}
