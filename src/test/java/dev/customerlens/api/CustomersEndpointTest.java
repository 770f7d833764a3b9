package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CustomersEndpointTest {
  @RegisterExtension static final SampleServer server = new SampleServer();

  private static List<JsonNode> items(JsonNode page) {
    List<JsonNode> items = new ArrayList<>();
    page.get("items").forEach(items::add);
    return items;
  }

  @Test
  void firstPageHasFiftyCustomersInInputOrderAndTheTotal() {
    JsonNode page = server.client().get("/api/customers").json();
    assertEquals(3900, page.get("total").asInt());
    assertEquals(50, page.get("limit").asInt());
    assertEquals(0, page.get("offset").asInt());
    assertEquals(50, page.get("items").size());
    assertEquals("1", page.get("items").get(0).get("customer_id").asText());
  }

  @Test
  void limitAndOffsetPickThePage() {
    JsonNode page = server.client().get("/api/customers?limit=3&offset=10").json();
    assertEquals(List.of("11", "12", "13"), items(page).stream().map(i -> i.get("customer_id").asText()).toList());
    assertEquals(0, server.client().get("/api/customers?offset=5000").json().get("items").size());
  }

  @Test
  void itemsCarryTheFiguresOfTheCustomersAnalysis() {
    JsonNode item = server.client().get("/api/customers?limit=1&offset=100").json().get("items").get(0);
    JsonNode analysis = server.client().get("/api/analyze/" + item.get("customer_id").asText()).json();
    JsonNode predictions = analysis.get("predictive_analytics");
    assertEquals(analysis.get("persona").get("label").asText(), item.get("persona").asText());
    assertEquals(predictions.get("churn_risk_percent").asDouble(), item.get("churn_risk_percent").asDouble());
    assertEquals(predictions.get("purchase_probability_percent").asDouble(),
        item.get("purchase_probability_percent").asDouble());
    assertEquals(predictions.get("revenue_potential").asText(), item.get("revenue_potential").asText());
    assertEquals(analysis.get("visual_data").get("lifetime_value_estimate").get("estimated_clv").asDouble(),
        item.get("estimated_clv").asDouble());
    JsonNode recommendations = analysis.get("business_recommendations");
    assertEquals(recommendations.isEmpty() ? "None" : recommendations.get(0).get("priority").asText(),
        item.get("top_priority").asText());
  }

  @Test
  void filtersByPersonaAndPriorityIgnoringCase() {
    JsonNode page = server.client().get("/api/customers?persona=premium%20loyalist&priority=HIGH&limit=500").json();
    assertTrue(page.get("total").asInt() > 0 && page.get("total").asInt() < 591, page.toString());
    for (JsonNode item : items(page)) {
      assertEquals("Premium Loyalist", item.get("persona").asText());
      assertEquals("High", item.get("top_priority").asText());
    }
  }

  @Test
  void sortsByAColumnInEitherOrder() {
    List<Double> descending = items(server.client().get("/api/customers?sort=estimated_clv&order=desc&limit=100").json())
        .stream().map(i -> i.get("estimated_clv").asDouble()).toList();
    List<Double> sorted = new ArrayList<>(descending);
    sorted.sort(Comparator.reverseOrder());
    assertEquals(sorted, descending);
    JsonNode lowest = server.client().get("/api/customers?sort=revenue_potential&limit=1").json().get("items").get(0);
    assertEquals("Low", lowest.get("revenue_potential").asText());
    JsonNode lastId = server.client().get("/api/customers?sort=customer_id&order=desc&limit=1").json().get("items").get(0);
    assertEquals("3900", lastId.get("customer_id").asText());
  }

  @Test
  void limitAboveTheMaximumIs400() {
    var response = server.client().get("/api/customers?limit=501");
    assertEquals(400, response.status());
    assertEquals("invalid_parameter", response.error());
    assertTrue(response.json().get("detail").asText().contains("from 1 to 500"), response.body());
  }

  @Test
  void malformedParametersAre400AndSayWhichIsWrong() {
    for (String query : List.of("limit=ten", "offset=-1", "sort=age", "order=up", "persona=Astronaut", "priority=urgent")) {
      var response = server.client().get("/api/customers?" + query);
      assertEquals(400, response.status(), query);
      assertEquals("invalid_parameter", response.error(), query);
      String parameter = query.substring(0, query.indexOf('='));
      String value = query.substring(query.indexOf('=') + 1);
      assertTrue(response.json().get("detail").asText().contains(value), response.body());
      assertTrue(response.json().get("detail").asText().contains(parameter), response.body());
    }
  }
}
