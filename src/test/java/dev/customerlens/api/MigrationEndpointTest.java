package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customerlens.CustomerAnalytics;
import dev.customerlens.Fixtures;
import dev.customerlens.events.EventLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/migration on a server started on a log alone: A bought 01-01, 01-20, 03-10; B 01-05 only; C first 02-15. */
class MigrationEndpointTest {
  private static ApiServer server;
  private static ApiClient client;

  @BeforeAll
  static void start() {
    EventLog log = Fixtures.threeBuyersLog("hand.csv");
    server = ApiServer.start(CustomerAnalytics.fromLog(log, "test"), ApiOptions.defaults().withPort(0));
    client = new ApiClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static int customers(JsonNode migration, String from, String to) {
    for (JsonNode flow : migration.get("flows")) {
      if (flow.get("from").asText().equals(from) && flow.get("to").asText().equals(to)) return flow.get("customers").asInt();
    }
    return 0;
  }

  @Test
  void answersTheMatrixAsFlowsBetweenPersonasWithTheSpendBetweenTheDates() {
    var response = client.get("/api/migration?from=2024-02-01&to=2024-03-10");
    assertEquals(200, response.status(), response.body());
    JsonNode m = response.json();
    assertEquals("2024-02-01", m.get("from").asText());
    // The log's own rules: as of 02-01 B (one purchase day, 27 days before) is a New Customer
    // (tenure < 90 days), and so is A; C arrives after 02-01 (New), B buys nothing more (No activity).
    assertEquals(1, customers(m, "New", "New Customer"));
    assertEquals(1, customers(m, "New Customer", "No activity"));
    double spend = 0;
    for (JsonNode flow : m.get("flows")) spend += flow.get("spend_between").asDouble();
    // Between the dates: C's $40 and A's $30.
    assertEquals(70.0, spend, 1e-9);
    assertTrue(m.get("clv_basis").asText().length() > 0);
  }

  @Test
  void reversedDatesAreABadRequestThatSaysWhy() {
    var response = client.get("/api/migration?from=2024-03-10&to=2024-02-01");
    assertEquals(400, response.status());
    assertEquals("bad_dates", response.error());
    assertTrue(response.json().get("detail").asText().contains("must be after"), response.body());
  }

  @Test
  void aDayOutsideTheLogIsABadRequestNamingTheLogsSpan() {
    var response = client.get("/api/migration?from=2023-06-01&to=2024-02-01");
    assertEquals(400, response.status());
    assertEquals("2023-06-01 is outside hand.csv, which covers 2024-01-01 to 2024-03-10",
        response.json().get("detail").asText());
  }

  @Test
  void aMissingOrMalformedDayIsABadRequest() {
    assertEquals("missing_parameter", client.get("/api/migration?from=2024-02-01").error());
    assertEquals("bad_date", client.get("/api/migration?from=2024-02-01&to=March").error());
  }

  @Test
  void aServerOnACustomerTableHasNoLogToFollow() {
    ApiServer sample = ApiServer.start(ApiClient.SAMPLE, ApiOptions.defaults().withPort(0));
    try {
      var response = new ApiClient(sample).get("/api/migration?from=2024-02-01&to=2024-03-10");
      assertEquals(400, response.status());
      assertEquals("no_log", response.error());
    } finally {
      sample.close();
    }
  }

  @Test
  void theDashboardOverviewOfALogShowsTheLastQuartersMigration() {
    ApiServer logServer = ApiServer.start(CustomerAnalytics.sampleLog(), ApiOptions.defaults().withPort(0));
    try {
      JsonNode figures = new ApiClient(logServer).get("/api/charts/overview").json().get("figures");
      // The persona share and the priorities, then the embedded log's last quarter, 2024-03-31 to 2024-06-30.
      assertEquals(3, figures.size(), figures.toString());
      assertEquals("Persona migration, 2024-03-31 to 2024-06-30", figures.get(2).get("title").asText());
      assertEquals("sankey", figures.get(2).get("figure").get("data").get(0).get("type").asText());
    } finally {
      logServer.close();
    }
  }
}
