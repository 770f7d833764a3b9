package dev.customerlens.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.CustomerAnalytics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A real HTTP client for a real server on a free port; every test class starts its own server. */
final class ApiClient {
  /** Loaded once for all test classes: reading and scoring the embedded data is the slow part. */
  static final CustomerAnalytics SAMPLE = CustomerAnalytics.sample();

  record Response(int status, HttpResponse<String> raw) {
    String body() {
      return raw.body();
    }

    JsonNode json() {
      try {
        return new ObjectMapper().readTree(raw.body());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + raw.body(), e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** The error's code, after checking that the answer has the error shape. */
    String error() {
      JsonNode json = json();
      if (!json.has("error") || !json.has("detail") || !"application/json".equals(header("Content-Type"))) {
        throw new AssertionError("not an error answer: " + raw.body());
      }
      return json.get("error").asText();
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final String url;

  ApiClient(ApiServer server) {
    this.url = server.url();
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
  }

  Response post(String path, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) request.header("Content-Type", contentType);
    return send(request);
  }

  Response postJson(String path, String body) {
    return post(path, "application/json", body);
  }

  Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * A GET of a path that HttpClient would refuse to send (such as a broken percent-escape), written
   * byte for byte to a socket. Returns the status line's code and the body.
   */
  RawResponse rawGet(String path) {
    return raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  }

  /** A request written byte for byte as given (head and body), answered on a connection of its own. */
  RawResponse raw(String request) {
    URI base = URI.create(url);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      return new RawResponse(status, answer.substring(0, answer.indexOf("\r\n\r\n")),
          answer.substring(answer.indexOf("\r\n\r\n") + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record RawResponse(int status, String head, String body) {
    /** A header's value, or null; names match ignoring case, as in HTTP. */
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).strip();
      }
      return null;
    }

    JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }
}
