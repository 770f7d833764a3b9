package dev.customerlens.api;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.export.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

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
 * that fits (400, 401, 403, 404, 405, 409, 413, 415, 422, 503, or 500 for a bug, without a stack trace).
 */
public final class ApiServer implements AutoCloseable {
  private final Javalin app;
  private final Endpoints endpoints;
  private final LiveEvents live;
  private final String host;

  private ApiServer(Javalin app, Endpoints endpoints, LiveEvents live, String host) {
    this.app = app;
    this.endpoints = endpoints;
    this.live = live;
    this.host = host;
  }

  public static ApiServer start(CustomerAnalytics analytics, ApiOptions options) {
    return start(CompletableFuture.completedFuture(analytics), options);
  }

  /**
   * Before the event log that live events are appended to is read: moves an incomplete last record
   * (a write cut short by a crash or a full disk) to a file of its own beside the log, so that it is
   * neither loaded with a wrong value nor in the way of the start. Returns a warning that names that
   * file, or empty when the log ends in a whole record.
   */
  public static Optional<String> recoverEventLog(Path log) {
    return EventJournal.recover(log);
  }

  /**
   * Starts listening while the data is still loading, so that the two overlap: the HTTP server takes
   * a few hundred milliseconds to start, a quarter of the time it takes to read the embedded data.
   * Requests wait until the data is loaded. Returns once it is, or throws what loading threw.
   */
  public static ApiServer start(CompletableFuture<CustomerAnalytics> analytics, ApiOptions options) {
    AtomicReference<CompletableFuture<Endpoints>> current =
        new AtomicReference<>(analytics.thenApply(a -> new Endpoints(a, options)));
    Supplier<Endpoints> loaded = () -> current.get().join();
    Supplier<CustomerAnalytics> now = () -> loaded.get().analytics();
    // Live events build a new analysis; requests switch to it as soon as it is in place.
    BiConsumer<CustomerAnalytics, Set<String>> publish = (next, touched) -> {
      Endpoints fresh = loaded.get().withEvents(next, touched);
      current.getAndSet(CompletableFuture.completedFuture(fresh)).join().close();
    };
    Dashboard dashboard = new Dashboard(now);
    LiveEvents live = new LiveEvents(now, publish,
        options.eventLogFile() == null ? null : EventJournal.open(options.eventLogFile()), options.inMemoryReason());
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(Json.mapper(), false));
      config.http.prefer405over404 = true;
      config.http.maxRequestSize = JsonBody.MAX_BYTES;
      // Jetty answers some broken requests (a bad URI, oversized headers) before Javalin sees them.
      config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    });
    app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
    // CORS first, so that a refusal below still reaches the allowed page that asked.
    if (!options.corsOrigins().isEmpty()) Cors.allow(app, options.corsOrigins());
    app.before(ctx -> Access.check(ctx, options));
    app.before(ApiServer::wellFormedQuery);
    app.get("/api/analyze/{customer_id}", ctx -> loaded.get().analyze(ctx));
    app.get("/api/customers", ctx -> loaded.get().customers(ctx));
    app.post("/api/batch-analyze", ctx -> loaded.get().batchAnalyze(ctx));
    app.get("/api/health", ctx -> loaded.get().health(ctx));
    app.get("/api/personas", ctx -> loaded.get().personas(ctx));
    app.get("/api/migration", ctx -> loaded.get().migration(ctx));
    app.get("/api/openapi.json", ctx -> loaded.get().openApi(ctx));
    app.get("/", dashboard::page);
    app.get("/assets/{name}", dashboard::asset);
    app.get("/api/charts/overview", dashboard::overviewCharts);
    app.get("/api/charts/customer/{customer_id}", dashboard::customerCharts);
    app.get("/api/customer-ids", dashboard::suggestions);
    app.post("/api/events", live::post);
    app.sse("/api/stream", live::listen);
    app.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(e.problem()));
    app.exception(HttpResponseException.class, ApiServer::refused);
    app.exception(Exception.class, ApiServer::failed);
    try {
      app.start(options.host(), options.port());
    } catch (JavalinBindException e) {
      app.stop();
      live.close();
      throw new WorkspaceException("cannot listen on " + options.host() + ":" + options.port() + ": "
          + e.getCause().getMessage(), e);
    }
    Endpoints endpoints;
    try {
      endpoints = loaded.get();
    } catch (CompletionException e) {
      app.stop();
      live.close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    endpoints.prepare();
    return new ApiServer(app, endpoints, live, options.host());
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
    live.close();
    endpoints.close();
  }

  /**
   * On every answer, Jetty's own error pages included. Nothing is framed, sniffed or loaded from
   * elsewhere: the page uses its own scripts and styles only (Plotly sets inline styles on what it
   * draws, hence 'unsafe-inline' for styles alone).
   */
  static final Map<String, String> SECURITY_HEADERS = Map.of(
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer",
      "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'");

  /**
   * A query parameter whose percent-escape is broken ({@code limit=%}) would otherwise vanish
   * silently, as if it had not been given, and the default would answer in its place.
   */
  private static void wellFormedQuery(Context ctx) {
    String query = ctx.queryString();
    if (query != null && !query.matches("([^%]|%[0-9A-Fa-f]{2})*")) {
      throw ApiException.badRequest("invalid_parameter", "the query string has a % that does not start an escape such "
          + "as %20; write a literal % as %25");
    }
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
      case 413 -> JsonBody.tooLarge().problem();
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
