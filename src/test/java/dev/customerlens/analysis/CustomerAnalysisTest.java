package dev.customerlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Dataset;
import dev.customerlens.recommend.Priority;
import dev.customerlens.recommend.Recommendation;
import dev.customerlens.recommend.RecommendationType;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class CustomerAnalysisTest {
  private static final CustomerAnalytics SAMPLE = CustomerAnalytics.sample();

  @Test
  void editingAReturnedPersonaSummaryOrPlanDoesNotChangeTheAnalysis() {
    Analysis analysis = CustomerAnalytics.sample().analysis();
    tech.tablesaw.api.Table personas = analysis.personas();
    tech.tablesaw.api.Table plan = analysis.plan();
    String persona = personas.stringColumn("persona").get(0);
    String segment = plan.stringColumn("segment").get(0);
    personas.stringColumn("persona").set(0, "edited by the caller");
    plan.stringColumn("segment").set(0, "edited by the caller");
    assertEquals(persona, analysis.personas().stringColumn("persona").get(0));
    assertEquals(segment, analysis.plan().stringColumn("segment").get(0));
  }
  private static final CustomerAnalytics TABLE_ONLY = CustomerAnalytics.of(Dataset.embedded());

  private static JsonNode json(String id) throws Exception {
    return new ObjectMapper().readTree(SAMPLE.customer(id).toJson());
  }

  /** Looked up rule by rule for one customer, or listed for the whole base and sorted: the same recommendations. */
  @Test
  void eachCustomersRecommendationsAreTheirRowsOfTheWholeBaseListInOrder() {
    Analysis analysis = SAMPLE.analysis();
    Table list = analysis.recommendations();
    java.util.Map<String, List<Recommendation>> listed = new java.util.HashMap<>();
    for (int r = 0; r < list.rowCount(); r++) {
      listed.computeIfAbsent(list.stringColumn("customer_id").get(r), id -> new java.util.ArrayList<>())
          .add(new Recommendation(RecommendationType.ofLabel(list.stringColumn("type").get(r)),
              Priority.ofLabel(list.stringColumn("priority").get(r)), list.stringColumn("action").get(r),
              list.stringColumn("description").get(r), list.stringColumn("reason").get(r)));
    }
    int withSeveral = 0;
    for (String id : analysis.scored().stringColumn("customer_id")) {
      List<Recommendation> expected = listed.getOrDefault(id, List.of());
      assertEquals(expected, analysis.recommendations(id), "customer " + id);
      if (expected.size() > 1) withSeveral++;
    }
    assertTrue(withSeveral > 100, "customers with several recommendations, whose order is checked: " + withSeveral);
  }

  @Test
  void peerCategoryMixCountsTheCustomersOfTheSamePersonaAndAgeBand() throws Exception {
    var scored = SAMPLE.customers();
    int row = SAMPLE.analysis().row("101");
    String persona = scored.stringColumn("persona").get(row);
    String band = scored.stringColumn("age_band").get(row);
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    int peers = 0;
    for (int i = 0; i < scored.rowCount(); i++) {
      if (scored.stringColumn("persona").get(i).equals(persona) && scored.stringColumn("age_band").get(i).equals(band)) {
        counts.merge(scored.stringColumn("category").get(i), 1, Integer::sum);
        peers++;
      }
    }
    JsonNode mix = json("101").get("visual_data").get("category_distribution").get("data");
    assertEquals(counts.keySet(), toSet(mix.fieldNames()));
    for (var entry : counts.entrySet()) {
      assertEquals(Math.round(1000.0 * entry.getValue() / peers) / 10.0, mix.get(entry.getKey()).asDouble(), 1e-9, entry.getKey());
    }
  }

  private static java.util.Set<String> toSet(java.util.Iterator<String> names) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    names.forEachRemaining(out::add);
    return out;
  }

  @Test
  void jsonHasTheSeedShape() throws Exception {
    // The seed's top-level sections in its order, and each one's values taken from the scored table
    // and the recommendations of the same customer; HandWorkedCustomersTest compares a whole document.
    JsonNode a = json("101");
    List<String> sections = new java.util.ArrayList<>();
    a.fieldNames().forEachRemaining(sections::add);
    assertEquals(List.of("user_id", "persona", "behavior_summary", "predictive_analytics", "visual_data",
        "business_recommendations"), sections.subList(0, 6));
    assertEquals("101", a.get("user_id").asText());
    var scored = SAMPLE.customers();
    int row = SAMPLE.analysis().row("101");
    assertEquals(scored.stringColumn("persona").get(row), a.get("persona").get("label").asText());
    JsonNode predictions = a.get("predictive_analytics");
    assertEquals(scored.stringColumn("next_action").get(row), predictions.get("next_likely_action").asText());
    assertEquals(Math.round(1000 * scored.doubleColumn("purchase_probability").getDouble(row)) / 10.0,
        predictions.get("purchase_probability_percent").asDouble());
    assertEquals(Math.round(1000 * scored.doubleColumn("churn_risk").getDouble(row)) / 10.0,
        predictions.get("churn_risk_percent").asDouble());
    assertEquals(scored.stringColumn("revenue_potential").get(row), predictions.get("revenue_potential").asText());
    for (String key : List.of("category_distribution", "hourly_activity_heatmap", "interest_trend", "conversion_funnel",
        "lifetime_value_estimate")) {
      assertTrue(a.get("visual_data").has(key), key);
    }
    List<String> actions = new java.util.ArrayList<>();
    a.get("business_recommendations").forEach(r -> actions.add(r.get("type").asText() + ": " + r.get("action").asText()));
    assertEquals(SAMPLE.recommendations("101").stream().map(r -> r.type() + ": " + r.action()).toList(), actions);
    assertFalse(actions.isEmpty());
  }

  @Test
  void visualsThatNeedEventsSayUnavailableAndCarryNoDataOnTheTableAlone() throws Exception {
    JsonNode visuals = new ObjectMapper().readTree(TABLE_ONLY.customer("101").toJson()).get("visual_data");
    for (String key : List.of("hourly_activity_heatmap", "interest_trend", "conversion_funnel")) {
      assertEquals("unavailable", visuals.get(key).get("status").asText());
      assertTrue(visuals.get(key).get("reason").asText().contains("no timestamps"));
      assertFalse(visuals.get(key).has("data"));
    }
    assertEquals("available", visuals.get("category_distribution").get("status").asText());
  }

  @Test
  void scoresSayTheyAreModelledNotEvaluatedAndGiveTheirFactors() throws Exception {
    JsonNode predictions = json("101").get("predictive_analytics");
    assertEquals("modelled", predictions.get("basis").asText());
    assertTrue(predictions.get("basis_note").asText().contains("not evaluated"));
    assertEquals(4, predictions.get("factors").size());
    assertTrue(predictions.get("formulas").has("clv"));
    assertEquals("modelled", json("101").get("visual_data").get("lifetime_value_estimate").get("basis").asText());
  }

  @Test
  void percentagesAgreeWithTheScoredTable() throws Exception {
    int row = SAMPLE.analysis().row("101");
    JsonNode predictions = json("101").get("predictive_analytics");
    assertEquals(100 * SAMPLE.customers().doubleColumn("churn_risk").getDouble(row),
        predictions.get("churn_risk_percent").asDouble(), 0.05);
  }

  @Test
  void categoryMixOfPeersSumsToAHundredPercent() throws Exception {
    JsonNode mix = json("7").get("visual_data").get("category_distribution").get("data");
    double total = 0;
    for (JsonNode share : mix) total += share.asDouble();
    assertEquals(100, total, 0.3);
  }

  @Test
  void unknownIdIsAClearErrorNamingTheId() {
    UnknownCustomerException e = assertThrows(UnknownCustomerException.class, () -> SAMPLE.customer("99999"));
    assertEquals("no customer with id \"99999\" in embedded:customers.csv (3900 customers)", e.getMessage());
  }

  @Test
  void summaryCountsEveryCustomerOnce() {
    BaseSummary summary = SAMPLE.summary();
    assertEquals(3900, summary.customers());
    assertEquals(3900, summary.personas().stream().mapToInt(BaseSummary.PersonaShare::customers).sum());
    assertEquals(3900, summary.nextLikelyAction().values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(summary.toString().contains("Predictions (modelled from the customer table; see the note)"));
    assertTrue(summary.toString().replace("\n      ", " ").contains("The event log supplies outcomes"),
        "the sample has a log that evaluates: " + summary);
  }

  @Test
  void eventLogFillsTheTimeVisualsFromTheCustomersOwnEvents() throws Exception {
    JsonNode a = json("101");
    JsonNode visuals = a.get("visual_data");
    JsonNode heatmap = visuals.get("hourly_activity_heatmap").get("data");
    assertEquals("Monday", heatmap.get("weekdays").get(0).asText());
    assertEquals(24, heatmap.get("counts").get(0).size());
    long events = SAMPLE.events().orElseThrow().customer("101").rowCount();
    assertEquals(events, heatmap.get("events").asLong(), "every one of the customer's events, no more");
    assertEquals(30, visuals.get("interest_trend").get("data").get("dates").size());
    assertEquals("available", visuals.get("conversion_funnel").get("status").asText());
    assertTrue(List.of("increasing", "stable", "decreasing", "inactive")
        .contains(a.get("behavior_summary").get("activity_trend").asText()));
  }

  @Test
  void repeatPurchaseForecastIsTaggedEvaluatedAndTheEvaluationIsReported() throws Exception {
    JsonNode predictions = json("101").get("predictive_analytics");
    JsonNode repeat = predictions.get("repeat_purchase");
    assertEquals("available", repeat.get("status").asText());
    assertEquals("evaluated", repeat.get("basis").asText());
    double churn = repeat.get("churn_risk_percent").asDouble();
    assertTrue(churn >= 0 && churn <= 100);
    JsonNode checks = predictions.get("evaluation");
    assertTrue(checks.get(0).get("name").asText().startsWith("BG/NBD"), checks.toString());
    assertTrue(checks.get(0).get("auc").asDouble() > 0.6, "the model ranks buyers better than chance: " + checks);
    boolean profileChecked = false;
    for (JsonNode check : checks) {
      if (check.get("name").asText().startsWith("profile churn risk")) {
        profileChecked = true;
        assertTrue(check.get("auc").asDouble() > 0.6, check.toString());
      }
    }
    assertTrue(profileChecked, "the profile score is judged on the same holdout");
  }

  @Test
  void customerWithoutEventsSaysSoInsteadOfShowingZeros() throws Exception {
    String quiet = null;
    var ids = SAMPLE.customers().stringColumn("customer_id");
    for (int i = 0; i < ids.size() && quiet == null; i++) {
      if (SAMPLE.events().orElseThrow().customer(ids.get(i)).rowCount() == 0) quiet = ids.get(i);
    }
    JsonNode visuals = json(quiet).get("visual_data");
    assertEquals("unavailable", visuals.get("hourly_activity_heatmap").get("status").asText());
    assertTrue(visuals.get("hourly_activity_heatmap").get("reason").asText().contains("no events"));
    assertEquals("unavailable", json(quiet).get("predictive_analytics").get("repeat_purchase").get("status").asText());
  }
}
