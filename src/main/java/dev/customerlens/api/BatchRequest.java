package dev.customerlens.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** The body of {@code POST /api/batch-analyze}: {@code {"customer_ids": ["101", "102"]}} (or whole numbers), checked field by field. */
record BatchRequest(List<CustomerId> customerIds) {
  static final String FIELD = "customer_ids";
  static final String SHAPE = "send {\"" + FIELD + "\": [\"101\", \"102\"]}";

  BatchRequest {
    customerIds = List.copyOf(customerIds);
  }

  static BatchRequest parse(JsonNode root, int maxBatchSize) {
    if (!root.isObject()) throw wrongShape("the body is " + JsonBody.kind(root));
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals(FIELD)) throw wrongShape("unknown field \"" + name + "\"");
    }
    JsonNode ids = root.get(FIELD);
    if (ids == null) throw wrongShape("the body has no \"" + FIELD + "\"");
    if (!ids.isArray()) throw wrongShape("\"" + FIELD + "\" is " + JsonBody.kind(ids));
    if (ids.size() > maxBatchSize) {
      throw new ApiException(413, new Problem("batch_too_large", String.format(Locale.ROOT,
          "asked for %,d customers; one request may ask for at most %,d", ids.size(), maxBatchSize)));
    }
    List<CustomerId> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String where = FIELD + "[" + i + "]";
      JsonNode id = ids.get(i);
      // The seed's own clients send numeric ids ([101, 102]); a whole number means the id it spells.
      if (id.isIntegralNumber()) out.add(CustomerId.of(id.bigIntegerValue().toString(), where));
      else if (id.isTextual()) out.add(CustomerId.of(id.textValue(), where));
      else throw wrongShape(where + " is " + JsonBody.kind(id) + ", but ids are strings or whole numbers");
    }
    return new BatchRequest(out);
  }

  private static ApiException wrongShape(String what) {
    return ApiException.badRequest("invalid_request", what + "; " + SHAPE);
  }
}
