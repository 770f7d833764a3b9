package dev.customerlens.api;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.WorkspaceException;
import dev.customerlens.export.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The JSON HTTP API over one analysis: the front door. {@link #start} binds, serves from threads of
 * its own and returns; {@link #close} stops it.
 *
 * <pre>{@code
 * try (ApiServer server = ApiServer.start(CustomerAnalytics.sample(), ApiOptions.defaults().withPort(0))) {
 *   server.url();   // http://127.0.0.1:40123; GET /api/analyze/101, /api/openapi.json, ...
 * }
 * }</pre>
 *
 * Every answer is JSON, errors included: {@code {"error": code, "detail": sentence}} with the status
 * that fits (400, 404, 405, 413, 415, or 500 for a bug, without a stack trace).
 */
public final class ApiServer implements AutoCloseable {
  /** The largest request body accepted: a full batch of ids fits many times over. */
  static final long MAX_BODY_BYTES = 1_000_000;

  private final Javalin app;
  private final Endpoints endpoints;
  private final String host;

  private ApiServer(Javalin app, Endpoints endpoints, String host) {
    this.app = app;
    this.endpoints = endpoints;
    this.host = host;
  }

  public static ApiServer start(CustomerAnalytics analytics, ApiOptions options) {
    return start(CompletableFuture.completedFuture(analytics), options);
  }

  /**
   * Starts listening while the data is still loading, so that the two overlap: the HTTP server takes
   * a few hundred milliseconds to start, a quarter of the time it takes to read the embedded data.
   * Requests wait until the data is loaded. Returns once it is, or throws what loading threw.
   */
  public static ApiServer start(CompletableFuture<CustomerAnalytics> analytics, ApiOptions options) {
    CompletableFuture<Endpoints> loaded = analytics.thenApply(a -> new Endpoints(a, options));
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(Json.mapper(), false));
      config.http.prefer405over404 = true;
      config.http.maxRequestSize = MAX_BODY_BYTES;
      // Jetty answers some broken requests (a bad URI, oversized headers) before Javalin sees them.
      config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    });
    app.get("/api/analyze/{customer_id}", ctx -> loaded.join().analyze(ctx));
    app.get("/api/customers", ctx -> loaded.join().customers(ctx));
    app.post("/api/batch-analyze", ctx -> loaded.join().batchAnalyze(ctx));
    app.get("/api/health", ctx -> loaded.join().health(ctx));
    app.get("/api/personas", ctx -> loaded.join().personas(ctx));
    app.get("/api/openapi.json", ctx -> loaded.join().openApi(ctx));
    app.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(e.problem()));
    app.exception(HttpResponseException.class, ApiServer::refused);
    app.exception(Exception.class, ApiServer::failed);
    if (!options.corsOrigins().isEmpty()) Cors.allow(app, options.corsOrigins());
    try {
      app.start(options.host(), options.port());
    } catch (JavalinBindException e) {
      app.stop();
      throw new WorkspaceException("cannot listen on " + options.host() + ":" + options.port() + ": "
          + e.getCause().getMessage(), e);
    }
    Endpoints endpoints;
    try {
      endpoints = loaded.join();
    } catch (CompletionException e) {
      app.stop();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    endpoints.prepare();
    return new ApiServer(app, endpoints, options.host());
  }

  /** The port it listens on: the one asked for, or the one picked for port 0. */
  public int port() {
    return app.port();
  }

  /** {@code http://127.0.0.1:5000}, without a trailing slash. */
  public String url() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  @Override
  public void close() {
    app.stop();
    endpoints.close();
  }

  /** Javalin's own refusals: no such route, a method the route lacks, a body over the size limit. */
  private static void refused(HttpResponseException e, Context ctx) {
    Problem problem = switch (e.getStatus()) {
      case 404 -> new Problem("not_found", "no endpoint " + ctx.method() + " " + ctx.path()
          + "; the endpoints are described at /api/openapi.json");
      case 405 -> {
        String allowed = String.join(", ", e.getDetails().values());
        ctx.header(Header.ALLOW, allowed);
        yield new Problem("method_not_allowed", ctx.method() + " is not allowed on " + ctx.path() + "; use " + allowed);
      }
      case 413 -> new Problem("payload_too_large", String.format(Locale.ROOT,
          "the body is larger than %,d bytes, the most this server accepts", MAX_BODY_BYTES));
      default -> new Problem(code(e.getStatus()), e.getMessage());
    };
    ctx.status(e.getStatus()).json(problem);
  }

  /** A bug: the client learns that much and no more; the stack trace goes to the server's stderr. */
  private static void failed(Exception e, Context ctx) {
    System.err.println("internal error answering " + ctx.method() + " " + ctx.path() + ":");
    e.printStackTrace();
    ctx.status(500).json(new Problem("internal_error",
        "the server failed to answer this request; this is a bug, please report it with the request"));
  }

  /** "Request Timeout" becomes "request_timeout". */
  static String code(int status) {
    return HttpStatus.forStatus(status).getMessage().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }
}
