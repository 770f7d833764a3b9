package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchAnalyzeEndpointTest {
  private static final String PATH = "/api/batch-analyze";
  @RegisterExtension static final SampleServer server = new SampleServer(ApiOptions.defaults().withPort(0).withMaxBatchSize(10));

  private static String ids(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "\"" + i + "\"").collect(Collectors.joining(", ",
        "{\"customer_ids\": [", "]}"));
  }

  @Test
  void analysesKnownIdsInOrderAndGivesEachUnknownIdItsError() throws Exception {
    var response = server.client().postJson(PATH, "{\"customer_ids\": [\"101\", \"nobody\", \"7\"]}");
    assertEquals(200, response.status(), response.body());
    JsonNode json = response.json();
    assertEquals(3, json.get("requested").asInt());
    assertEquals(2, json.get("found").asInt());
    JsonNode results = json.get("results");
    assertEquals(List.of("101", "nobody", "7"), List.of(results.get(0).get("customer_id").asText(),
        results.get(1).get("customer_id").asText(), results.get(2).get("customer_id").asText()));
    ObjectMapper mapper = new ObjectMapper();
    assertEquals(mapper.readTree(ApiClient.SAMPLE.customer("101").toJson()), results.get(0).get("analysis"));
    assertEquals(mapper.readTree(ApiClient.SAMPLE.customer("7").toJson()), results.get(2).get("analysis"));
    JsonNode unknown = results.get(1);
    assertFalse(unknown.has("analysis"));
    assertEquals("unknown_customer", unknown.get("error").get("error").asText());
    assertEquals("nobody", unknown.get("error").get("customer_id").asText());
  }

  @Test
  void acceptsAJsonContentTypeWithACharset() {
    assertEquals(200, server.client().post(PATH, "application/json; charset=utf-8", ids(2)).status());
  }

  @Test
  void moreIdsThanTheMaximumIs413() {
    assertEquals(200, server.client().postJson(PATH, ids(10)).status());
    var response = server.client().postJson(PATH, ids(11));
    assertEquals(413, response.status());
    assertEquals("batch_too_large", response.error());
    assertTrue(response.json().get("detail").asText().contains("at most 10"), response.body());
  }

  @Test
  void bodyOverTheSizeLimitIs413() {
    var response = server.client().postJson(PATH, "{\"customer_ids\": [\"" + "x".repeat(JsonBody.MAX_BYTES) + "\"]}");
    assertEquals(413, response.status());
    assertEquals("payload_too_large", response.error());
  }

  @Test
  void bodyNotSentAsJsonIs415() {
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
      var response = server.client().post(PATH, type, ids(1));
      assertEquals(415, response.status(), String.valueOf(type));
      assertEquals("unsupported_media_type", response.error());
    }
  }

  @Test
  void malformedJsonIs400AndSaysWhere() {
    var response = server.client().postJson(PATH, "{\"customer_ids\": [\"101\",");
    assertEquals(400, response.status());
    assertEquals("malformed_json", response.error());
    assertTrue(response.json().get("detail").asText().contains("line 1"), response.body());
    assertEquals("malformed_json", server.client().postJson(PATH, "").error());
    assertEquals("malformed_json", server.client().postJson(PATH, ids(1) + " trailing").error());
    assertEquals("malformed_json", server.client().postJson(PATH, "{\"customer_ids\": [\"1\"], \"customer_ids\": [\"2\"]}").error());
  }

  @Test
  void wrongTypesAre400AndNameTheField() {
    List<List<String>> cases = List.of(
        List.of("[\"101\"]", "the body is an array"),
        List.of("{\"customer_ids\": \"101\"}", "\"customer_ids\" is a string"),
        List.of("{\"customer_ids\": [101.5]}", "customer_ids[0] is a number, but ids are strings or whole numbers"),
        List.of("{\"customer_ids\": [\"1\", null]}", "customer_ids[1] is null"),
        List.of("{\"ids\": [\"101\"]}", "unknown field \"ids\""),
        List.of("{}", "no \"customer_ids\""));
    for (List<String> c : cases) {
      var response = server.client().postJson(PATH, c.get(0));
      assertEquals(400, response.status(), c.get(0));
      assertEquals("invalid_request", response.error(), c.get(0));
      assertTrue(response.json().get("detail").asText().contains(c.get(1)), response.body());
    }
  }

  @Test
  void numericIdsAreTheIdsTheySpellAsTheSeedsClientSendsThem() {
    var response = server.client().postJson(PATH, "{\"customer_ids\": [101, \"102\", 103]}");
    assertEquals(200, response.status(), response.body());
    assertEquals(3, response.json().get("found").asInt());
    assertEquals("101", response.json().get("results").get(0).get("customer_id").asText());
    assertEquals("103", response.json().get("results").get(2).get("customer_id").asText());
  }

  @Test
  void malformedIdIs400AndSaysWhichOne() {
    var response = server.client().postJson(PATH, "{\"customer_ids\": [\"1\", \"a\\u0000b\"]}");
    assertEquals(400, response.status());
    assertEquals("invalid_customer_id", response.error());
    assertTrue(response.json().get("detail").asText().startsWith("customer_ids[1]"), response.body());
  }
}
