package dev.customerlens.api;

import dev.customerlens.export.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's errors as JSON in our shape instead of an HTML page, with the same security headers as
 * every answer: for the requests Jetty refuses before Javalin sees them, such as an undecodable URI
 * (400), a URI too long (414) or headers over the size limit (431).
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, String message) throws IOException {
    byte[] body = body(code, message);
    ApiServer.SECURITY_HEADERS.forEach(response::setHeader);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    baseRequest.setHandled(true);
  }

  /** For requests so broken that Jetty cannot parse them into a request at all. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    ApiServer.SECURITY_HEADERS.forEach(fields::put);
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int status, String message) {
    // Jetty often gives only the status text ("Bad Request"), which says nothing the status does not.
    boolean bare = message == null || message.isBlank() || message.equalsIgnoreCase(HttpStatus.getMessage(status));
    String detail = !bare ? message : status == 400
        ? "the request cannot be read: its URI, headers or encoding are malformed"
        : "the request cannot be read: " + HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
    return Json.write(new Problem(ApiServer.code(status), detail)).getBytes(StandardCharsets.UTF_8);
  }
}
