package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customerlens.CustomerAnalytics;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests of a hostile or careless client, each with the answer it must get, against a real server. */
class HostileClientsTest {
  static final String TOKEN = "a-test-token-of-some-length";
  @TempDir static Path dir;
  private static Path log;
  private static ApiServer server;
  private static ApiClient client;

  @BeforeAll
  static void start() throws IOException {
    log = dir.resolve("events.csv");
    copyEmbeddedLog(log);
    server = serve(log, ApiOptions.defaults().withPort(0).withHost("127.0.0.1", TOKEN));
    client = new ApiClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void copyEmbeddedLog(Path target) throws IOException {
    try (InputStream in = EventLog.class.getResourceAsStream("/dev/customerlens/data/events.csv")) {
      Files.copy(in, target);
    }
  }

  /** A server over the sample customers and the log, as {@code lens serve --events} starts one. */
  static ApiServer serve(Path log, ApiOptions options) {
    ApiServer.recoverEventLog(log).ifPresent(System.err::println);
    CustomerAnalytics analytics = CustomerAnalytics.of(ApiClient.SAMPLE.dataset()).withEvents(EventLog.read(log,
        LogFormat.EVENTS, LogReadOptions.strict().withCustomers(ApiClient.SAMPLE.dataset())));
    return ApiServer.start(analytics, options.withEventLogFile(log));
  }

  static ApiClient.Response post(ApiServer server, String body, String key) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/api/events"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) request.header("Idempotency-Key", key);
    return new ApiClient(server).send(request);
  }

  static String event(String id, String timestamp, String event, String category, String amount) {
    return "{\"customer_id\": " + id + ", \"timestamp\": \"" + timestamp + "\", \"event\": \"" + event + "\""
        + (category == null ? "" : ", \"category\": " + category) + (amount == null ? "" : ", \"amount\": " + amount) + "}";
  }

  private static EventLog reread() {
    return EventLog.read(log, LogFormat.EVENTS, LogReadOptions.strict());
  }

  @Test
  void lineBreaksQuotesAndCommasInEveryTextFieldAreStoredQuotedAndReadBackAsSent() throws IOException {
    ApiClient.Response r = post(server, "[" + event("\"7\"", "2024-06-30T10:00:00", "purchase",
        "\"x\\ny \\\"quoted\\\", and\\r\\nmore\"", "5") + "," + event("\"7\"", "2024-06-30T10:00:01", "view",
        "\"=HYPERLINK(\\\"http://evil\\\")\"", null) + "]", null);
    assertEquals(200, r.status(), r.body());
    assertEquals(2, r.json().get("accepted").asInt());
    assertTrue(r.json().get("persisted").asBoolean());
    String tail = Files.readString(log);
    assertTrue(tail.endsWith("7,2024-06-30T10:00:00,purchase,\"x\ny \"\"quoted\"\", and\r\nmore\",5\n"
        + "7,2024-06-30T10:00:01,view,\"'=HYPERLINK(\"\"http://evil\"\")\",\n"), tail.substring(tail.length() - 200));
    EventLog read = reread();
    int last = read.rowCount() - 1;
    assertEquals("x\ny \"quoted\", and\r\nmore", read.table().stringColumn("category").get(last - 1));
    assertEquals("'=HYPERLINK(\"http://evil\")", read.table().stringColumn("category").get(last),
        "guarded against formula injection, as every export is");
    // Control characters in the other text fields never reach the log: they are not ids, events or times.
    long size = Files.size(log);
    ApiClient.Response bad = post(server, "[" + event("\"7\\nx\"", "2024-06-30T10:00:00", "view", null, null) + ","
        + event("\"7\"", "2024-06-30\\nT10:00:00", "view", null, null) + ","
        + event("\"7\"", "2024-06-30T10:00:00", "vi\\\"ew\\n", null, null) + "]", null);
    assertEquals(400, bad.status(), bad.body());
    assertEquals(List.of("customer_id", "timestamp", "event"), fields(bad.json()));
    assertEquals(size, Files.size(log));
  }

  private static List<String> fields(JsonNode answer) {
    return java.util.stream.StreamSupport.stream(answer.get("errors").spliterator(), false)
        .map(e -> e.path("field").asText(null)).toList();
  }

  @Test
  void aRequestWhoseItemsAreAllInvalidIs400WithEachItemsReasonAndWritesNothing() throws IOException {
    long size = Files.size(log);
    ApiClient.Response r = post(server, "[" + String.join(",",
        event("\"nobody\"", "2024-06-30T10:00:00", "view", null, null),
        event("\"7\"", "2024-06-30T10:00:00", "steal", null, null),
        event("\"7\"", "yesterday", "view", null, null),
        event("\"7\"", "2024-06-30T10:00:00", "purchase", null, "-5"),
        event("\"7\"", "2024-06-30T10:00:00", "purchase", null, null),
        event("\"7\"", "2024-06-30T10:00:00", "purchase", null, "1e400"),
        "null") + "]", null);
    assertEquals(400, r.status(), r.body());
    assertEquals(0, r.json().get("accepted").asInt());
    assertEquals(7, r.json().get("rejected").asInt());
    List<Integer> indexes = java.util.stream.StreamSupport.stream(r.json().get("errors").spliterator(), false)
        .map(e -> e.get("index").asInt()).distinct().toList();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), indexes);
    assertEquals(List.of("customer_id", "event", "timestamp", "amount", "amount", "amount"),
        fields(r.json()).subList(0, 6));
    assertEquals(size, Files.size(log));
  }

  @Test
  void timestampsBefore1990OrMoreThanADayAheadOfTheServerAreRejected() {
    String soon = LocalDateTime.now().plusHours(2).truncatedTo(ChronoUnit.SECONDS).toString();
    String late = LocalDateTime.now().plusDays(2).truncatedTo(ChronoUnit.SECONDS).toString();
    for (String at : List.of("9999-12-31T23:59:59", "0001-01-01", "1989-12-31T23:59:59", late)) {
      ApiClient.Response r = post(server, "[" + event("\"5\"", at, "view", null, null) + "]", null);
      assertEquals(400, r.status(), at + ": " + r.body());
      assertEquals("timestamp", r.json().get("errors").get(0).get("field").asText(), r.body());
    }
    assertEquals(200, post(server, "[" + event("\"5\"", "1990-01-01T00:00:00", "view", null, null) + ","
        + event("\"5\"", soon, "view", null, null) + "]", null).status());
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndWithTheSameBodyTheFirstAnswer() throws IOException {
    String first = "[" + event("\"9\"", "2024-06-30T09:00:00", "cart", "\"Shoes\"", null) + "]";
    String other = "[" + event("\"9\"", "2024-06-30T09:00:00", "purchase", "\"Shoes\"", "10") + "]";
    assertEquals(200, post(server, first, "key-422").status());
    long size = Files.size(log);
    ApiClient.Response reused = post(server, other, "key-422");
    assertEquals(422, reused.status(), reused.body());
    assertEquals("idempotency_key_reused", reused.error());
    ApiClient.Response again = post(server, first, "key-422");
    assertEquals(200, again.status());
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(size, Files.size(log));
    assertEquals("invalid_idempotency_key", post(server, first, "x".repeat(201)).error());
  }

  @Test
  void eventsAreOneJsonValueSentAsJsonWithNoFieldTwice() {
    String one = "[" + event("\"9\"", "2024-06-30T09:00:00", "view", null, null) + "]";
    ApiClient.Response jsonx = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/events"))
        .header("Content-Type", "application/jsonx").header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(one)));
    assertEquals(415, jsonx.status());
    for (String body : List.of(one + " trailing", one + "[]",
        "[{\"customer_id\": \"9\", \"customer_id\": \"8\", \"timestamp\": \"2024-06-30T09:00:00\", \"event\": \"view\"}]",
        "[{\"customer_id\": \"9\",")) {
      ApiClient.Response r = post(server, body, null);
      assertEquals(400, r.status(), body);
      assertEquals("malformed_json", r.error(), body);
      assertFalse(r.json().get("detail").asText().contains("Source"), r.body());
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIs413AndIsNotReadToItsEnd() throws Exception {
    URI base = URI.create(server.url());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Authorization: Bearer " + TOKEN + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      // Up to 64 MB, far past the 1 MB limit; the server answers long before, and the sending stops there.
      Thread sender = new Thread(() -> {
        byte[] chunk = ("10000\r\n" + "[".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
          for (int i = 0; i < 1024; i++) out.write(chunk);
        } catch (IOException closedByTheServer) {
          // Expected: the server stops reading once the body is over the limit.
        }
      });
      sender.start();
      String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", head);
      sender.join();
    }
    assertEquals(200, client.get("/api/health").status(), "the server is still there");
  }

  @Test
  void aRequestForAnotherHostNameIsRefusedAsDnsRebindingWouldSendIt() {
    ApiClient.RawResponse rebound = client.raw("GET /api/customers HTTP/1.1\r\nHost: rebind.example:" + server.port()
        + "\r\nConnection: close\r\n\r\n");
    assertEquals(403, rebound.status());
    assertEquals("host_not_allowed", rebound.json().get("error").asText());
    for (String host : List.of("localhost:" + server.port(), "127.0.0.1", "[::1]:" + server.port())) {
      assertEquals(200, client.raw("GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .status(), host);
    }
  }

  @Test
  void jettysOwnRefusalsAreJsonWithTheSecurityHeaders() {
    List<ApiClient.RawResponse> answers = List.of(
        client.rawGet("/api/analyze/%zz"),
        client.rawGet("/api/analyze/" + "x".repeat(70_000)),
        client.raw("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(70_000)
            + "\r\nConnection: close\r\n\r\n"));
    List<Integer> statuses = List.of(400, 414, 431);
    for (int i = 0; i < answers.size(); i++) {
      ApiClient.RawResponse answer = answers.get(i);
      assertEquals(statuses.get(i), answer.status(), answer.head());
      assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer.head());
      assertEquals("DENY", answer.header("X-Frame-Options"), answer.head());
      assertTrue(answer.json().has("error") && answer.json().has("detail"), answer.body());
    }
  }

  @Test
  void queryParametersAreCheckedAndRefusedInTheErrorShape() {
    ApiClient.Response abc = client.get("/api/customer-ids?limit=abc");
    assertEquals(400, abc.status());
    assertEquals("invalid_parameter", abc.error());
    assertEquals(200, client.get("/api/customers?offset=2147483647").status());
    assertEquals(400, client.get("/api/customers?offset=2147483648").status());
    ApiClient.RawResponse percent = client.rawGet("/api/customers?limit=%");
    assertEquals(400, percent.status(), percent.body());
  }

  @Test
  void beyondLoopbackReadingNeedsTheTokenToo() {
    try (ApiServer open = ApiServer.start(ApiClient.SAMPLE, ApiOptions.defaults().withPort(0).withHost("0.0.0.0", TOKEN))) {
      ApiClient c = new ApiClient(open);
      for (String path : List.of("/api/customers", "/api/analyze/101", "/api/health")) {
        ApiClient.Response r = c.get(path);
        assertEquals(401, r.status(), path);
        assertEquals("unauthorized", r.error());
        assertEquals("Bearer", r.header("WWW-Authenticate"));
      }
      assertEquals(401, c.postJson("/api/batch-analyze", "{\"customer_ids\": [101]}").status());
      assertEquals(200, c.send(HttpRequest.newBuilder(URI.create(open.url() + "/api/analyze/101"))
          .header("Authorization", "Bearer " + TOKEN)).status());
      assertEquals(200, c.get("/").status(), "the page holds no data");
    }
  }
}
