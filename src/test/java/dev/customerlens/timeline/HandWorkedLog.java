package dev.customerlens.timeline;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.persona.Persona;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaRules;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Four customers whose personas are worked out by hand, under two rules simple enough to follow:
 * Repeat (bought on two days or more), Single (on one day), else Browser.
 *
 * <pre>
 * A  bought 2024-01-01 ($10), 2024-01-20 ($20), 2024-03-10 ($30)
 * B  bought 2024-01-05 ($50), nothing after
 * C  first seen 2024-02-15, bought ($40)
 * D  viewed 2024-01-10, bought 2024-02-20 ($15)
 * </pre>
 */
final class HandWorkedLog {
  static final String CSV = """
      customer_id,timestamp,event,category,amount
      A,2024-01-01T10:00:00,purchase,Clothing,10.00
      B,2024-01-05T10:00:00,purchase,Clothing,50.00
      D,2024-01-10T10:00:00,view,Clothing,
      A,2024-01-20T10:00:00,purchase,Clothing,20.00
      C,2024-02-15T10:00:00,purchase,Clothing,40.00
      D,2024-02-20T10:00:00,purchase,Clothing,15.00
      A,2024-03-10T10:00:00,purchase,Clothing,30.00
      """;

  static final String RULES_JSON = """
      {"rules": [
        {"name": "Repeat", "description": "Bought on two days or more", "when": "purchase_days >= 2", "traits": []},
        {"name": "Single", "description": "Bought on one day", "when": "purchase_days = 1", "traits": []}],
       "fallback": {"name": "Browser", "description": "No purchase yet", "traits": []}}
      """;

  private HandWorkedLog() {}

  static EventLog log() {
    return EventLog.read(new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8)), "hand.csv", LogFormat.EVENTS,
        LogReadOptions.strict());
  }

  static PersonaRules rules() {
    return PersonaRules.of(List.of(PersonaRule.of("Repeat", "Bought on two days or more", "purchase_days >= 2"),
        PersonaRule.of("Single", "Bought on one day", "purchase_days = 1")),
        new Persona("Browser", "No purchase yet", List.of()));
  }
}
