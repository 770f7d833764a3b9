package dev.customerlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Dataset;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveEventsTest {
  private static final CustomerAnalytics SAMPLE = CustomerAnalytics.sample();

  private static EventLog events(String csvRows) {
    String csv = "customer_id,timestamp,event,category,amount\n" + csvRows;
    return EventLog.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "live", LogFormat.EVENTS,
        LogReadOptions.strict().withCustomers(Dataset.embedded()));
  }

  private static JsonNode json(CustomerAnalytics a, String id) throws Exception {
    return new ObjectMapper().readTree(a.customer(id).toJson());
  }

  @Test
  void appendedPurchaseShowsInTheCustomersFunnelAndForecastAtOnce() throws Exception {
    JsonNode before = json(SAMPLE, "101");
    CustomerAnalytics after = SAMPLE.withMoreEvents(events(
        "101,2024-06-30T18:00:00,view,Clothing,\n101,2024-06-30T18:05:00,purchase,Clothing,120\n"));
    JsonNode now = json(after, "101");
    JsonNode funnelBefore = before.get("visual_data").get("conversion_funnel").get("data");
    JsonNode funnelNow = now.get("visual_data").get("conversion_funnel").get("data");
    assertEquals(funnelBefore.get("views").asLong() + 1, funnelNow.get("views").asLong());
    assertEquals(funnelBefore.get("purchases").asLong() + 1, funnelNow.get("purchases").asLong());
    assertNotEquals(before.get("predictive_analytics").get("repeat_purchase"),
        now.get("predictive_analytics").get("repeat_purchase"), "a purchase today moves the forecast");
  }

  @Test
  void othersAndTheProfileScoresAreUntouched() throws Exception {
    CustomerAnalytics after = SAMPLE.withMoreEvents(events("101,2024-06-30T18:00:00,view,Clothing,\n"));
    assertEquals(json(SAMPLE, "102"), json(after, "102"));
    assertSame(SAMPLE.analysis().scored(), after.analysis().scored(), "nothing the customer table decides is recomputed");
    assertEquals(SAMPLE.events().orElseThrow().rowCount() + 1, after.events().orElseThrow().rowCount());
  }
}
