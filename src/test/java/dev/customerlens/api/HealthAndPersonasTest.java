package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customerlens.Version;
import java.io.InputStream;
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
    int ready = health.get("analyses_ready").asInt();
    assertTrue(ready >= 0 && ready <= 3900, "analyses_ready " + ready);
    assertEquals(Version.current(), health.get("version").asText());
    assertTrue(health.get("uptime_seconds").asLong() >= 0);
    try (InputStream embedded = getClass().getResourceAsStream("/dev/customerlens/data/customers.csv")) {
      String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(embedded.readAllBytes()));
      assertEquals(expected, health.get("input_sha256").asText());
    }
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
