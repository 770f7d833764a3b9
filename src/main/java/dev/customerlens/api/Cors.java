package dev.customerlens.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.List;
import java.util.Set;

/**
 * Lets web pages from the listed origins call the API. Only installed when there are origins: without
 * it no CORS header is ever sent, so browsers keep other sites' pages from reading the answers.
 */
final class Cors {
  private final Set<String> origins;

  private Cors(List<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  static void allow(Javalin app, List<String> origins) {
    Cors cors = new Cors(origins);
    app.before(cors::mark);
    app.options("/api/*", cors::preflight);
  }

  /** An allowed origin may read the answer; any other gets it without the header, so its page cannot. */
  private void mark(Context ctx) {
    ctx.header(Header.VARY, Header.ORIGIN);
    String origin = ctx.header(Header.ORIGIN);
    if (origin != null && origins.contains(origin)) {
      ctx.header(Header.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      ctx.header(Header.ACCESS_CONTROL_EXPOSE_HEADERS, "Idempotent-Replayed");
    }
  }

  /** The browser's question before a POST with a JSON body or a token: may this origin send it? */
  private void preflight(Context ctx) {
    String origin = ctx.header(Header.ORIGIN);
    if (origin == null || !origins.contains(origin)) {
      throw new ApiException(403, new Problem("origin_not_allowed",
          "origin " + (origin == null ? "(none)" : origin) + " is not allowed to call this API"));
    }
    ctx.header(Header.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
    ctx.header(Header.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization, Idempotency-Key");
    ctx.header(Header.ACCESS_CONTROL_MAX_AGE, "600");
    ctx.status(204);
  }
}
