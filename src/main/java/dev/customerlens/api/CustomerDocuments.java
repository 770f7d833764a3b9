package dev.customerlens.api;

import dev.customerlens.analysis.Analysis;
import dev.customerlens.analysis.EventInsights;
import dev.customerlens.analysis.UnknownCustomerException;
import dev.customerlens.export.Json;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Each customer's analysis as the JSON the CLI prints, kept once made, as UTF-8 bytes ready to
 * send. An analysis never changes, and making one takes milliseconds (the customer is compared with
 * the whole base) while sending a kept one takes microseconds. Requests make the ones they need; a
 * background thread makes the rest. Documents are kept up to a memory budget, beyond which they are
 * made afresh on each request, so that a big input cannot exhaust the heap.
 */
final class CustomerDocuments {
  /** About 9 KB a customer: the embedded table's 3,900 take half of it. */
  static final long BUDGET_BYTES = 64L << 20;

  private final Analysis analysis;
  private final AtomicReferenceArray<Utf8Json> byRow;
  /** The log's last day, "today" for recency and forecasts; a scan of the whole log, so found once. */
  private final Optional<LocalDate> asOf;
  private final AtomicLong keptBytes = new AtomicLong();
  private final AtomicInteger keptCount = new AtomicInteger();
  private volatile boolean stopped;

  CustomerDocuments(Analysis analysis) {
    this.analysis = analysis;
    this.byRow = new AtomicReferenceArray<>(analysis.scored().rowCount());
    this.asOf = analysis.events().map(EventInsights::asOf);
  }

  /**
   * The documents of {@code analysis}, the analysis of {@code previous} with more events for the
   * customers {@code touched}: the others' documents are kept, as their events, the fitted model and
   * the profile base are unchanged. Unless the log's last day moved: it is "today" for everyone's
   * recency and forecasts, so then every document is made afresh.
   */
  CustomerDocuments(Analysis analysis, CustomerDocuments previous, Set<String> touched) {
    this(analysis);
    if (!asOf.equals(previous.asOf)) return;
    for (int row = 0; row < byRow.length(); row++) {
      Utf8Json kept = previous.byRow.get(row);
      if (kept != null && !touched.contains(analysis.scored().stringColumn("customer_id").get(row))) {
        byRow.set(row, kept);
        keptBytes.addAndGet(kept.byteLength());
        keptCount.incrementAndGet();
      }
    }
  }

  /** Makes every document on a thread of its own, from the first row on, until done, full or stopped. */
  void makeAllInBackground() {
    Thread maker = new Thread(() -> {
      for (int row = 0; row < byRow.length() && keptBytes.get() < BUDGET_BYTES && !stopped; row++) json(row);
      // Making them churned through a gigabyte of short-lived objects, and the JVM grew its heap to
      // match (to 600 MiB resident on the embedded data). A full collection now hands that back.
      if (!stopped) System.gc();
    }, "customer-documents");
    maker.setDaemon(true);
    maker.start();
  }

  /** The analysis of a known customer; for an unknown one, a 404 answer that names the id. */
  Utf8Json json(CustomerId id) {
    int row;
    try {
      row = analysis.row(id.value());
    } catch (UnknownCustomerException e) {
      throw new ApiException(404, new Problem("unknown_customer", String.format(Locale.ROOT,
          "no customer with id \"%s\" among the %,d loaded", id.value(), byRow.length()), id.value()));
    }
    return json(row);
  }

  private Utf8Json json(int row) {
    Utf8Json kept = byRow.get(row);
    if (kept != null) return kept;
    String id = analysis.scored().stringColumn("customer_id").get(row);
    Utf8Json json = new Utf8Json(Json.writeUtf8(analysis.customer(id)));
    // Two threads may race to keep the same document; either may win.
    if (keptBytes.get() < BUDGET_BYTES && byRow.compareAndSet(row, null, json)) {
      keptBytes.addAndGet(json.byteLength());
      keptCount.incrementAndGet();
    }
    return json;
  }

  /** How many documents are kept: all of them once the background thread is done, on the embedded data. */
  int kept() {
    return keptCount.get();
  }

  /** Stops making documents in the background; requests still make the ones they need. */
  void stop() {
    stopped = true;
  }
}
