package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnalyzeEndpointTest {
  @RegisterExtension static final SampleServer server = new SampleServer();

  @Test
  void answersWithTheDocumentTheCliPrints() {
    var response = server.client().get("/api/analyze/101");
    assertEquals(200, response.status());
    assertEquals("application/json", response.header("Content-Type"));
    assertEquals(ApiClient.SAMPLE.customer("101").toJson(), response.body());
  }

  @Test
  void unknownCustomerIs404WithTheIdEchoed() {
    var response = server.client().get("/api/analyze/99999");
    assertEquals(404, response.status());
    assertEquals("unknown_customer", response.error());
    assertEquals("99999", response.json().get("customer_id").asText());
    assertTrue(response.json().get("detail").asText().contains("\"99999\""), response.body());
  }

  @Test
  void idLongerThanTheLimitIs400() {
    var response = server.client().get("/api/analyze/" + "7".repeat(CustomerId.MAX_LENGTH + 1));
    assertEquals(400, response.status());
    assertEquals("invalid_customer_id", response.error());
  }

  @Test
  void idWithAControlCharacterIs400() {
    var response = server.client().get("/api/analyze/10%0A1");
    assertEquals(400, response.status());
    assertEquals("invalid_customer_id", response.error());
    assertTrue(response.json().get("detail").asText().contains("U+000A"), response.body());
  }

  @Test
  void idThatIsNotUtf8Is400() {
    var response = server.client().get("/api/analyze/%FF%FE");
    assertEquals(400, response.status());
    assertEquals("invalid_customer_id", response.error());
  }

  @Test
  void headersOverJettysLimitAreAnsweredAsJson431() {
    var request = HttpRequest.newBuilder(URI.create(server.url() + "/api/analyze/101"))
        .header("X-Padding", "x".repeat(20_000));
    var response = server.client().send(request);
    assertEquals(431, response.status());
    assertEquals("request_header_fields_too_large", response.error());
  }

  @Test
  void uriJettyCannotDecodeIsAnsweredAsJson400() {
    var response = server.client().rawGet("/api/analyze/%ZZ");
    assertEquals(400, response.status());
    assertTrue(response.head().contains("Content-Type: application/json"), response.head());
    assertEquals("bad_request", response.json().get("error").asText());
    assertTrue(response.json().has("detail"), response.body());
  }
}
