package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the document against the rules of OpenAPI 3.0 it could break, and against the running server. */
class OpenApiTest {
  private static final Map<String, Set<String>> ENDPOINTS = new TreeMap<>(Map.ofEntries(
      Map.entry("/api/analyze/{customer_id}", Set.of("get")),
      Map.entry("/api/customers", Set.of("get")),
      Map.entry("/api/batch-analyze", Set.of("post")),
      Map.entry("/api/health", Set.of("get")),
      Map.entry("/api/personas", Set.of("get")),
      Map.entry("/api/migration", Set.of("get")),
      Map.entry("/api/openapi.json", Set.of("get")),
      Map.entry("/api/events", Set.of("post")),
      Map.entry("/api/stream", Set.of("get")),
      Map.entry("/api/charts/overview", Set.of("get")),
      Map.entry("/api/charts/customer/{customer_id}", Set.of("get")),
      Map.entry("/api/customer-ids", Set.of("get"))));
  /** Served, but not answered with one JSON document: an event stream, and events (tested in LiveEventsEndpointTest). */
  private static final Set<String> NOT_PLAIN_JSON = Set.of("/api/stream", "/api/events");
  /** Served on a log alone (tested in MigrationEndpointTest); this server's sample table has no dates to follow. */
  private static final Set<String> LOG_ONLY = Set.of("/api/migration");
  private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static ApiServer server;
  private static ApiClient client;
  private static JsonNode doc;

  @BeforeAll
  static void start() {
    server = ApiServer.start(ApiClient.SAMPLE, ApiOptions.defaults().withPort(0).withMaxBatchSize(250));
    client = new ApiClient(server);
    doc = client.get("/api/openapi.json").json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void isAnOpenApi3DocumentWithInfo() {
    assertTrue(doc.get("openapi").asText().matches("3\\.0\\.\\d+"), doc.get("openapi").asText());
    assertFalse(doc.get("info").get("title").asText().isBlank());
    assertFalse(doc.get("info").get("version").asText().isBlank());
    Set<String> allowed = Set.of("openapi", "info", "servers", "paths", "components", "security", "tags", "externalDocs");
    doc.fieldNames().forEachRemaining(name -> assertTrue(allowed.contains(name) || name.startsWith("x-"), name));
  }

  @Test
  void describesEveryEndpointWithItsOperationsAndResponses() {
    Map<String, Set<String>> described = new TreeMap<>();
    doc.get("paths").fields().forEachRemaining(path -> {
      Set<String> methods = new TreeSet<>();
      path.getValue().fieldNames().forEachRemaining(methods::add);
      described.put(path.getKey(), methods);
      for (String method : methods) {
        assertTrue(OPERATIONS.contains(method), method);
        JsonNode responses = path.getValue().get(method).get("responses");
        assertTrue(responses != null && responses.size() > 0, path.getKey() + " " + method + " has no responses");
        responses.fields().forEachRemaining(response -> {
          assertTrue(response.getKey().matches("[1-5][0-9][0-9]|default"), response.getKey());
          JsonNode body = response.getValue();
          assertTrue(body.has("$ref") || body.hasNonNull("description"), path.getKey() + " " + response.getKey());
        });
        assertTrue(responses.has("200"), path.getKey() + " " + method + " has no 200 response");
      }
    });
    assertEquals(ENDPOINTS, described);
  }

  @Test
  void everyPathTemplateParameterIsDeclaredAsARequiredPathParameter() {
    Pattern template = Pattern.compile("\\{([^}]+)}");
    doc.get("paths").fields().forEachRemaining(path -> {
      Matcher m = template.matcher(path.getKey());
      while (m.find()) {
        String name = m.group(1);
        path.getValue().fields().forEachRemaining(operation -> {
          boolean declared = false;
          for (JsonNode parameter : operation.getValue().path("parameters")) {
            JsonNode resolved = resolve(parameter);
            if (resolved.get("name").asText().equals(name) && resolved.get("in").asText().equals("path")) {
              assertTrue(resolved.get("required").asBoolean(), name + " must be required");
              declared = true;
            }
          }
          assertTrue(declared, path.getKey() + " does not declare " + name);
        });
      }
    });
  }

  @Test
  void everyReferenceResolvesWithinTheDocument() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertFalse(refs.isEmpty());
    for (String ref : refs) {
      assertTrue(ref.startsWith("#/components/"), ref);
      assertFalse(doc.at(ref.substring(1)).isMissingNode(), ref + " does not resolve");
    }
  }

  @Test
  void statesTheLimitsThisServerWasStartedWith() {
    assertEquals(250, doc.at("/components/schemas/BatchRequest/properties/customer_ids/maxItems").asInt());
    assertEquals(500, doc.at("/components/parameters/limit/schema/maximum").asInt());
  }

  @Test
  void everyDescribedOperationIsServed() {
    ENDPOINTS.forEach((path, methods) -> {
      if (NOT_PLAIN_JSON.contains(path)) return;
      for (String method : methods) {
        var request = HttpRequest.newBuilder(URI.create(server.url() + path.replace("{customer_id}", "101")))
            .method(method.toUpperCase(Locale.ROOT), method.equals("post")
                ? HttpRequest.BodyPublishers.ofString("{\"customer_ids\": [\"101\"]}")
                : HttpRequest.BodyPublishers.noBody())
            .header("Content-Type", "application/json");
        var response = client.send(request);
        if (LOG_ONLY.contains(path)) {
          assertEquals("no_log", response.error(), method + " " + path);
          continue;
        }
        assertEquals(200, response.status(), method + " " + path + ": " + response.body());
        assertNotEquals(null, response.json());
      }
    });
  }

  private static JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? doc.at(node.get("$ref").asText().substring(1)) : node;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("$ref")) refs.add(node.get("$ref").asText());
    node.elements().forEachRemaining(child -> collectRefs(child, refs));
  }
}
