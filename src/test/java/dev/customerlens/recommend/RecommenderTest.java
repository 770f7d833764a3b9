package dev.customerlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class RecommenderTest {
  private static final CustomerAnalytics SAMPLE = CustomerAnalytics.sample();

  @Test
  void everyRecommendationSaysWhichFactsTriggeredIt() {
    Table list = SAMPLE.recommendationList();
    assertTrue(list.rowCount() > 0);
    for (int i = 0; i < list.rowCount(); i++) {
      String reason = list.stringColumn("reason").get(i);
      assertFalse(reason.isBlank());
      assertFalse(reason.contains("{"), "placeholders are filled: " + reason);
    }
    assertEquals(List.of("Cross-sell", "Marketing", "Retention", "Upsell"),
        list.stringColumn("type").unique().asList().stream().sorted().toList());
  }

  @Test
  void priorityIsTheRulesRaisedOneLevelForTopQuarterLifetimeValue() {
    Table scored = SAMPLE.customers();
    Recommender recommender = Recommender.defaults();
    RecommendationRule promo = recommender.rules().stream()
        .filter(r -> r.action().equals("Include in promo-code campaigns")).findFirst().orElseThrow();
    assertEquals(Priority.LOW, promo.priority());
    int raised = 0;
    int kept = 0;
    for (int row = 0; row < scored.rowCount(); row++) {
      for (Recommendation r : recommender.forCustomer(scored, row)) {
        if (!r.action().equals(promo.action())) continue;
        boolean top = scored.doubleColumn("clv_percentile").getDouble(row) >= 75;
        assertEquals(top ? Priority.MEDIUM : Priority.LOW, r.priority());
        assertEquals(top, r.reason().contains("priority raised from Low"), r.reason());
        if (top) raised++;
        else kept++;
      }
    }
    // Both branches must have been checked, or the loop proved nothing.
    assertTrue(raised > 0 && kept > 0, raised + " raised, " + kept + " kept at Low");
  }

  @Test
  void listIsMostUrgentFirstThenMostValuable() {
    Table list = SAMPLE.recommendationList();
    for (int i = 1; i < list.rowCount(); i++) {
      int before = Priority.valueOf(list.stringColumn("priority").get(i - 1).toUpperCase()).ordinal();
      int after = Priority.valueOf(list.stringColumn("priority").get(i).toUpperCase()).ordinal();
      assertTrue(before <= after);
      if (before == after) assertTrue(list.doubleColumn("clv").getDouble(i - 1) >= list.doubleColumn("clv").getDouble(i));
    }
  }

  @Test
  void planCoversExactlyTheCustomersAndValueOfTheList() {
    Table list = SAMPLE.recommendationList();
    Table plan = SAMPLE.recommendations();
    assertEquals(list.rowCount(), (int) plan.intColumn("customers").sum());
    assertEquals(list.doubleColumn("clv").sum(), plan.doubleColumn("value_covered").sum(), 1.0);
  }

  @Test
  void customerRecommendationsMatchTheirRowsInTheList() {
    String id = SAMPLE.customers().stringColumn("customer_id").get(100);
    List<Recommendation> own = SAMPLE.recommendations(id);
    assertEquals(SAMPLE.recommendationList().stringColumn("customer_id").isEqualTo(id).size(), own.size());
  }

  @Test
  void unknownPlaceholderIsReportedWithTheTemplate() {
    Recommender bad = Recommender.defaults().add(RecommendationRule.of(RecommendationType.MARKETING, Priority.LOW,
        "Say hi to {nickname}", "", "amount > 0", "because"));
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.customerlens.errors.WorkspaceException.class,
        () -> SAMPLE.withRecommender(bad).recommendationList());
    assertTrue(e.getMessage().contains("unknown column {nickname}"), e.getMessage());
  }
}
