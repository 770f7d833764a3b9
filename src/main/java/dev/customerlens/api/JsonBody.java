package dev.customerlens.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.customerlens.export.Json;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * A request's JSON body, read the one way every endpoint reads it: sent as application/json, at
 * most {@link #MAX_BYTES} whether or not it says its length up front (a chunked body is counted
 * as it arrives and refused once over), one JSON value with nothing after it and no field twice.
 */
record JsonBody(byte[] bytes, JsonNode json) {
  /** The largest request body accepted: a full batch of ids or of events fits many times over. */
  static final int MAX_BYTES = 1_000_000;

  private static final ObjectReader READER = Json.mapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** @param shape what to send, for error messages: "send {\"customer_ids\": [\"101\"]}" */
  static JsonBody of(Context ctx, String shape) {
    String type = ctx.contentType();
    if (!isJson(type)) {
      throw new ApiException(415, new Problem("unsupported_media_type",
          "send the body as JSON with the header Content-Type: application/json" + (type == null ? "" : ", not " + type)));
    }
    byte[] bytes = read(ctx);
    if (bytes.length == 0) throw ApiException.badRequest("malformed_json", "the body is empty; " + shape);
    try {
      JsonNode json = READER.readTree(bytes);
      if (json == null || json.isMissingNode()) throw ApiException.badRequest("malformed_json", "the body is empty; " + shape);
      return new JsonBody(bytes, json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      // Jackson names nested locations as "[Source: REDACTED ...; line: 1, column: 17]"; say it plainly.
      String message = e.getOriginalMessage().replaceAll("\\s*\\[Source: [^;\\]]*(; (line: \\d+, column: \\d+))?]", "");
      throw ApiException.badRequest("malformed_json", "the body is not valid JSON" + where + ": " + message);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a request body held in memory", e);
    }
  }

  static ApiException tooLarge() {
    return new ApiException(413, new Problem("payload_too_large", String.format(Locale.ROOT,
        "the body is larger than %,d bytes, the most this server accepts", MAX_BYTES)));
  }

  /** Reads at most one byte past the limit, so that a body of any size costs at most the limit in memory. */
  private static byte[] read(Context ctx) {
    if (ctx.req().getContentLengthLong() > MAX_BYTES) throw tooLarge();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 14];
    try (InputStream in = ctx.req().getInputStream()) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        if (out.size() + n > MAX_BYTES) throw tooLarge();
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw ApiException.badRequest("invalid_request", "the body could not be read to its end: " + e.getMessage());
    }
    return out.toByteArray();
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) return false;
    int parameters = contentType.indexOf(';');
    String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
    return type.toLowerCase(Locale.ROOT).equals(ContentType.JSON);
  }

  static String kind(JsonNode node) {
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
