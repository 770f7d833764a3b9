package dev.customerlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.CustomerAnalytics;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerAnalysisTest {
  private static final CustomerAnalytics SAMPLE = CustomerAnalytics.sample();

  private static JsonNode json(String id) throws Exception {
    return new ObjectMapper().readTree(SAMPLE.customer(id).toJson());
  }

  @Test
  void jsonHasTheSeedShape() throws Exception {
    JsonNode a = json("101");
    assertEquals("101", a.get("user_id").asText());
    for (String key : List.of("label", "description", "traits")) assertTrue(a.get("persona").has(key), key);
    for (String key : List.of("top_categories", "preferred_price_range", "activity_trend", "engagement_level")) {
      assertTrue(a.get("behavior_summary").has(key), key);
    }
    for (String key : List.of("next_likely_action", "purchase_probability_percent", "churn_risk_percent", "revenue_potential")) {
      assertTrue(a.get("predictive_analytics").has(key), key);
    }
    for (String key : List.of("category_distribution", "hourly_activity_heatmap", "interest_trend", "conversion_funnel",
        "lifetime_value_estimate")) {
      assertTrue(a.get("visual_data").has(key), key);
    }
    JsonNode first = a.get("business_recommendations").get(0);
    for (String key : List.of("type", "priority", "action", "description")) assertTrue(first.has(key), key);
  }

  @Test
  void visualsThatNeedEventsSayUnavailableAndCarryNoData() throws Exception {
    JsonNode visuals = json("101").get("visual_data");
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
    assertTrue(summary.toString().contains("modelled, not evaluated"));
  }
}
