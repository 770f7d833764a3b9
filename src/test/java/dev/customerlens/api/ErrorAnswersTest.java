package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.recommend.Priority;
import dev.customerlens.recommend.RecommendationRule;
import dev.customerlens.recommend.RecommendationType;
import dev.customerlens.recommend.Recommender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorAnswersTest {
  private static ApiClient.Response withServer(CustomerAnalytics analytics, String path) {
    try (ApiServer server = ApiServer.start(analytics, ApiOptions.defaults().withPort(0))) {
      return new ApiClient(server).get(path);
    }
  }

  @Test
  void unknownRouteIs404() {
    var response = withServer(ApiClient.SAMPLE, "/api/analyse/101");
    assertEquals(404, response.status());
    assertEquals("not_found", response.error());
    assertTrue(response.json().get("detail").asText().contains("/api/analyse/101"), response.body());
    assertEquals("not_found", withServer(ApiClient.SAMPLE, "/no/such/page").error());
  }

  @Test
  void wrongMethodOnAKnownRouteIs405AndSaysWhichIsAllowed() {
    try (ApiServer server = ApiServer.start(ApiClient.SAMPLE, ApiOptions.defaults().withPort(0))) {
      ApiClient client = new ApiClient(server);
      var post = client.postJson("/api/health", "{}");
      assertEquals(405, post.status());
      assertEquals("method_not_allowed", post.error());
      assertEquals("GET", post.header("Allow"));
      var get = client.get("/api/batch-analyze");
      assertEquals(405, get.status());
      assertEquals("POST", get.header("Allow"));
      var delete = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/analyze/101")).DELETE());
      assertEquals(405, delete.status());
      assertEquals("method_not_allowed", delete.error());
    }
  }

  @Test
  void aBugIs500WithoutAStackTraceWhichGoesToTheServersStderrInstead() {
    // A recommendation that names a column the scored table lacks fails only when a customer is analysed.
    CustomerAnalytics broken = ApiClient.SAMPLE.withRecommender(Recommender.defaults().add(RecommendationRule.of(
        RecommendationType.MARKETING, Priority.LOW, "Mention {no_such_column}", "", "amount > 0", "always")));
    PrintStream stderr = System.err;
    ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
    System.setErr(new PrintStream(serverLog, true, StandardCharsets.UTF_8));
    try {
      for (String path : new String[] {"/api/analyze/101", "/api/customers"}) {
        var response = withServer(broken, path);
        assertEquals(500, response.status(), path);
        assertEquals("internal_error", response.error());
        assertFalse(response.body().contains("no_such_column"), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
      }
    } finally {
      System.setErr(stderr);
    }
    String log = serverLog.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("internal error answering GET /api/analyze/101"), log);
    assertTrue(log.contains("at dev.customerlens.recommend.Template.bind"), log);
  }
}
