package dev.customerlens.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customerlens.Fixtures;
import dev.customerlens.events.EventLog;
import dev.customerlens.persona.Persona;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.predict.Predictor;
import dev.customerlens.score.ColumnarProfiles;
import dev.customerlens.timeline.Migration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Sankey of the hand-worked three-buyer log ({@code Fixtures.threeBuyersLog}) from 02-01 to 03-10. */
class MigrationChartTest {
  @Test
  void theSankeyHasANodePerStateOnEachDayAndABandPerMoveAsWideAsItsCustomers() {
    EventLog log = Fixtures.threeBuyersLog("hand.csv");
    PersonaRules rules = PersonaRules.of(List.of(PersonaRule.of("Repeat", "2+ purchase days", "purchase_days >= 2"),
        PersonaRule.of("Single", "1 purchase day", "purchase_days = 1")), new Persona("Browser", "none", List.of()));
    Migration m = Migration.of(log, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 3, 10), rules, Predictor.defaults(),
        ColumnarProfiles.ENGINE);
    JsonNode trace = Charts.migration(m).toJsonNode().get("data").get(0);
    assertEquals("sankey", trace.get("type").asText());
    // Rows: Repeat (A), Single (B), New (C); columns: Repeat (A), Single (C), No activity (B).
    assertEquals(List.of("Repeat (2024-02-01)", "Single (2024-02-01)", "New (2024-02-01)", "Repeat (2024-03-10)",
        "Single (2024-03-10)", "No activity (2024-03-10)"), texts(trace.get("node").get("label")));
    JsonNode link = trace.get("link");
    // Flows in row then column order: Repeat→Repeat, Single→No activity, New→Single, one customer each.
    assertEquals(List.of("0", "1", "2"), texts(link.get("source")));
    assertEquals(List.of("3", "5", "4"), texts(link.get("target")));
    assertEquals(List.of("1", "1", "1"), texts(link.get("value")));
    // Spend between the dates on hover: A's $30 of 03-10, nothing for B, C's $40.
    assertEquals(List.of("30.0", "0.0", "40.0"), texts(firsts(link.get("customdata"))));
    // New customers and those without activity are grey, personas keep their rule colours.
    assertEquals(Theme.MUTED, trace.get("node").get("color").get(2).asText());
    assertEquals(Theme.color(0), trace.get("node").get("color").get(0).asText());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode firsts(JsonNode rows) {
    var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    rows.forEach(r -> out.add(r.get(0)));
    return out;
  }
}
