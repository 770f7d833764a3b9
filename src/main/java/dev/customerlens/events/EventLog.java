package dev.customerlens.events;

import dev.customerlens.data.ByteSource;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import dev.customerlens.data.Pseudonyms;
import dev.customerlens.data.SkippedRow;
import dev.customerlens.errors.WorkspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.datetimes.PackedLocalDateTime;
import tech.tablesaw.selection.Selection;

/**
 * A customer event log, read and checked: the one way to read event and transaction logs. Every
 * layout ({@link LogFormat}) becomes the same immutable table, one row per event:
 * {@code customer_id} (text), {@code timestamp} (date-time), {@code event} (view, cart or purchase),
 * {@code category} (text, blank when unknown) and {@code amount} (a number, missing when not given).
 * Bad rows come back as a {@link DataFileException} listing file, line, column and value of each.
 *
 * <pre>{@code
 * EventLog log = EventLog.read(Path.of("events.csv"), LogFormat.EVENTS);
 * EventLog sales = EventLog.read(Path.of("online_retail_II.csv"), LogFormat.TRANSACTIONS,
 *     LogReadOptions.lenient().withCustomers(customers));
 * sales.summary();                           // rows, events, and what each exclusion rule left out
 * log.customer("101").activityHeatmap();     // one customer's weekday × hour counts
 * log.rfm(LocalDate.of(2024, 6, 30));        // recency, frequency, monetary and quintile scores
 * }</pre>
 *
 * <p>Timestamps follow one rule for every layout; see {@link #TIMESTAMP_FORMATS}.
 */
public final class EventLog {
  /** The accepted timestamp formats, as stated to users. */
  public static final String TIMESTAMP_FORMATS = "ISO-8601 (2024-03-05T14:30:00, optional seconds, fraction and "
      + "offset; the wall-clock time as written is kept), the same with a space for the T (2009-12-01 07:45:00, "
      + "Online Retail II), month-first 12/1/2010 8:26 (the 2011 Online Retail release), epoch seconds "
      + "(1709649000, UTC), or a date alone (the start of the day, with no time of day); none before 1990, none "
      + "more than a day after the file's last change";
  /** Column names of {@link #table()}. */
  public static final String CUSTOMER_ID = "customer_id";
  public static final String TIMESTAMP = "timestamp";
  public static final String EVENT = "event";
  public static final String CATEGORY = "category";
  public static final String AMOUNT = "amount";
  /** The default window of {@link #interestTrend(LocalDate)}. */
  public static final int TREND_DAYS = 30;

  private final String source;
  private final LogFormat format;
  private final Table table;
  private final LogSummary summary;
  private final Map<String, OrderLines> orderLines;
  /** The day a cut log covers up to ({@link #until}); null for a log as read, which ends on its last event. */
  private final LocalDate end;
  private Map<String, int[]> rowsByCustomer;

  private EventLog(String source, LogFormat format, Table table, LogSummary summary, Map<String, OrderLines> orderLines) {
    this(source, format, table, summary, orderLines, null);
  }

  private EventLog(String source, LogFormat format, Table table, LogSummary summary, Map<String, OrderLines> orderLines,
      LocalDate end) {
    this.source = source;
    this.format = format;
    this.table = table;
    this.summary = summary;
    this.orderLines = Map.copyOf(orderLines);
    this.end = end;
  }

  /**
   * The 182-day event log of the embedded customers ({@code data/events.csv}, made by
   * {@code SyntheticEvents} from the customers' seed), shipped in the jar.
   */
  public static EventLog embedded() {
    InputStream in = EventLog.class.getResourceAsStream("/dev/customerlens/data/events.csv");
    if (in == null) throw new IllegalStateException("the embedded event log is missing from the classpath");
    return read(in, "embedded:events.csv", LogFormat.EVENTS, LogReadOptions.strict());
  }

  /** SHA-256 of the embedded log's bytes, in hex, so numbers computed from it can be traced to them. */
  public static String embeddedSha256() {
    try (InputStream in = EventLog.class.getResourceAsStream("/dev/customerlens/data/events.csv")) {
      if (in == null) throw new IllegalStateException("the embedded event log is missing from the classpath");
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static EventLog read(Path file, LogFormat format) {
    return read(file, format, LogReadOptions.strict());
  }

  public static EventLog read(Path file, LogFormat format, LogReadOptions options) {
    try (InputStream in = ByteSource.open(file)) {
      if (options.newestFileTime().isEmpty()) {
        options = options.withNewestFileTime(LocalDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(),
            java.time.ZoneId.systemDefault()));
      }
      return read(in, file.toString(), format, options);
    } catch (NoSuchFileException e) {
      throw new DataFileException(new Issue(file.toString(), 1, 0, null, null, "no such file"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads UTF-8 text (with or without a byte order mark) from a stream; {@code name} labels errors. */
  public static EventLog read(InputStream in, String name, LogFormat format, LogReadOptions options) {
    Objects.requireNonNull(format, "format");
    EventColumns columns = new EventColumns();
    RowProblems problems = new RowProblems(name, options);
    TransactionRows transactions = new TransactionRows(problems);
    try (Reader text = LogCsvReader.text(in)) {
      long rows = switch (format) {
        case EVENTS -> LogCsvReader.read(text, name, EventRows.COLUMNS, new EventRows(columns, problems), problems,
            options.columns());
        case TRANSACTIONS -> LogCsvReader.read(text, name, TransactionRows.COLUMNS, transactions, problems,
            options.columns());
        case CDNOW -> CdnowReader.read(text, name, columns, problems);
      };
      // Only a transaction log has invoices to turn into purchases and lines left out by rule.
      transactions.emit(columns);
      long kept = format == LogFormat.TRANSACTIONS ? transactions.keptLines() : columns.size();
      Map<ExclusionRule, Long> excluded = transactions.excluded();
      problems.check(rows, kept + excluded.values().stream().mapToLong(Long::longValue).sum());
      Table table = columns.table(name);
      return new EventLog(name, format, table, summarise(name, format, table, rows, kept, columns.timesOfDay(),
          excluded, problems.skipped()), transactions.orderLines());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /**
   * A log made of events gathered elsewhere, one by one, in the schema of {@link #table()}: a batch of
   * customers' events on a cluster's executor, to which a fitted forecast is applied. {@code timesOfDay}
   * is the whole log's, whatever this batch's events say.
   */
  public static Batch batch(String source, boolean timesOfDay) {
    return new Batch(source, timesOfDay);
  }

  /** Events added in the order they are to be read, then {@link #log()}. */
  public static final class Batch {
    private final String source;
    private final boolean timesOfDay;
    private final EventColumns columns = new EventColumns();

    private Batch(String source, boolean timesOfDay) {
      this.source = Objects.requireNonNull(source, "source");
      this.timesOfDay = timesOfDay;
    }

    /** {@code event} is a label of {@link EventType}; {@code category} may be empty and {@code amount} null. */
    public void add(String customerId, LocalDateTime at, String event, String category, Double amount) {
      EventType type = EventType.parse(event)
          .orElseThrow(() -> new IllegalArgumentException("not an event type: \"" + event + "\""));
      columns.add(customerId, at, timesOfDay, type, category == null ? "" : category, amount);
    }

    public EventLog log() {
      return log(null);
    }

    /**
     * The log as it stood at the end of {@code asOf}, as {@link #until} makes it, though its own last
     * event may be earlier: a sample of a larger log's customers, measured from that log's last day.
     */
    public EventLog log(LocalDate asOf) {
      Table table = columns.table(source);
      return new EventLog(source, LogFormat.EVENTS, table, summarise(source, LogFormat.EVENTS, table, table.rowCount(),
          table.rowCount(), timesOfDay, Map.of(), List.of()), Map.of(), asOf);
    }
  }

  /**
   * The earliest ({@code sign} −1) or latest (1) time, null when there is none: what Tablesaw's own
   * min and max give, without boxing every time as a Long on the way.
   */
  private static LocalDateTime extreme(DateTimeColumn times, int sign) {
    long best = 0;
    boolean found = false;
    for (int row = 0; row < times.size(); row++) {
      if (times.isMissing(row)) continue;
      long packed = times.getLongInternal(row);
      if (!found || Long.compare(packed, best) == sign) best = packed;
      found = true;
    }
    return found ? PackedLocalDateTime.asLocalDateTime(best) : null;
  }

  private static LogSummary summarise(String name, LogFormat format, Table table, long rows, long kept,
      boolean timesOfDay, Map<ExclusionRule, Long> excluded, List<SkippedRow> skipped) {
    StringColumn events = table.stringColumn(EventLog.EVENT);
    long views = events.countOccurrences(EventType.VIEW.label());
    long carts = events.countOccurrences(EventType.CART.label());
    DateTimeColumn times = table.dateTimeColumn(EventLog.TIMESTAMP);
    LocalDateTime first = extreme(times, -1);
    LocalDateTime last = extreme(times, 1);
    return new LogSummary(name, format, rows, kept, table.rowCount(), views, carts, table.rowCount() - views - carts,
        table.stringColumn(EventLog.CUSTOMER_ID).countUnique(), first == null ? null : first.toString(),
        last == null ? null : last.toString(), timesOfDay, excluded, skipped);
  }

  /** This log followed by {@code more} (read in the same layout), as one log: live events arriving. */
  public EventLog append(EventLog more) {
    Table combined = table.copy().append(more.table);
    LogSummary a = summary;
    LogSummary b = more.summary;
    Map<ExclusionRule, Long> excluded = new EnumMap<>(ExclusionRule.class);
    a.excluded().forEach((rule, n) -> excluded.merge(rule, n, Long::sum));
    b.excluded().forEach((rule, n) -> excluded.merge(rule, n, Long::sum));
    List<SkippedRow> skipped = new ArrayList<>(a.skipped());
    skipped.addAll(b.skipped());
    Map<String, OrderLines> lines = new HashMap<>(orderLines);
    more.orderLines.forEach((id, l) -> lines.merge(id, l, OrderLines::plus));
    return new EventLog(source, format, combined, summarise(source, format, combined, a.rowsRead() + b.rowsRead(),
        a.rowsKept() + b.rowsKept(), a.timesOfDay() || b.timesOfDay(), excluded, skipped), lines);
  }

  /**
   * The log as it stood at the end of {@code asOf}: only events on or before that day, and
   * {@link #lastDate()} is {@code asOf} itself, so recency, tenure, RFM and forecasts are measured
   * from that day even when its last event came earlier. Invoice-line tallies ({@link #orderLines()})
   * are kept for the whole file only, not by day, so a log cut before its last day has none rather
   * than tallies that would count later lines.
   *
   * @throws WorkspaceException if {@code asOf} is before the first event or after the last day
   */
  public EventLog until(LocalDate asOf) {
    return window(firstDate(), asOf);
  }

  /**
   * The events from {@code first} to {@code last} (both days included), as a log that ends on
   * {@code last}: a period to compare with another. Invoice-line tallies as for {@link #until}.
   */
  public EventLog window(LocalDate first, LocalDate last) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (last.isBefore(firstDate()) || last.isAfter(lastDate())) {
      throw new WorkspaceException(last + " is outside " + source + ", which covers " + firstDate() + " to " + lastDate());
    }
    if (last.isBefore(first)) throw new WorkspaceException("the period " + first + " to " + last + " ends before it starts");
    if (!first.isAfter(firstDate()) && last.equals(lastDate())) return this;
    var times = table.dateTimeColumn(EventLog.TIMESTAMP);
    Selection kept = new tech.tablesaw.selection.BitmapBackedSelection();
    for (int i = 0; i < times.size(); i++) {
      LocalDate day = times.get(i).toLocalDate();
      if (!day.isBefore(first) && !day.isAfter(last)) kept.add(i);
    }
    Table rows = table.where(kept);
    boolean whole = !first.isAfter(firstDate()) && !last.isBefore(lastDate());
    LogSummary cut = summarise(source, format, rows, summary.rowsRead(), summary.rowsKept(), summary.timesOfDay(),
        summary.excluded(), summary.skipped());
    return new EventLog(source, format, rows, cut, whole ? orderLines : Map.of(), last);
  }

  /**
   * The same events without invoice-line tallies: to compare this log with itself cut at an earlier
   * day ({@link #until}, which has none) on the same footing, so that a feature does not seem to
   * change only because one side records it.
   */
  public EventLog eventsOnly() {
    return orderLines.isEmpty() ? this : new EventLog(source, format, table, summary, Map.of(), end);
  }

  /** The same events with every customer id replaced by its keyed pseudonym. */
  public EventLog pseudonymised(Pseudonyms pseudonyms) {
    Table copy = table.copy();
    StringColumn ids = copy.stringColumn(CUSTOMER_ID);
    StringColumn hidden = StringColumn.create(CUSTOMER_ID);
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) hidden.append(seen.computeIfAbsent(ids.get(i), pseudonyms::of));
    copy.replaceColumn(CUSTOMER_ID, hidden);
    Map<String, OrderLines> lines = new HashMap<>();
    orderLines.forEach((id, l) -> lines.put(seen.computeIfAbsent(id, pseudonyms::of), l));
    return new EventLog(source + " (pseudonymised ids)", format, copy, summarise(source, format, copy,
        summary.rowsRead(), summary.rowsKept(), summary.timesOfDay(), summary.excluded(), summary.skipped()), lines, end);
  }

  /** File name or label the events came from, as used in error messages. */
  public String source() {
    return source;
  }

  public LogFormat format() {
    return format;
  }

  /** The event table described in the class comment. Shared, not copied: treat it as read-only. */
  public Table table() {
    return table;
  }

  public int rowCount() {
    return table.rowCount();
  }

  /**
   * Each customer's invoice lines (units, cancellations, returns, products, country): filled for a
   * transaction log only, empty for the other layouts, which record none of these.
   */
  public Map<String, OrderLines> orderLines() {
    return orderLines;
  }

  /** What reading the file found. A log from {@link #customer(String)} keeps its file's summary. */
  public LogSummary summary() {
    return summary;
  }

  /** Customer ids in order of their first event. */
  public List<String> customerIds() {
    return List.copyOf(new LinkedHashSet<>(table.stringColumn(EventLog.CUSTOMER_ID).asList()));
  }

  /** The day of the latest event, or the day a cut log ends on ({@link #until}): the natural analysis date of a log. */
  public LocalDate lastDate() {
    if (end != null) return end;
    requireEvents();
    return table.dateTimeColumn(EventLog.TIMESTAMP).max().toLocalDate();
  }

  public LocalDate firstDate() {
    requireEvents();
    return table.dateTimeColumn(EventLog.TIMESTAMP).min().toLocalDate();
  }

  private void requireEvents() {
    if (table.isEmpty()) throw new IllegalStateException(source + " has no events");
  }

  /**
   * One customer's events as a log of its own, with the same format and summary, so that every
   * analysis below works per customer too. A customer without events gets an empty log.
   */
  public EventLog customer(String customerId) {
    String id = Objects.requireNonNull(customerId, "customerId").strip();
    Table rows = table.where(Selection.with(rowsByCustomer().getOrDefault(id, new int[0])));
    OrderLines lines = orderLines.get(id);
    return new EventLog(source, format, rows.setName(source + " customer " + id), summary,
        lines == null ? Map.of() : Map.of(id, lines), end);
  }

  /** Row numbers of each customer's events, built on first use: an API asks for thousands of customers. */
  private synchronized Map<String, int[]> rowsByCustomer() {
    if (rowsByCustomer == null) {
      StringColumn ids = table.stringColumn(EventLog.CUSTOMER_ID);
      Map<String, List<Integer>> lists = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) lists.computeIfAbsent(ids.get(i), k -> new ArrayList<>()).add(i);
      Map<String, int[]> index = new HashMap<>(lists.size() * 2);
      lists.forEach((id, rows) -> index.put(id, rows.stream().mapToInt(Integer::intValue).toArray()));
      rowsByCustomer = index;
    }
    return rowsByCustomer;
  }

  /** Weekday × hour counts of every event; unavailable for a log of dates without times. */
  public ActivityHeatmap activityHeatmap() {
    if (!summary.timesOfDay()) {
      return ActivityHeatmap.unavailable(source + " records dates without times of day (" + format.label()
          + "), so activity by hour cannot be shown");
    }
    return ActivityHeatmap.of(table.dateTimeColumn(EventLog.TIMESTAMP));
  }

  /** Daily counts per category over the {@value #TREND_DAYS} days ending on {@code asOf}. */
  public InterestTrend interestTrend(LocalDate asOf) {
    return interestTrend(asOf, TREND_DAYS);
  }

  public InterestTrend interestTrend(LocalDate asOf, int days) {
    return InterestTrend.of(table.dateTimeColumn(EventLog.TIMESTAMP), table.stringColumn(EventLog.CATEGORY),
        Objects.requireNonNull(asOf, "asOf"), days);
  }

  /** View → cart → purchase counts and ratios; unavailable when the log has no view or cart events. */
  public Funnel funnel() {
    if (!summary.hasBrowsing()) {
      String why = format == LogFormat.EVENTS
          ? source + " has purchase events only"
          : source + " is a " + format.label() + ", which records purchases only";
      return Funnel.unavailable(why + "; a funnel needs view and cart events from an event log");
    }
    StringColumn events = table.stringColumn(EventLog.EVENT);
    return Funnel.of(events.countOccurrences(EventType.VIEW.label()), events.countOccurrences(EventType.CART.label()),
        events.countOccurrences(EventType.PURCHASE.label()));
  }

  /**
   * Recency, frequency and monetary value as of {@code asOf} for every customer with a purchase by
   * then: customer_id, recency_days, frequency, monetary, r_score, f_score, m_score (1 to 5 by
   * quintile, 5 best), rfm_cell ("545") and rfm_total (3 to 15).
   */
  public Table rfm(LocalDate asOf) {
    return Rfm.table(Rfm.of(table, asOf), asOf);
  }

  /** One customer's RFM, scored against every customer of this log; empty without a purchase by {@code asOf}. */
  public Optional<RfmScore> rfm(String customerId, LocalDate asOf) {
    return Rfm.of(table, asOf).stream().filter(s -> s.customerId().equals(customerId)).findFirst();
  }

  @Override
  public String toString() {
    return source + ": " + table.rowCount() + " events of " + table.stringColumn(EventLog.CUSTOMER_ID).countUnique()
        + " customers (" + format.label() + ")";
  }
}
