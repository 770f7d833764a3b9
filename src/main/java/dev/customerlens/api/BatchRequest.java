package dev.customerlens.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.customerlens.export.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** The body of {@code POST /api/batch-analyze}: {@code {"customer_ids": ["101", "102"]}}, checked field by field. */
record BatchRequest(List<CustomerId> customerIds) {
  static final String FIELD = "customer_ids";
  private static final String SHAPE = "send {\"" + FIELD + "\": [\"101\", \"102\"]}";
  // A body is one JSON value with nothing after it, and a field named twice is a mistake, not a choice.
  private static final ObjectReader READER = Json.mapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  BatchRequest {
    customerIds = List.copyOf(customerIds);
  }

  static BatchRequest parse(byte[] body, int maxBatchSize) {
    JsonNode root = tree(body);
    if (root == null || root.isMissingNode()) throw ApiException.badRequest("malformed_json", "the body is empty; " + SHAPE);
    if (!root.isObject()) throw wrongShape("the body is " + kind(root));
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals(FIELD)) throw wrongShape("unknown field \"" + name + "\"");
    }
    JsonNode ids = root.get(FIELD);
    if (ids == null) throw wrongShape("the body has no \"" + FIELD + "\"");
    if (!ids.isArray()) throw wrongShape("\"" + FIELD + "\" is " + kind(ids));
    if (ids.size() > maxBatchSize) {
      throw new ApiException(413, new Problem("batch_too_large", String.format(Locale.ROOT,
          "asked for %,d customers; one request may ask for at most %,d", ids.size(), maxBatchSize)));
    }
    List<CustomerId> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String where = FIELD + "[" + i + "]";
      if (!ids.get(i).isTextual()) throw wrongShape(where + " is " + kind(ids.get(i)) + ", but ids are strings");
      out.add(CustomerId.of(ids.get(i).textValue(), where));
    }
    return new BatchRequest(out);
  }

  private static ApiException wrongShape(String what) {
    return ApiException.badRequest("invalid_request", what + "; " + SHAPE);
  }

  private static JsonNode tree(byte[] body) {
    try {
      return READER.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      // Jackson names nested locations as "[Source: REDACTED ...; line: 1, column: 17]"; say it plainly.
      String message = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; (line: \\d+, column: \\d+)]", "$1");
      throw ApiException.badRequest("malformed_json", "the body is not valid JSON" + where + ": " + message);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a request body held in memory", e);
    }
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING, BINARY -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
    };
  }

}
