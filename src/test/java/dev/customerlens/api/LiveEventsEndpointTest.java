package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.Pseudonyms;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveEventsEndpointTest {
  private static final String TOKEN = "a-test-token-of-some-length";
  @TempDir static Path dir;
  private static Path log;
  private static ApiServer server;
  private static ApiClient client;

  @BeforeAll
  static void start() throws Exception {
    log = dir.resolve("events.csv");
    try (InputStream in = EventLog.class.getResourceAsStream("/dev/customerlens/data/events.csv")) {
      Files.copy(in, log);
    }
    Dataset customers = Dataset.embedded();
    CustomerAnalytics analytics = CustomerAnalytics.of(customers)
        .withEvents(EventLog.read(log, LogFormat.EVENTS, LogReadOptions.strict().withCustomers(customers)));
    server = ApiServer.start(analytics, ApiOptions.defaults().withPort(0).withHost("127.0.0.1", TOKEN)
        .withEventLogFile(log));
    client = new ApiClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ApiClient.Response post(String body, String key, boolean withToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/api/events"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) request.header("Idempotency-Key", key);
    if (withToken) request.header("Authorization", "Bearer " + TOKEN);
    return client.send(request);
  }

  @Test
  void acceptsGoodItemsAndExplainsEachBadOne() throws Exception {
    long lines = Files.lines(log).count();
    ApiClient.Response r = post("[{\"customer_id\": \"7\", \"timestamp\": \"2024-06-30T10:00:00\", \"event\": \"view\"},"
        + "{\"customer_id\": \"nobody\", \"timestamp\": \"2024-06-30T10:00:00\", \"event\": \"view\"},"
        + "{\"customer_id\": \"7\", \"timestamp\": \"yesterday\", \"event\": \"view\"},"
        + "{\"customer_id\": 7, \"timestamp\": \"2024-06-30T10:00:00\", \"event\": \"view\"}]", null, true);
    assertEquals(200, r.status(), r.body());
    assertEquals(1, r.json().get("accepted").asInt());
    assertEquals(3, r.json().get("rejected").asInt());
    var errors = r.json().get("errors");
    assertEquals(1, errors.get(0).get("index").asInt());
    assertEquals(2, errors.get(1).get("index").asInt());
    assertEquals(3, errors.get(2).get("index").asInt());
    assertTrue(r.json().get("persisted").asBoolean());
    assertEquals(lines + 1, Files.lines(log).count(), "only the good line was appended");
  }

  @Test
  void retriedRequestWithTheSameKeyCountsOnce() throws Exception {
    String body = "[{\"customer_id\": \"8\", \"timestamp\": \"2024-06-30T11:00:00\", \"event\": \"cart\"}]";
    long lines = Files.lines(log).count();
    assertEquals(200, post(body, "once", true).status());
    ApiClient.Response again = post(body, "once", true);
    assertEquals(200, again.status());
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(lines + 1, Files.lines(log).count());
  }

  @Test
  void writingNeedsTheToken() {
    ApiClient.Response r = post("[]", null, false);
    assertEquals(401, r.status());
    assertEquals("unauthorized", r.error());
  }

  @Test
  void badBodiesGetTheirStatus() {
    assertEquals(415, client.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/events"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("x"))).status());
    assertEquals(400, post("{not json", null, true).status());
    assertEquals(400, post("{\"customer_id\": \"1\"}", null, true).status(), "an array is required");
    assertEquals(413, post("[" + "{}, ".repeat(1000) + "{}]", null, true).status());
  }

  @Test
  void pagesAndAnswersCarrySecurityHeaders() {
    ApiClient.Response page = client.get("/");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("<script src=\"/assets/dashboard.js\""));
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
    assertFalse(page.body().contains("http"), "no asset from elsewhere");
    assertEquals(200, client.get("/assets/plotly.min.js").status());
    assertEquals(404, client.get("/assets/secret.txt").status());
  }

  @Test
  void listeningBeyondThisMachineWithoutATokenIsRefused() {
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> ApiOptions.defaults().withHost("0.0.0.0"));
    assertTrue(e.getMessage().contains("without a token"), e.getMessage());
  }

  @Test
  void anonymizedServerNeverAnswersWithARawId() throws Exception {
    Pseudonyms pseudonyms = Pseudonyms.withKey("a key for this test, long enough".getBytes(StandardCharsets.UTF_8));
    try (ApiServer hidden = ApiServer.start(CustomerAnalytics.of(Dataset.embedded().pseudonymised(pseudonyms)),
        ApiOptions.defaults().withPort(0))) {
      ApiClient c = new ApiClient(hidden);
      String page = c.get("/api/customers?limit=500").body();
      assertFalse(page.matches("(?s).*\"customer_id\" : \"\\d+\".*"), "no raw id in the list");
      assertEquals(404, c.get("/api/analyze/101").status());
      assertEquals(200, c.get("/api/analyze/" + pseudonyms.of("101")).status());
    }
  }
}
