package dev.customerlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
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
    Recommender.Applied applied = recommender.apply(scored);
    for (int row = 0; row < scored.rowCount(); row++) {
      for (Recommendation r : applied.forCustomer(row)) {
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
  void equalValuesKeepRowOrderAndAMissingValueComesLastWithinItsPriority() {
    // Rows a..e: clv 10, 30, 10, unknown, 30. "Visit" (High, declared first) applies to c, "Call"
    // (High) to all, "Mail" (Low) to a, b and d. c ties with a on value, so comes after it.
    Table scored = Table.create("scored",
        StringColumn.create("customer_id", "a", "b", "c", "d", "e"),
        StringColumn.create("persona", "P", "P", "P", "P", "P"),
        DoubleColumn.create("clv", 10, 30, 10, Double.NaN, 30),
        DoubleColumn.create("clv_percentile", 0, 0, 0, 0, 0),
        BooleanColumn.create("mailable", true, true, false, true, false));
    Recommender recommender = new Recommender(List.of(
        RecommendationRule.of(RecommendationType.RETENTION, Priority.HIGH, "Visit", "", "NOT mailable AND clv < 20", "near"),
        RecommendationRule.of(RecommendationType.MARKETING, Priority.LOW, "Mail", "", "mailable", "can be mailed"),
        RecommendationRule.of(RecommendationType.RETENTION, Priority.HIGH, "Call", "", "clv >= 0 OR NOT mailable OR mailable",
            "always")), 75);
    Table list = recommender.forCustomers(scored);
    List<String> order = new java.util.ArrayList<>();
    for (int i = 0; i < list.rowCount(); i++) {
      order.add(list.stringColumn("action").get(i) + " " + list.stringColumn("customer_id").get(i));
    }
    assertEquals(List.of("Call b", "Call e", "Call a", "Visit c", "Call c", "Call d", "Mail b", "Mail a",
        "Mail d"), order);
  }

  @Test
  void topPrioritiesAndCountsAreTheListsWithoutMakingIt() {
    // Rows a..f: "Visit" (High, retention) applies to c, "Mail" (Low, marketing) to a, b and d,
    // "Call" (Medium, retention) to b and e (d's value is unknown); nothing applies to f.
    Table scored = Table.create("scored",
        StringColumn.create("customer_id", "a", "b", "c", "d", "e", "f"),
        StringColumn.create("persona", "P", "P", "P", "P", "P", "P"),
        DoubleColumn.create("clv", 10, 30, 10, Double.NaN, 30, 15),
        DoubleColumn.create("clv_percentile", 0, 0, 0, 0, 0, 0),
        BooleanColumn.create("mailable", true, true, false, true, false, false));
    Recommender recommender = new Recommender(List.of(
        RecommendationRule.of(RecommendationType.RETENTION, Priority.HIGH, "Visit", "", "NOT mailable AND clv < 12", "near"),
        RecommendationRule.of(RecommendationType.MARKETING, Priority.LOW, "Mail", "", "mailable", "can be mailed"),
        RecommendationRule.of(RecommendationType.RETENTION, Priority.MEDIUM, "Call", "", "clv > 20", "valuable")), 75);
    assertEquals(Arrays.asList(Priority.LOW, Priority.MEDIUM, Priority.HIGH, Priority.LOW, Priority.MEDIUM, null),
        Arrays.asList(recommender.topPriorities(scored)));
    int[][] counts = recommender.counts(scored);
    int[][] expected = new int[Priority.values().length][RecommendationType.values().length];
    expected[Priority.HIGH.ordinal()][RecommendationType.RETENTION.ordinal()] = 1;
    expected[Priority.MEDIUM.ordinal()][RecommendationType.RETENTION.ordinal()] = 2;
    expected[Priority.LOW.ordinal()][RecommendationType.MARKETING.ordinal()] = 3;
    for (Priority p : Priority.values()) {
      assertEquals(Arrays.toString(expected[p.ordinal()]), Arrays.toString(counts[p.ordinal()]), p.label());
    }
  }

  @Test
  void topPrioritiesAndCountsOfTheSampleAreWhatItsListSays() {
    Table scored = SAMPLE.customers();
    Recommender recommender = Recommender.defaults();
    Table list = recommender.forCustomers(scored);
    Map<String, String> first = new HashMap<>();
    int[][] counted = new int[Priority.values().length][RecommendationType.values().length];
    for (int i = 0; i < list.rowCount(); i++) {
      first.putIfAbsent(list.stringColumn("customer_id").get(i), list.stringColumn("priority").get(i));
      Priority p = Priority.ofLabel(list.stringColumn("priority").get(i));
      for (RecommendationType t : RecommendationType.values()) {
        if (t.label().equals(list.stringColumn("type").get(i))) counted[p.ordinal()][t.ordinal()]++;
      }
    }
    Priority[] top = recommender.topPriorities(scored);
    for (int row = 0; row < scored.rowCount(); row++) {
      String id = scored.stringColumn("customer_id").get(row);
      assertEquals(first.get(id), top[row] == null ? null : top[row].label(), "customer " + id);
    }
    assertEquals(Arrays.deepToString(counted), Arrays.deepToString(recommender.counts(scored)));
  }

  @Test
  void aCustomersRecommendationsFromAJavaPredicateReadAnyColumnOfTheirRow() {
    // The predicate reads "location", which no declared condition or text names.
    Recommender recommender = Recommender.defaults().add(new RecommendationRule(RecommendationType.MARKETING, Priority.LOW,
        "Invite to the Texas store opening", "", dev.customerlens.rules.Condition.matching("lives in Texas",
            row -> row.getString("location").equals("Texas")), "lives in Texas"));
    Table scored = SAMPLE.customers();
    int texan = scored.stringColumn("location").isEqualTo("Texas").get(0);
    int other = scored.stringColumn("location").isNotEqualTo("Texas").get(0);
    Recommender.Applied applied = recommender.apply(scored);
    assertTrue(applied.forCustomer(texan).stream().anyMatch(r -> r.action().startsWith("Invite to the Texas")));
    assertTrue(applied.forCustomer(other).stream().noneMatch(r -> r.action().startsWith("Invite to the Texas")));
  }

  @Test
  void planCountedStraightFromTheRulesIsThePlanCountedFromTheList() {
    Table scored = SAMPLE.customers();
    Recommender recommender = Recommender.defaults();
    Table fromList = recommender.plan(recommender.forCustomers(scored), scored.rowCount());
    Table direct = recommender.plan(scored);
    assertTrue(fromList.rowCount() > 10, "a plan of several segments: " + fromList.rowCount());
    assertEquals(fromList.print(Integer.MAX_VALUE), direct.print(Integer.MAX_VALUE));
    for (int i = 0; i < direct.rowCount(); i++) {
      assertEquals(fromList.doubleColumn("value_covered").getDouble(i), direct.doubleColumn("value_covered").getDouble(i));
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
