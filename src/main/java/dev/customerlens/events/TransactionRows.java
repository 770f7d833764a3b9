package dev.customerlens.events;

import dev.customerlens.data.Issue;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Invoice lines in the UCI "Online Retail II" layout, turned into one purchase per invoice. A line
 * is kept unless an {@link ExclusionRule} applies (each line is counted under the first rule that
 * does); the purchase amount is the sum of quantity × price over the invoice's kept lines, rounded
 * to cents, at the invoice's first timestamp.
 *
 * <p>Customer ids written as decimals ({@code 17850.0}, as pandas exports them) are read as
 * {@code 17850}. The 2011 release's headers (InvoiceNo, UnitPrice, CustomerID) are accepted too.
 * There is no category in this layout, so the category of every purchase is blank.
 *
 * <p>Memory grows with invoices and customers, not with lines: exact duplicates are found by
 * {@link LineFingerprints} (16 bytes a line), and the product and country texts every customer's
 * tally names are held once for the whole file.
 */
final class TransactionRows implements LogCsvReader.RowParser {
  static final LogColumn INVOICE = LogColumn.required("order", "Invoice", "InvoiceNo");
  static final LogColumn STOCK_CODE = LogColumn.optional("product", "StockCode");
  static final LogColumn DESCRIPTION = LogColumn.optional("category", "Description");
  static final LogColumn QUANTITY = LogColumn.required("quantity", "Quantity");
  static final LogColumn INVOICE_DATE = LogColumn.required("time", "InvoiceDate");
  static final LogColumn PRICE = LogColumn.required("price", "Price", "UnitPrice");
  static final LogColumn CUSTOMER_ID = LogColumn.required("customer", "Customer ID");
  static final LogColumn COUNTRY = LogColumn.optional("country", "Country");
  /** A line's total, for order exports that give it instead of quantity × price; only through a --columns mapping. */
  static final LogColumn LINE_AMOUNT = LogColumn.optional("amount", "\u0000 line amount (mapped only)");
  static final List<LogColumn> COLUMNS =
      List.of(INVOICE, STOCK_CODE, DESCRIPTION, QUANTITY, INVOICE_DATE, PRICE, CUSTOMER_ID, COUNTRY, LINE_AMOUNT);

  /**
   * More units or a higher unit price than any real order line holds; the largest in the Online
   * Retail data are 80,995 units (an order later cancelled) and 38,970 a unit (a manual adjustment).
   * Such a value is a broken export (an id or a date pasted into the wrong column), not a purchase.
   */
  static final long MAX_QUANTITY = 1_000_000;
  static final double MAX_PRICE = 1_000_000;
  private static final String QUANTITY_EXPECTATION = "expected a whole number such as 6 or -2";
  private static final String PRICE_EXPECTATION = "expected a unit price such as 2.55";
  private static final String LINE_AMOUNT_EXPECTATION = "expected the line's amount such as 12.75";

  /** One invoice's kept lines so far. */
  private static final class Invoice {
    final String customerId;
    final LocalDateTime at;
    final boolean timeOfDay;
    double amount;

    Invoice(String customerId, LocalDateTime at, boolean timeOfDay) {
      this.customerId = customerId;
      this.at = at;
      this.timeOfDay = timeOfDay;
    }
  }

  private final RowProblems problems;
  private final Map<String, Invoice> invoices = new LinkedHashMap<>();
  private final Map<ExclusionRule, Long> excluded = new EnumMap<>(ExclusionRule.class);
  private final Map<String, OrderLines.Tally> tallies = new HashMap<>();
  private final LineFingerprints lines = new LineFingerprints();
  /** One instance of each product and country text, shared by every customer's tally. */
  private final Map<String, String> texts = new HashMap<>();
  private long kept;

  TransactionRows(RowProblems problems) {
    this.problems = problems;
  }

  @Override
  public Runnable parse(LogCsvReader.Row row, List<Issue> issues) {
    // A mapped export may lack an order number (each line is then an order of its own), a quantity
    // (one item a line) or a unit price (a line total instead); the Online Retail layout has all three.
    boolean ordered = row.has(INVOICE);
    String invoice = ordered ? row.get(INVOICE).strip() : "line " + row.line();
    if (invoice.isEmpty()) issues.add(row.issue(INVOICE, "", "is empty; expected the invoice number"));
    long quantity = 1;
    if (row.has(QUANTITY)) {
      try {
        quantity = Cells.wholeNumber(row.get(QUANTITY), QUANTITY_EXPECTATION);
        if (Math.abs(quantity) > MAX_QUANTITY) {
          issues.add(row.issue(QUANTITY, row.get(QUANTITY), String.format(Locale.ROOT,
              "is not a believable quantity for one line (more than %,d units either way); check the column mapping",
              MAX_QUANTITY)));
        }
      } catch (IllegalArgumentException bad) {
        issues.add(row.issue(QUANTITY, row.get(QUANTITY), bad.getMessage()));
      }
    }
    String rawDate = row.get(INVOICE_DATE);
    LocalDateTime at = null;
    try {
      at = problems.timestamp(rawDate, row.line());
    } catch (IllegalArgumentException bad) {
      issues.add(row.issue(INVOICE_DATE, rawDate, bad.getMessage()));
    }
    LogColumn priced = row.has(LINE_AMOUNT) ? LINE_AMOUNT : PRICE;
    double price = 0;
    try {
      price = Cells.number(row.get(priced), priced == PRICE ? PRICE_EXPECTATION : LINE_AMOUNT_EXPECTATION);
      if (priced == PRICE && Math.abs(price) > MAX_PRICE) {
        issues.add(row.issue(PRICE, row.get(PRICE), String.format(Locale.ROOT,
            "is not a believable unit price (more than %,.0f either way); check the column mapping", MAX_PRICE)));
      }
    } catch (IllegalArgumentException bad) {
      issues.add(row.issue(priced, row.get(priced), bad.getMessage()));
    }
    // A line total is quantity × price already: the price per item is what the exclusion rules read.
    if (priced == LINE_AMOUNT && quantity != 0) price /= quantity;
    if (!issues.isEmpty()) return null;

    String customerId = customerId(row.get(CUSTOMER_ID));
    ExclusionRule rule = exclusion(invoice, customerId, quantity, price);
    if (rule != null) {
      return () -> {
        excluded.merge(rule, 1L, Long::sum);
        // A customer's cancellations and returns are features of that customer, though not purchases.
        if (rule == ExclusionRule.CANCELLATION && !customerId.isEmpty()) tally(customerId).cancelled++;
        if (rule == ExclusionRule.RETURN) tally(customerId).returned++;
      };
    }
    problems.checkCustomer(customerId, row.line(), row.columnNumber(CUSTOMER_ID), CUSTOMER_ID.header(), issues);
    if (!issues.isEmpty()) return null;

    LocalDateTime time = at;
    double value = quantity * price;
    long units = quantity;
    String product = row.get(DESCRIPTION).isBlank() ? row.get(STOCK_CODE).strip() : row.get(DESCRIPTION).strip();
    String country = row.get(COUNTRY).strip();
    long line = LineFingerprints.of(invoice, customerId, row.get(STOCK_CODE), row.get(DESCRIPTION),
        row.get(QUANTITY), rawDate, row.get(PRICE), row.get(COUNTRY), row.get(LINE_AMOUNT));
    return () -> {
      if (!lines.add(line)) {
        excluded.merge(ExclusionRule.DUPLICATE, 1L, Long::sum);
        return;
      }
      Invoice open = invoices.computeIfAbsent(invoice + '\u001F' + customerId,
          key -> new Invoice(customerId, time, Timestamps.hasTimeOfDay(rawDate)));
      open.amount += value;
      kept++;
      OrderLines.Tally tally = tally(customerId);
      tally.kept++;
      tally.units += units;
      if (!product.isEmpty()) tally.spend.merge(texts.computeIfAbsent(product, p -> p), value, Double::sum);
      if (!country.isEmpty()) tally.countries.merge(texts.computeIfAbsent(country, c -> c), 1L, Long::sum);
    };
  }

  private static ExclusionRule exclusion(String invoice, String customerId, long quantity, double price) {
    if (!invoice.isEmpty() && (invoice.charAt(0) == 'C' || invoice.charAt(0) == 'c')) return ExclusionRule.CANCELLATION;
    if (customerId.isEmpty()) return ExclusionRule.MISSING_CUSTOMER;
    if (quantity < 0) return ExclusionRule.RETURN;
    if (quantity == 0) return ExclusionRule.ZERO_QUANTITY;
    if (price == 0) return ExclusionRule.ZERO_PRICE;
    if (price < 0) return ExclusionRule.NEGATIVE_PRICE;
    return null;
  }

  /** "17850.0" is how pandas writes an integer id from a column with gaps; it means 17850. */
  private static String customerId(String raw) {
    String id = raw.strip();
    int dot = id.indexOf('.');
    if (dot <= 0) return id;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (i < dot ? c < '0' || c > '9' : i > dot && c != '0') return id;
    }
    return id.substring(0, dot);
  }

  /** Adds one purchase per invoice, in the order invoices first appeared. */
  void emit(EventColumns out) {
    for (Invoice invoice : invoices.values()) {
      double cents = Math.round(invoice.amount * 100);
      out.add(invoice.customerId, invoice.at, invoice.timeOfDay, EventType.PURCHASE, "", cents / 100);
    }
  }

  private OrderLines.Tally tally(String customerId) {
    return tallies.computeIfAbsent(customerId, id -> new OrderLines.Tally());
  }

  /** Each customer's invoice lines, for customers with at least one line that names them. */
  Map<String, OrderLines> orderLines() {
    Map<String, OrderLines> out = new HashMap<>(tallies.size() * 2);
    // Each tally goes as it is frozen, so the counts are never held twice.
    for (var it = tallies.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      out.put(entry.getKey(), entry.getValue().freeze());
      it.remove();
    }
    return out;
  }

  Map<ExclusionRule, Long> excluded() {
    return excluded;
  }

  long keptLines() {
    return kept;
  }
}
