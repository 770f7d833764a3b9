package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customerlens.export.Version;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthAndPersonasTest {
  @RegisterExtension static final SampleServer server = new SampleServer();

  @Test
  void healthSaysWhichDataIsLoadedAndForHowLong() throws Exception {
    var response = server.client().get("/api/health");
    assertEquals(200, response.status());
    JsonNode health = response.json();
    assertEquals("ok", health.get("status").asText());
    assertEquals("embedded:customers.csv", health.get("input").asText());
    assertEquals(3900, health.get("rows_loaded").asInt());
    assertEquals(0, health.get("skipped_rows").asInt());
    assertEquals(Version.current(), health.get("version").asText());
    // The server runs in this JVM, started after it: its age cannot exceed the JVM's.
    long uptime = health.get("uptime_seconds").asLong();
    long jvmSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
    assertTrue(uptime >= 0 && uptime <= jvmSeconds, "uptime " + uptime + " s in a JVM up " + jvmSeconds + " s");
    try (InputStream embedded = getClass().getResourceAsStream("/dev/customerlens/data/customers.csv")) {
      String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(embedded.readAllBytes()));
      assertEquals(expected, health.get("input_sha256").asText());
    }
  }

  @Test
  void analysesReadyCountsUpToEveryCustomer() throws Exception {
    // Asking for a customer makes and keeps that analysis at once, whatever the background thread has done.
    assertEquals(200, server.client().get("/api/analyze/3900").status());
    int ready = ready();
    assertTrue(ready >= 1, "the requested analysis is kept: " + ready);
    // Then the background thread makes the rest; the count never goes down and stops at every customer.
    while (ready < 3900) {
      Thread.sleep(20);
      int now = ready();
      assertTrue(now >= ready, now + " after " + ready);
      ready = now;
    }
    Thread.sleep(50);
    assertEquals(3900, ready());
  }

  private static int ready() {
    return server.client().get("/api/health").json().get("analyses_ready").asInt();
  }

  @Test
  void personasListsEveryPersonaWithItsShareLikeTheCli() {
    JsonNode json = server.client().get("/api/personas").json();
    assertEquals(3900, json.get("customers").asInt());
    JsonNode personas = json.get("personas");
    assertEquals(ApiClient.SAMPLE.rules().personas().size(), personas.size());
    assertEquals("Premium Loyalist", personas.get(0).get("persona").asText());
    assertEquals(591, personas.get(0).get("customers").asInt());
    assertEquals(15.2, personas.get(0).get("share_pct").asDouble());
    int total = 0;
    for (JsonNode persona : personas) total += persona.get("customers").asInt();
    assertEquals(3900, total);
  }
}
