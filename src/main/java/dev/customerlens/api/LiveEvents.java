package dev.customerlens.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Field;
import dev.customerlens.data.Issue;
import dev.customerlens.data.SkippedRow;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.export.Json;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Events arriving over HTTP: validated like a log file, applied to the analysis at once, appended
 * durably to the event log file when there is one, and announced to open pages over Server-Sent
 * Events. A retried request with the same Idempotency-Key gets the first answer and counts once.
 */
final class LiveEvents {
  static final int MAX_EVENTS = 1_000;
  private static final int REMEMBERED_KEYS = 10_000;
  private static final List<String> FIELDS = List.of("customer_id", "timestamp", "event", "category", "amount");

  /** What one POST did. */
  record Accepted(int accepted, int rejected, List<ItemError> errors, boolean persisted, String note) {}

  /** Why item {@code index} (from 0) was not accepted. */
  record ItemError(int index, String field, String detail) {}

  private final Supplier<CustomerAnalytics> analytics;
  private final Consumer<CustomerAnalytics> publish;
  private final Path logFile;
  private final String notPersisted;
  private final Map<String, Accepted> answered = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Accepted> eldest) {
      return size() > REMEMBERED_KEYS;
    }
  };
  private final Queue<SseClient> listeners = new ConcurrentLinkedQueue<>();

  /**
   * @param logFile where accepted events are appended, or null to keep them in memory only
   * @param notPersisted why they are not appended (for the answer), when {@code logFile} is null
   */
  LiveEvents(Supplier<CustomerAnalytics> analytics, Consumer<CustomerAnalytics> publish, Path logFile,
      String notPersisted) {
    this.analytics = analytics;
    this.publish = publish;
    this.logFile = logFile;
    this.notPersisted = notPersisted;
  }

  void listen(SseClient client) {
    client.keepAlive();
    client.onClose(() -> listeners.remove(client));
    listeners.add(client);
  }

  /** One request at a time: appends and the swap of the analysis must not interleave. */
  synchronized void post(Context ctx) {
    String key = ctx.header("Idempotency-Key");
    if (key != null && answered.containsKey(key)) {
      ctx.header("Idempotent-Replayed", "true").status(200).json(answered.get(key));
      return;
    }
    JsonNode items = body(ctx);
    CustomerAnalytics current = analytics.get();
    if (current.events().isEmpty()) {
      throw new ApiException(409, new Problem("no_event_log",
          "this server was started without an event log, so there is nothing to add events to; start it with --events", null));
    }
    List<ItemError> errors = new ArrayList<>();
    List<Integer> rowsToItems = new ArrayList<>();
    String csv = toCsv(items, errors, rowsToItems);
    EventLog accepted = EventLog.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "request",
        LogFormat.EVENTS, LogReadOptions.lenient().withCustomers("the loaded customers",
            current.customers().stringColumn(Field.CUSTOMER_ID.key()).asList()));
    for (SkippedRow row : accepted.summary().skipped()) {
      int item = rowsToItems.get(row.line() - 2);
      for (Issue issue : row.reasons()) errors.add(new ItemError(item, issue.column(), issue.message()));
    }
    boolean persisted = false;
    if (accepted.rowCount() > 0) {
      persisted = logFile != null && append(acceptedLines(csv, accepted, rowsToItems.size()));
      publish.accept(current.withMoreEvents(accepted));
      announce(accepted);
    }
    errors.sort(java.util.Comparator.comparingInt(ItemError::index));
    Accepted answer = new Accepted(accepted.rowCount(), items.size() - accepted.rowCount(), errors, persisted,
        persisted || accepted.rowCount() == 0 ? null : notPersisted);
    if (key != null) answered.put(key, answer);
    ctx.status(accepted.rowCount() == 0 ? 400 : 200).json(answer);
  }

  private static JsonNode body(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, new Problem("unsupported_media_type", "send the events as application/json", null));
    }
    JsonNode items;
    try {
      items = Json.mapper().readTree(ctx.body());
    } catch (IOException e) {
      throw ApiException.badRequest("malformed_json", "the body is not valid JSON: " + e.getMessage());
    }
    if (items == null || !items.isArray()) {
      throw ApiException.badRequest("invalid_request", "send a JSON array of events with " + String.join(", ", FIELDS));
    }
    if (items.size() > MAX_EVENTS) {
      throw new ApiException(413, new Problem("payload_too_large", "at most " + MAX_EVENTS + " events a request, this one has "
          + items.size(), null));
    }
    if (items.isEmpty()) throw ApiException.badRequest("invalid_request", "the array has no events");
    return items;
  }

  /** The items as CSV for the log reader; items of the wrong shape become errors and are left out. */
  private static String toCsv(JsonNode items, List<ItemError> errors, List<Integer> rowsToItems) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
      printer.printRecord(FIELDS);
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        String problem = shape(item);
        if (problem != null) {
          errors.add(new ItemError(i, null, problem));
          continue;
        }
        List<String> row = new ArrayList<>();
        for (String field : FIELDS) {
          JsonNode value = item.get(field);
          row.add(value == null || value.isNull() ? "" : value.isNumber() ? value.numberValue().toString() : value.asText());
        }
        printer.printRecord(row);
        rowsToItems.add(i);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String shape(JsonNode item) {
    if (!item.isObject()) return "an event is an object with " + String.join(", ", FIELDS);
    for (String field : List.of("customer_id", "timestamp", "event")) {
      if (!item.path(field).isTextual()) return field + " is missing or not text";
    }
    if (item.has("category") && !item.get("category").isNull() && !item.get("category").isTextual()) {
      return "category must be text";
    }
    if (item.has("amount") && !item.get("amount").isNull() && !item.get("amount").isNumber()) {
      return "amount must be a number";
    }
    return null;
  }

  /** The CSV lines of the accepted rows only, in order. */
  private static String acceptedLines(String csv, EventLog accepted, int rows) {
    Set<Integer> skippedLines = new LinkedHashSet<>();
    accepted.summary().skipped().forEach(r -> skippedLines.add(r.line()));
    String[] lines = csv.split("\n");
    StringBuilder out = new StringBuilder();
    for (int line = 2; line <= rows + 1; line++) {
      if (!skippedLines.contains(line)) out.append(lines[line - 1]).append('\n');
    }
    return out.toString();
  }

  /**
   * Appends whole lines and forces them to disk before answering. If the file does not end with a
   * line break (a write cut short), a break goes first, so new events never merge into a torn line.
   */
  private boolean append(String lines) {
    try (FileChannel file = FileChannel.open(logFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = file.size();
      boolean needsBreak = false;
      if (size > 0) {
        ByteBuffer last = ByteBuffer.allocate(1);
        file.read(last, size - 1);
        needsBreak = last.get(0) != '\n';
      }
      ByteBuffer bytes = ByteBuffer.wrap(((needsBreak ? "\n" : "") + lines).getBytes(StandardCharsets.UTF_8));
      long position = size;
      while (bytes.hasRemaining()) position += file.write(bytes, position);
      file.force(true);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the event log " + logFile, e);
    }
  }

  private void announce(EventLog accepted) {
    String message = Json.write(Map.of("ids", List.copyOf(new LinkedHashSet<>(accepted.customerIds()))));
    for (SseClient client : listeners) {
      try {
        client.sendEvent("customers", message.replace("\n", ""));
      } catch (RuntimeException closed) {
        listeners.remove(client);
      }
    }
  }
}
