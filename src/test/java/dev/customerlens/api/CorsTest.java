package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customerlens.errors.WorkspaceException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsTest {
  private static final String CRM = "https://crm.example.com";

  private static HttpRequest.Builder get(ApiServer server, String origin) {
    return HttpRequest.newBuilder(URI.create(server.url() + "/api/health")).header("Origin", origin);
  }

  private static HttpRequest.Builder preflight(ApiServer server, String origin) {
    return HttpRequest.newBuilder(URI.create(server.url() + "/api/batch-analyze"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "Content-Type");
  }

  @Test
  void offByDefaultSoNoOriginGetsHeadersOrPreflights() {
    try (ApiServer server = ApiServer.start(ApiClient.SAMPLE, ApiOptions.defaults().withPort(0))) {
      ApiClient client = new ApiClient(server);
      var response = client.send(get(server, CRM));
      assertEquals(200, response.status());
      assertNull(response.header("Access-Control-Allow-Origin"));
      var preflight = client.send(preflight(server, CRM));
      assertEquals(405, preflight.status());
      assertNull(preflight.header("Access-Control-Allow-Origin"));
    }
  }

  @Test
  void listedOriginMayReadAnswersAndSendJson() {
    var options = ApiOptions.defaults().withPort(0).withCorsOrigins(List.of("HTTPS://crm.example.com:443/"));
    try (ApiServer server = ApiServer.start(ApiClient.SAMPLE, options)) {
      ApiClient client = new ApiClient(server);
      var response = client.send(get(server, CRM));
      assertEquals(200, response.status());
      assertEquals(CRM, response.header("Access-Control-Allow-Origin"));
      assertEquals("Origin", response.header("Vary"));
      var preflight = client.send(preflight(server, CRM));
      assertEquals(204, preflight.status());
      assertEquals(CRM, preflight.header("Access-Control-Allow-Origin"));
      assertEquals("GET, POST", preflight.header("Access-Control-Allow-Methods"));
      assertEquals("Content-Type, Authorization, Idempotency-Key", preflight.header("Access-Control-Allow-Headers"));
    }
  }

  @Test
  void unlistedOriginGetsNoHeaderAndItsPreflightIs403() {
    var options = ApiOptions.defaults().withPort(0).withCorsOrigins(List.of(CRM));
    try (ApiServer server = ApiServer.start(ApiClient.SAMPLE, options)) {
      ApiClient client = new ApiClient(server);
      var response = client.send(get(server, "https://evil.example.com"));
      assertEquals(200, response.status());
      assertNull(response.header("Access-Control-Allow-Origin"));
      var preflight = client.send(preflight(server, "https://evil.example.com"));
      assertEquals(403, preflight.status());
      assertEquals("origin_not_allowed", preflight.error());
      assertNull(preflight.header("Access-Control-Allow-Origin"));
    }
  }

  @Test
  void originThatIsNotASchemeAndHostIsRefusedAtStart() {
    for (String origin : List.of("crm.example.com", "https://crm.example.com/app", "ftp://crm.example.com", "*")) {
      assertThrows(WorkspaceException.class, () -> ApiOptions.defaults().withCorsOrigins(List.of(origin)), origin);
    }
  }
}
