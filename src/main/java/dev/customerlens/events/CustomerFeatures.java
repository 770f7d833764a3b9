package dev.customerlens.events;

import dev.customerlens.data.AuditFinding;
import dev.customerlens.data.Dataset;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One row per customer, derived from an event or transaction log by the stated rules of
 * {@link #RULES}, as of a date: only events on or before that day count. These are ordinary
 * features: persona rules, traits, scores and recommendations refer to them by name, exactly as
 * they refer to the columns of a customer table.
 *
 * <p>{@code amount}, {@code purchases_per_year} and {@code category} carry the names of the customer
 * table's columns with the same part (what a customer spends per order, how often they buy, what
 * they buy), so the charts and summaries that read those parts read a log's customers too.
 *
 * <pre>{@code
 * Table features = CustomerFeatures.of(EventLog.read(Path.of("sales.csv"), LogFormat.TRANSACTIONS));
 * }</pre>
 */
public final class CustomerFeatures {
  /** The days the trend compares: the last {@value} before the analysis date against the {@value} before those. */
  public static final int TREND_DAYS = 90;
  /** Shortest tenure used to turn purchases into a yearly rate, so a week-old customer is not "52 a year". */
  public static final int MIN_RATE_DAYS = 30;

  /** The one feature that ranks a customer among all the others; see {@link Columns}. */
  public static final String SPEND_PERCENTILE = "spend_percentile";
  /** Every feature and the rule that derives it, in column order. */
  public static final Map<String, String> RULES = rules();

  private static Map<String, String> rules() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("customer_id", "the log's customer id; customers with at least one event on or before the analysis date");
    r.put("first_purchase", "day of the first purchase (missing without one)");
    r.put("last_purchase", "day of the latest purchase (missing without one)");
    r.put("orders", "purchase events (a transaction log: one per invoice)");
    r.put("purchase_days", "distinct days with a purchase");
    r.put("units", "items bought: quantity summed over kept invoice lines (transaction logs only)");
    r.put("spend", "purchase amounts summed");
    r.put("amount", "mean order value: spend / orders");
    r.put("purchases_per_year", "purchase days × 365 / tenure_days, with a tenure of at least "
        + MIN_RATE_DAYS + " days");
    r.put("recency_days", "days from the last purchase to the analysis date");
    r.put("tenure_days", "days from the first purchase to the analysis date");
    r.put("mean_interpurchase_days", "(last − first purchase day) / (purchase_days − 1); missing below 2 purchase days");
    r.put("last_interpurchase_days", "days between the last two purchase days; missing below 2 purchase days");
    r.put("spend_last_90d", "spend in the " + TREND_DAYS + " days to the analysis date");
    r.put("spend_prev_90d", "spend in the " + TREND_DAYS + " days before those");
    r.put("trend_ratio", "spend_last_90d / spend_prev_90d; missing when spend_prev_90d is 0");
    r.put("trend", "new (first purchase within the last " + TREND_DAYS + " days), inactive (no spend in either "
        + "window), rising (ratio above 1.2 or spend only in the last window), falling (below 0.8), else steady");
    r.put("cancellation_share", "cancelled invoice lines / (kept + cancelled lines) (transaction logs only)");
    r.put("return_share", "returned lines (negative quantity) / (kept + returned lines) (transaction logs only)");
    r.put("category", "the category with the most spend (a transaction log: the product description)");
    r.put("top_categories", "the three categories with the most spend and their shares of it");
    r.put("country", "the country of most of the customer's invoice lines (transaction logs with a Country column)");
    r.put("preferred_weekday", "the weekday with the most purchases (ties: earliest in the week)");
    r.put("preferred_hour", "the hour with the most purchases, 0-23 (ties: earliest); missing for logs of dates only");
    r.put("views", "view events (event logs with browsing only)");
    r.put("carts", "cart events (event logs with browsing only)");
    r.put("r_score", "recency quintile 1-5 among purchasers, 5 most recent (as EventLog.rfm)");
    r.put("f_score", "frequency quintile 1-5 among purchasers, 5 most frequent");
    r.put("m_score", "monetary quintile 1-5 among purchasers, 5 highest spend");
    r.put(SPEND_PERCENTILE, "0-100: customers spending less, plus half of the others spending the same");
    return java.util.Collections.unmodifiableMap(r);
  }

  private CustomerFeatures() {}

  /** As of the log's last day. */
  public static Table of(EventLog log) {
    return of(log, log.lastDate());
  }

  public static Table of(EventLog log, LocalDate asOf) {
    Table events = log.table();
    StringColumn ids = events.stringColumn(EventLog.CUSTOMER_ID);
    var times = events.dateTimeColumn(EventLog.TIMESTAMP);
    StringColumn types = events.stringColumn(EventLog.EVENT);
    StringColumn categories = events.stringColumn(EventLog.CATEGORY);
    DoubleColumn amounts = events.doubleColumn(EventLog.AMOUNT);
    Map<String, History> customers = new LinkedHashMap<>();
    for (int i = 0; i < events.rowCount(); i++) {
      LocalDateTime at = times.get(i);
      if (at.toLocalDate().isAfter(asOf)) continue;
      customers.computeIfAbsent(ids.get(i), id -> new History(asOf))
          .add(at, types.get(i), amounts.isMissing(i) ? null : amounts.getDouble(i), categories.get(i));
    }
    boolean transactions = log.format() == LogFormat.TRANSACTIONS;
    Map<String, RfmScore> rfm = new HashMap<>();
    for (RfmScore s : Rfm.of(events, asOf)) rfm.put(s.customerId(), s);

    Columns out = new Columns(asOf, log.summary().hasBrowsing(), log.summary().timesOfDay());
    customers.forEach((id, c) -> out.add(id, c, transactions ? log.orderLines().get(id) : null, rfm.get(id)));
    Table table = out.table();
    table.addColumns(dev.customerlens.data.Features.percentile(table.doubleColumn("spend"), SPEND_PERCENTILE));
    return table.setName("customers of " + log.source());
  }

  /**
   * The log's customers as a dataset, as of the log's last day: the features above, and an audit
   * that says how they were derived, what the log's rules left out and what a log cannot tell.
   *
   * @param sha256 of the log file's bytes, for tracing numbers back to it
   */
  public static Dataset dataset(EventLog log, String sha256) {
    Table features = of(log);
    LogSummary s = log.summary();
    List<AuditFinding> notes = new ArrayList<>();
    notes.add(new AuditFinding(AuditFinding.Kind.DERIVED_FROM_LOG, AuditFinding.Severity.INFO, List.of(),
        String.format(Locale.ROOT, "%,d customers derived from %s (%s, %s to %s): %,d rows read, %,d kept, %,d events; "
            + "one row per customer with an event, features by stated rules (CustomerFeatures.RULES), as of %s",
            features.rowCount(), log.source(), log.format().label(), s.first(), s.last(), s.rowsRead(), s.rowsKept(),
            s.events(), log.lastDate())));
    if (!s.excluded().isEmpty()) {
      StringBuilder rules = new StringBuilder();
      s.excluded().forEach((rule, n) -> rules.append(rules.length() == 0 ? "" : "; ")
          .append(String.format(Locale.ROOT, "%,d %s", n, rule.description())));
      notes.add(new AuditFinding(AuditFinding.Kind.DERIVED_FROM_LOG, AuditFinding.Severity.INFO, List.of(),
          "Lines left out of purchases by rule: " + rules));
    }
    List<String> missing = new ArrayList<>();
    if (log.format() != LogFormat.TRANSACTIONS) missing.add("units, cancellation_share, return_share and country "
        + "(a transaction log's invoice lines)");
    if (!s.hasBrowsing()) missing.add("views, carts and the conversion funnel (view and cart events)");
    if (!s.timesOfDay()) missing.add("preferred_hour and hourly activity (times of day)");
    if (!missing.isEmpty()) {
      notes.add(new AuditFinding(AuditFinding.Kind.DERIVED_FROM_LOG, AuditFinding.Severity.LIMITATION, List.of(),
          "This log does not record " + String.join("; ", missing) + ": those features are missing, not guessed"));
    }
    notes.add(new AuditFinding(AuditFinding.Kind.DERIVED_FROM_LOG, AuditFinding.Severity.LIMITATION, List.of(),
        "A log records what customers did, not who they are or what they thought: no age, gender, rating, "
            + "subscription or discount, so personas that need them (Bargain Hunter: discounts; Quality Seeker: "
            + "ratings; the demographics of the persona summary) are unavailable rather than guessed"));
    return Dataset.derived(log.source(), features, sha256, s.skipped(), notes);
  }

  /**
   * One customer's events up to the analysis date, folded in the order of the log: an engine that
   * groups a log's events itself (Spark) folds each customer's with this, in that order, so that
   * amounts add up to the very same doubles.
   */
  public static final class History {
    private final LocalDate asOf;
    private final TreeSet<LocalDate> days = new TreeSet<>();
    private final Map<String, Double> spendByCategory = new HashMap<>();
    private final int[] weekdays = new int[7];
    private final int[] hours = new int[24];
    private int orders;
    private double spend;
    private double spendLast;
    private double spendPrevious;
    private long views;
    private long carts;

    public History(LocalDate asOf) {
      this.asOf = Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * One event of {@code EventLog.table()}: its type by label; a missing amount counts 0; an
     * empty category is none.
     */
    public void add(LocalDateTime at, String event, Double amount, String category) {
      if (event.equals(EventType.VIEW.label())) views++;
      else if (event.equals(EventType.CART.label())) carts++;
      else purchase(at, amount == null ? 0 : amount, category);
    }

    private void purchase(LocalDateTime at, double amount, String category) {
      LocalDate day = at.toLocalDate();
      days.add(day);
      orders++;
      spend += amount;
      long ago = ChronoUnit.DAYS.between(day, asOf);
      if (ago < TREND_DAYS) spendLast += amount;
      else if (ago < 2 * TREND_DAYS) spendPrevious += amount;
      if (!category.isEmpty()) spendByCategory.merge(category, amount, Double::sum);
      weekdays[day.getDayOfWeek().getValue() - 1]++;
      hours[at.getHour()]++;
    }
  }

  /**
   * The feature columns being filled, one customer at a time, by the rules of {@link #RULES} all
   * but {@value #SPEND_PERCENTILE}, which ranks each customer among all of them and is added over
   * the whole table ({@code Features.percentile}, {@code Features.midRank}).
   */
  public static final class Columns {
    private final LocalDate asOf;
    private final boolean browsing;
    private final boolean withHours;
    private final StringColumn id = StringColumn.create("customer_id");
    private final DateColumn first = DateColumn.create("first_purchase");
    private final DateColumn last = DateColumn.create("last_purchase");
    private final IntColumn orders = IntColumn.create("orders");
    private final IntColumn purchaseDays = IntColumn.create("purchase_days");
    private final DoubleColumn units = DoubleColumn.create("units");
    private final DoubleColumn spend = DoubleColumn.create("spend");
    private final DoubleColumn amount = DoubleColumn.create("amount");
    private final DoubleColumn perYear = DoubleColumn.create("purchases_per_year");
    private final DoubleColumn recency = DoubleColumn.create("recency_days");
    private final DoubleColumn tenure = DoubleColumn.create("tenure_days");
    private final DoubleColumn meanGap = DoubleColumn.create("mean_interpurchase_days");
    private final DoubleColumn lastGap = DoubleColumn.create("last_interpurchase_days");
    private final DoubleColumn spendLast = DoubleColumn.create("spend_last_90d");
    private final DoubleColumn spendPrevious = DoubleColumn.create("spend_prev_90d");
    private final DoubleColumn trendRatio = DoubleColumn.create("trend_ratio");
    private final StringColumn trend = StringColumn.create("trend");
    private final DoubleColumn cancellations = DoubleColumn.create("cancellation_share");
    private final DoubleColumn returns = DoubleColumn.create("return_share");
    private final StringColumn category = StringColumn.create("category");
    private final StringColumn topCategories = StringColumn.create("top_categories");
    private final StringColumn country = StringColumn.create("country");
    private final StringColumn weekday = StringColumn.create("preferred_weekday");
    private final DoubleColumn hour = DoubleColumn.create("preferred_hour");
    private final DoubleColumn views = DoubleColumn.create("views");
    private final DoubleColumn carts = DoubleColumn.create("carts");
    private final DoubleColumn r = DoubleColumn.create("r_score");
    private final DoubleColumn f = DoubleColumn.create("f_score");
    private final DoubleColumn m = DoubleColumn.create("m_score");

    /**
     * @param browsing whether the log has view or cart events ({@code LogSummary.hasBrowsing})
     * @param withHours whether its timestamps carry times of day ({@code LogSummary.timesOfDay})
     */
    public Columns(LocalDate asOf, boolean browsing, boolean withHours) {
      this.asOf = Objects.requireNonNull(asOf, "asOf");
      this.browsing = browsing;
      this.withHours = withHours;
    }

    /**
     * @param lines the customer's invoice lines; null for a log without them
     * @param rfm the customer's scores among the log's purchasers as of the same day; null without a purchase
     */
    public void add(String customerId, History c, OrderLines lines, RfmScore rfm) {
      id.append(customerId);
      orders.append(c.orders);
      purchaseDays.append(c.days.size());
      spend.append(c.spend);
      spendLast.append(c.spendLast);
      spendPrevious.append(c.spendPrevious);
      views.append(browsing ? c.views : Double.NaN);
      carts.append(browsing ? c.carts : Double.NaN);
      units.append(lines == null ? Double.NaN : lines.units());
      cancellations.append(lines == null ? Double.NaN : share(lines.cancelledLines(), lines.keptLines()));
      returns.append(lines == null ? Double.NaN : share(lines.returnedLines(), lines.keptLines()));
      country.append(lines == null ? "" : mostCommon(lines.linesByCountry()));
      Map<String, Double> categorySpend = lines != null && !lines.spendByProduct().isEmpty()
          ? lines.spendByProduct() : c.spendByCategory;
      category.append(top(categorySpend, 1, false));
      topCategories.append(top(categorySpend, 3, true));
      r.append(rfm == null ? Double.NaN : rfm.recencyScore());
      f.append(rfm == null ? Double.NaN : rfm.frequencyScore());
      m.append(rfm == null ? Double.NaN : rfm.monetaryScore());
      if (c.days.isEmpty()) {
        first.appendMissing();
        last.appendMissing();
        for (DoubleColumn column : List.of(amount, perYear, recency, tenure, meanGap, lastGap, trendRatio, hour)) {
          column.appendMissing();
        }
        trend.append("inactive");
        weekday.append("");
        return;
      }
      LocalDate firstDay = c.days.first();
      LocalDate lastDay = c.days.last();
      long tenureDays = ChronoUnit.DAYS.between(firstDay, asOf);
      first.append(firstDay);
      last.append(lastDay);
      amount.append(c.spend / c.orders);
      perYear.append(c.days.size() * 365.0 / Math.max(tenureDays, MIN_RATE_DAYS));
      recency.append(ChronoUnit.DAYS.between(lastDay, asOf));
      tenure.append(tenureDays);
      if (c.days.size() < 2) {
        meanGap.appendMissing();
        lastGap.appendMissing();
      } else {
        meanGap.append((double) ChronoUnit.DAYS.between(firstDay, lastDay) / (c.days.size() - 1));
        lastGap.append(ChronoUnit.DAYS.between(c.days.lower(lastDay), lastDay));
      }
      trendRatio.append(c.spendPrevious > 0 ? c.spendLast / c.spendPrevious : Double.NaN);
      trend.append(trend(c, tenureDays));
      weekday.append(DayOfWeek.of(1 + argMax(c.weekdays)).getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH));
      hour.append(withHours ? argMax(c.hours) : Double.NaN);
    }

    /** The customers added so far, in the order they were added. */
    public Table table() {
      return Table.create("customers", id, first, last, orders, purchaseDays, units, spend, amount, perYear, recency,
          tenure, meanGap, lastGap, spendLast, spendPrevious, trendRatio, trend, cancellations, returns, category,
          topCategories, country, weekday, hour, views, carts, r, f, m);
    }
  }

  static String trend(History c, long tenureDays) {
    if (tenureDays < TREND_DAYS) return "new";
    if (c.spendLast <= 0 && c.spendPrevious <= 0) return "inactive";
    if (c.spendPrevious <= 0) return "rising";
    double ratio = c.spendLast / c.spendPrevious;
    if (ratio > 1.2) return "rising";
    if (ratio < 0.8) return "falling";
    return "steady";
  }

  private static double share(long part, long kept) {
    return part + kept == 0 ? Double.NaN : (double) part / (part + kept);
  }

  private static int argMax(int[] counts) {
    int best = 0;
    for (int i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
    return best;
  }

  private static String mostCommon(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey).orElse("");
  }

  /** The {@code n} keys with the most spend (ties by name); with shares: "A 50%, B 30%, C 20%". */
  private static String top(Map<String, Double> spend, int n, boolean withShares) {
    double total = spend.values().stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).sum();
    List<String> out = new ArrayList<>();
    spend.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .forEach(e -> out.add(withShares
            ? e.getKey() + " " + String.format(Locale.ROOT, "%.0f%%", 100 * e.getValue() / total)
            : e.getKey()));
    return String.join(", ", out);
  }
}
