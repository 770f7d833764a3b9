package dev.customerlens.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Field;
import dev.customerlens.data.Issue;
import dev.customerlens.data.SkippedRow;
import dev.customerlens.errors.Failures;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.export.Export;
import dev.customerlens.export.Json;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Events arriving over HTTP. Each request is checked on the thread that received it: every item
 * is written as a log record by the CSV writer every export uses, and read back by the log reader,
 * so what is applied now is what a restart will read. A request's good items are then committed
 * together with whatever other requests arrived meanwhile (group commit): one write and one flush
 * to disk for the group, and the answer only once that is done. The analysis then catches up on a
 * thread of its own, with every event committed since its last update at once, and open pages are
 * told over Server-Sent Events.
 *
 * <p>A request is applied item by item: each bad item comes back with its index and reason, the
 * good ones are applied, and a request with no good item is answered 400. A retried request with
 * the same Idempotency-Key and body gets the first answer and counts once, across restarts too; the
 * same key with another body is refused with 422.
 */
final class LiveEvents implements AutoCloseable {
  static final int MAX_EVENTS = 1_000;
  static final int MAX_KEY_LENGTH = 200;
  /** Events from before this are typing mistakes, not history. */
  static final LocalDateTime EARLIEST = LocalDateTime.of(1990, 1, 1, 0, 0);
  /** How long the analysis waits for more events before an update; pages are told once it is done. */
  static final long REFRESH_PAUSE_MILLIS = 250;
  private static final List<String> FIELDS = List.of("customer_id", "timestamp", "event", "category", "amount");
  private static final String HEADER = Export.csvRecord(FIELDS);
  private static final String SHAPE = "send a JSON array of events with " + String.join(", ", FIELDS);

  /** What one POST did. */
  record Accepted(int accepted, int rejected, List<ItemError> errors, boolean persisted, String note) {}

  /** Why item {@code index} (from 0) was not accepted. */
  record ItemError(int index, String field, String detail) {}

  /** A checked request: its good items as log records, and as the events they read back as. */
  private record Pending(String key, String digest, String records, EventLog events, Accepted answer,
      CompletableFuture<Accepted> committed) {}

  private final Supplier<CustomerAnalytics> analytics;
  private final BiConsumer<CustomerAnalytics, Set<String>> publish;
  private final EventJournal journal;
  private final String notPersisted;
  private final Map<String, EventJournal.KeyLine> inMemoryKeys = new HashMap<>();
  private final BlockingQueue<Pending> arriving = new LinkedBlockingQueue<>();
  private final BlockingQueue<EventLog> committed = new LinkedBlockingQueue<>();
  private final Queue<SseClient> listeners = new ConcurrentLinkedQueue<>();
  private final Thread committer;
  private final Thread refresher;
  private volatile LogReadOptions readOptions;

  /**
   * @param journal where accepted events are appended, or null to keep them in memory only
   * @param notPersisted why they are not appended (for the answer), when {@code journal} is null
   * @param publish takes the analysis with the new events and the ids of the customers they touch
   */
  LiveEvents(Supplier<CustomerAnalytics> analytics, BiConsumer<CustomerAnalytics, Set<String>> publish,
      EventJournal journal, String notPersisted) {
    this.analytics = analytics;
    this.publish = publish;
    this.journal = journal;
    this.notPersisted = notPersisted;
    this.committer = daemon("event-commit", this::commitForever);
    this.refresher = daemon("event-refresh", this::refreshForever);
  }

  private static Thread daemon(String name, Runnable loop) {
    Thread thread = new Thread(loop, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  void listen(SseClient client) {
    client.keepAlive();
    client.onClose(() -> listeners.remove(client));
    listeners.add(client);
  }

  void post(Context ctx) {
    if (analytics.get().events().isEmpty()) {
      throw new ApiException(409, new Problem("no_event_log",
          "this server was started without an event log, so there is nothing to add events to; start it with --events"));
    }
    String key = key(ctx.header("Idempotency-Key"));
    JsonBody body = JsonBody.of(ctx, SHAPE);
    String digest = key == null ? null : sha256(body.bytes());
    Accepted earlier = key == null ? null : replay(key, digest);
    if (earlier != null) {
      ctx.header("Idempotent-Replayed", "true").status(200).json(earlier);
      return;
    }
    Pending pending = check(items(body.json()), key, digest);
    if (pending.answer().accepted() == 0) {
      ctx.status(400).json(pending.answer());
      return;
    }
    arriving.add(pending);
    Accepted answer = Failures.joined(pending.committed());
    if (answer != pending.answer()) ctx.header("Idempotent-Replayed", "true");
    ctx.status(200).json(answer);
  }

  private static String key(String key) {
    if (key == null) return null;
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      throw ApiException.badRequest("invalid_idempotency_key", "an Idempotency-Key is 1 to " + MAX_KEY_LENGTH
          + " visible ASCII characters, such as a UUID");
    }
    return key;
  }

  /** The first answer to a request with this key and body; null for a new key; 422 for another body. */
  private Accepted replay(String key, String digest) {
    EventJournal.KeyLine earlier = remembered(key);
    if (earlier == null) return null;
    if (!earlier.sha256().equals(digest)) {
      throw new ApiException(422, new Problem("idempotency_key_reused", "this Idempotency-Key was used before with "
          + "another body; a new request needs a new key"));
    }
    return earlier.answer();
  }

  private EventJournal.KeyLine remembered(String key) {
    if (journal != null) return journal.remembered(key).orElse(null);
    synchronized (inMemoryKeys) {
      return inMemoryKeys.get(key);
    }
  }

  private static JsonNode items(JsonNode items) {
    if (!items.isArray()) throw ApiException.badRequest("invalid_request", "the body is " + JsonBody.kind(items) + "; " + SHAPE);
    if (items.size() > MAX_EVENTS) {
      throw new ApiException(413, new Problem("payload_too_large", "at most " + MAX_EVENTS + " events a request, this one has "
          + items.size()));
    }
    if (items.isEmpty()) throw ApiException.badRequest("invalid_request", "the array has no events; " + SHAPE);
    return items;
  }

  /**
   * Writes each well-formed item as a log record, reads them back as a log and keeps the items the
   * reader accepts whose time is neither before {@link #EARLIEST} nor more than a day ahead of this
   * server's clock (a far-future event would move "today" for every customer).
   */
  private Pending check(JsonNode items, String key, String digest) {
    List<ItemError> errors = new ArrayList<>();
    List<Integer> itemsOfRows = new ArrayList<>();
    List<String> records = new ArrayList<>();
    Map<Integer, Integer> itemOfLine = new HashMap<>();
    int line = 2;
    for (int i = 0; i < items.size(); i++) {
      List<Object> cells = new ArrayList<>();
      ItemError problem = cells(items.get(i), i, cells);
      if (problem != null) {
        errors.add(problem);
        continue;
      }
      String record = Export.csvRecord(cells);
      itemOfLine.put(line, i);
      line += (int) record.chars().filter(c -> c == '\n').count();
      itemsOfRows.add(i);
      records.add(record);
    }
    Set<Integer> rejected = new LinkedHashSet<>();
    EventLog read = null;
    if (!records.isEmpty()) {
      try {
        read = read(records, LogReadOptions.lenient());
        for (SkippedRow row : read.summary().skipped()) {
          int item = itemOfLine.get(row.line());
          rejected.add(item);
          for (Issue issue : row.reasons()) errors.add(new ItemError(item, issue.column(), issue.message()));
        }
        rejected.addAll(outOfTime(read, itemsOfRows, rejected, errors));
      } catch (DataFileException noneGood) {
        // The reader keeps nothing: every item is rejected, with the issues it listed (up to its cap).
        for (Issue issue : noneGood.issues()) {
          errors.add(new ItemError(itemOfLine.get(issue.line()), issue.column(), issue.message()));
        }
        rejected.addAll(itemsOfRows);
      }
    }
    List<String> good = new ArrayList<>();
    for (int r = 0; r < records.size(); r++) if (!rejected.contains(itemsOfRows.get(r))) good.add(records.get(r));
    errors.sort(Comparator.comparingInt(ItemError::index));
    boolean persisted = journal != null && !good.isEmpty();
    Accepted answer = new Accepted(good.size(), items.size() - good.size(), errors, persisted,
        persisted || good.isEmpty() ? null : notPersisted);
    if (good.isEmpty()) return new Pending(key, digest, "", null, answer, null);
    // Read again without the rejected records, unless there were none: then it is the same log.
    EventLog events = good.size() == records.size() ? read : read(good, LogReadOptions.strict());
    return new Pending(key, digest, String.join("", good), events, answer, new CompletableFuture<>());
  }

  /** The items the reader kept whose time is out of bounds, each with its error. */
  private static Set<Integer> outOfTime(EventLog read, List<Integer> itemsOfRows, Set<Integer> rejected,
      List<ItemError> errors) {
    LocalDateTime latest = LocalDateTime.now().plusDays(1);
    Set<Integer> late = new LinkedHashSet<>();
    var times = read.table().dateTimeColumn(EventLog.TIMESTAMP);
    int row = 0;
    for (int item : itemsOfRows) {
      if (rejected.contains(item)) continue;
      LocalDateTime at = times.get(row++);
      if (at.isBefore(EARLIEST) || at.isAfter(latest)) {
        late.add(item);
        errors.add(new ItemError(item, "timestamp", at + " is out of range; events are from " + EARLIEST.toLocalDate()
            + " to a day after this server's clock (" + latest.withNano(0) + ")"));
      }
    }
    return late;
  }

  private EventLog read(List<String> records, LogReadOptions options) {
    String csv = HEADER + String.join("", records);
    return EventLog.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "request", LogFormat.EVENTS,
        options.withCustomers(known().source(), known().ids()));
  }

  /** The loaded customers, once: events never add customers. */
  private LogReadOptions.KnownCustomers known() {
    LogReadOptions options = readOptions;
    if (options == null) {
      options = LogReadOptions.lenient().withCustomers("the loaded customers",
          analytics.get().customers().stringColumn(Field.CUSTOMER_ID.key()).asList());
      readOptions = options;
    }
    return options.customers().orElseThrow();
  }

  /** One item's cells in log order, or the reason it is not an event at all. */
  private static ItemError cells(JsonNode item, int index, List<Object> cells) {
    if (!item.isObject()) return new ItemError(index, null, "an event is an object with " + String.join(", ", FIELDS)
        + ", not " + JsonBody.kind(item));
    for (String field : List.of("customer_id", "timestamp", "event")) {
      if (!item.path(field).isTextual()) return new ItemError(index, field, "is missing or not text");
    }
    try {
      CustomerId.of(item.get("customer_id").textValue(), "customer_id");
    } catch (ApiException bad) {
      return new ItemError(index, "customer_id", bad.problem().detail());
    }
    JsonNode category = item.path("category");
    if (!category.isMissingNode() && !category.isNull() && !category.isTextual()) {
      return new ItemError(index, "category", "must be text");
    }
    JsonNode amount = item.path("amount");
    String amountCell = "";
    if (!amount.isMissingNode() && !amount.isNull()) {
      if (!amount.isNumber()) return new ItemError(index, "amount", "must be a number");
      if (!Double.isFinite(amount.doubleValue())) return new ItemError(index, "amount", "is out of range");
      if (amount.decimalValue().signum() < 0) return new ItemError(index, "amount", "is negative; an amount is 0 or more");
      amountCell = amount.decimalValue().toPlainString();
    }
    cells.add(item.get("customer_id").textValue());
    cells.add(item.get("timestamp").textValue());
    cells.add(item.get("event").textValue());
    cells.add(category.isTextual() ? category.textValue() : "");
    cells.add(amountCell);
    return null;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** Takes whatever has arrived, commits it as one group, and goes back for more. */
  private void commitForever() {
    List<Pending> group = new ArrayList<>();
    try {
      while (true) {
        group.add(arriving.take());
        arriving.drainTo(group);
        try {
          commit(group);
        } catch (RuntimeException bug) {
          System.err.println("cannot commit " + group.size() + " requests' events:");
          bug.printStackTrace();
          group.forEach(p -> p.committed().completeExceptionally(bug));
        }
        group.clear();
      }
    } catch (InterruptedException stopping) {
      group.addAll(arriving);
      group.forEach(p -> p.committed().completeExceptionally(unavailable("the server is stopping")));
    }
  }

  private void commit(List<Pending> group) {
    List<Pending> leaders = new ArrayList<>();
    Map<String, Pending> byKey = new HashMap<>();
    Map<Pending, Pending> followers = new HashMap<>();
    for (Pending p : group) {
      if (p.key() != null) {
        try {
          Accepted earlier = replay(p.key(), p.digest());
          if (earlier != null) {
            p.committed().complete(earlier);
            continue;
          }
        } catch (ApiException reused) {
          p.committed().completeExceptionally(reused);
          continue;
        }
        Pending leader = byKey.putIfAbsent(p.key(), p);
        if (leader != null) {
          followers.put(p, leader);
          continue;
        }
      }
      leaders.add(p);
    }
    try {
      if (journal != null) {
        journal.append(leaders.stream().map(p -> new EventJournal.Entry(p.key(), p.digest(), p.records(), p.answer()))
            .toList());
      } else {
        synchronized (inMemoryKeys) {
          for (Pending p : byKey.values()) inMemoryKeys.put(p.key(), new EventJournal.KeyLine(p.key(), p.digest(), 0,
              p.answer()));
        }
      }
    } catch (UncheckedIOException e) {
      System.err.println("cannot append " + leaders.size() + " requests' events: " + e.getMessage());
      ApiException refused = unavailable("the events could not be written to the event log, so none of this request "
          + "was applied; try again later");
      leaders.forEach(p -> p.committed().completeExceptionally(refused));
      followers.keySet().forEach(p -> p.committed().completeExceptionally(refused));
      return;
    }
    leaders.forEach(p -> committed.add(p.events()));
    leaders.forEach(p -> p.committed().complete(p.answer()));
    followers.forEach((p, leader) -> {
      if (leader.digest().equals(p.digest())) p.committed().complete(leader.answer());
      else p.committed().completeExceptionally(new ApiException(422, new Problem("idempotency_key_reused",
          "this Idempotency-Key was used before with another body; a new request needs a new key")));
    });
  }

  private static ApiException unavailable(String detail) {
    return new ApiException(503, new Problem("event_log_unavailable", detail));
  }

  /**
   * Brings the analysis up to date with every event committed since the last time, as one update:
   * under a steady stream of events it is rebuilt a few times a second, not once per event.
   */
  private void refreshForever() {
    List<EventLog> batch = new ArrayList<>();
    try {
      while (true) {
        batch.add(committed.take());
        // Each update copies the log and rebuilds its purchase histories: under a stream of events,
        // doing that at most a few times a second leaves the CPU to the intake.
        Thread.sleep(REFRESH_PAUSE_MILLIS);
        committed.drainTo(batch);
        EventLog more = batch.get(0);
        for (int i = 1; i < batch.size(); i++) more = more.append(batch.get(i));
        Set<String> ids = new LinkedHashSet<>(more.customerIds());
        try {
          publish.accept(analytics.get().withMoreEvents(more), ids);
          announce(ids);
        } catch (RuntimeException e) {
          System.err.println("cannot update the analysis with " + more.rowCount() + " new events (they are in the "
              + "log and will be read at the next start):");
          e.printStackTrace();
        }
        batch.clear();
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  private void announce(Set<String> ids) {
    String message = Json.write(Map.of("ids", List.copyOf(ids)));
    for (SseClient client : listeners) {
      try {
        client.sendEvent("customers", message.replace("\n", ""));
      } catch (RuntimeException closed) {
        listeners.remove(client);
      }
    }
  }

  @Override
  public void close() {
    committer.interrupt();
    refresher.interrupt();
    try {
      committer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (journal != null) journal.close();
  }
}
