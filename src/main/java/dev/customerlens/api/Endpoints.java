package dev.customerlens.api;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.customerlens.CustomerAnalytics;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.export.Export;
import dev.customerlens.export.Json;
import dev.customerlens.export.Version;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One handler per endpoint, over one loaded analysis. */
final class Endpoints {
  /** A found analysis is sent as the kept JSON bytes, instead of being parsed and written again. */
  record BatchResult(String customerId, RawValue analysis, Problem error) {}

  record BatchResponse(int requested, int found, List<BatchResult> results) {}

  record Personas(int customers, List<Map<String, Object>> personas) {}

  private final CustomerAnalytics analytics;
  private final ApiOptions options;
  private final Instant started;
  private final CustomerDocuments documents;
  private final String openApi;
  // Made in the background (see prepare) so that the server answers at once; a request that needs one waits for it.
  private final CompletableFuture<CustomerList> customers;
  private final CompletableFuture<String> personas;

  Endpoints(CustomerAnalytics analytics, ApiOptions options) {
    this(analytics, options, Instant.now(), new CustomerDocuments(analytics.analysis()),
        OpenApi.document(Version.current(), options), new CompletableFuture<>(), new CompletableFuture<>());
  }

  private Endpoints(CustomerAnalytics analytics, ApiOptions options, Instant started, CustomerDocuments documents,
      String openApi, CompletableFuture<CustomerList> customers, CompletableFuture<String> personas) {
    this.analytics = analytics;
    this.options = options;
    this.started = started;
    this.documents = documents;
    this.openApi = openApi;
    this.customers = customers;
    this.personas = personas;
  }

  /**
   * These endpoints over {@code next}, this analysis with live events of the customers {@code touched}.
   * Events change no profile score, so the customer list and the personas stay, and so do the
   * documents of the customers the events do not touch. The touched customers' documents are made
   * when they are asked for, not in the background: remaking thousands after each update kept a
   * core busy and churned through memory that the JVM then kept.
   */
  Endpoints withEvents(CustomerAnalytics next, Set<String> touched) {
    return new Endpoints(next, options, started, new CustomerDocuments(next.analysis(), documents, touched), openApi,
        customers, personas);
  }

  /**
   * Starts making, in the background, what the endpoints serve: called once the server listens, so
   * that the work does not slow its start. Takes seconds of CPU on the embedded data.
   */
  void prepare() {
    customers.completeAsync(() -> CustomerList.of(analytics.analysis()));
    personas.completeAsync(() -> Json.write(new Personas(analytics.dataset().rowCount(), Export.rows(analytics.personas()))));
    documents.makeAllInBackground();
  }

  CustomerAnalytics analytics() {
    return analytics;
  }

  void close() {
    documents.stop();
  }

  void analyze(Context ctx) throws IOException {
    CustomerId id = CustomerId.of(ctx.pathParam("customer_id"), "the customer id");
    Utf8Json json = documents.json(id);
    // Straight to the response: a result stream would be copied through a fresh 32 KB buffer per request.
    ctx.contentType(ContentType.APPLICATION_JSON);
    json.writeUnquotedUTF8(ctx.outputStream());
  }

  void customers(Context ctx) {
    CustomerQuery query = CustomerQuery.from(ctx::queryParam, options.maxPageSize());
    ctx.json(customers.join().page(query));
  }

  void batchAnalyze(Context ctx) throws IOException {
    BatchRequest request = BatchRequest.parse(JsonBody.of(ctx, BatchRequest.SHAPE).json(), options.maxBatchSize());
    List<BatchResult> results = new ArrayList<>(request.customerIds().size());
    int found = 0;
    for (CustomerId id : request.customerIds()) {
      try {
        results.add(new BatchResult(id.value(), new RawValue(documents.json(id)), null));
        found++;
      } catch (ApiException unknown) {
        results.add(new BatchResult(id.value(), null, unknown.problem()));
      }
    }
    // Streamed, since a batch of 100 is half a megabyte: building it as one string first costs far more memory.
    ctx.contentType(ContentType.APPLICATION_JSON);
    Json.mapper().writeValue(ctx.outputStream(), new BatchResponse(results.size(), found, results));
  }

  void health(Context ctx) {
    ctx.json(new Health("ok", analytics.dataset().source(), analytics.dataset().rowCount(),
        analytics.dataset().skipped().size(), analytics.dataset().sha256(), documents.kept(), Version.current(),
        Duration.between(started, Instant.now()).toSeconds()));
  }

  void personas(Context ctx) {
    sendJson(ctx, personas.join());
  }

  void migration(Context ctx) {
    if (!analytics.analysis().fromLog()) {
      throw ApiException.badRequest("no_log", "a migration follows a log's customers over time; this server was "
          + "started on a customer table");
    }
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    try {
      ctx.json(analytics.analysis().migration(from, to));
    } catch (WorkspaceException e) {
      throw ApiException.badRequest("bad_dates", e.getMessage());
    }
  }

  private static LocalDate date(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) throw ApiException.badRequest("missing_parameter", name + " is required: a day as YYYY-MM-DD");
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("bad_date", name + " \"" + value + "\" is not a day as YYYY-MM-DD");
    }
  }

  void openApi(Context ctx) {
    sendJson(ctx, openApi);
  }

  private static void sendJson(Context ctx, String json) {
    ctx.contentType(ContentType.APPLICATION_JSON).result(json);
  }
}
