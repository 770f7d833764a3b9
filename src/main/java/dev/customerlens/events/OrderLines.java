package dev.customerlens.events;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What a transaction log's invoice lines say about one customer beyond their purchases: units
 * bought, the lines the exclusion rules left out as cancellations and returns, and where and on
 * what the customer spent. An event log or CDNOW file has none of this; see {@link EventLog#orderLines()}.
 *
 * @param keptLines invoice lines that became part of a purchase
 * @param cancelledLines lines of invoices starting with C
 * @param returnedLines lines with a negative quantity outside a cancellation
 * @param units the quantity summed over kept lines
 * @param spendByProduct kept spend by product description (StockCode when the description is blank)
 * @param linesByCountry kept lines by the Country column, when the file has one
 */
public record OrderLines(long keptLines, long cancelledLines, long returnedLines, long units,
    Map<String, Double> spendByProduct, Map<String, Long> linesByCountry) {
  public OrderLines {
    spendByProduct = Collections.unmodifiableMap(new HashMap<>(spendByProduct));
    linesByCountry = Collections.unmodifiableMap(new HashMap<>(linesByCountry));
  }

  /** The same customer's lines from two parts of a log. */
  public OrderLines plus(OrderLines other) {
    Map<String, Double> spend = new HashMap<>(spendByProduct);
    other.spendByProduct.forEach((k, v) -> spend.merge(k, v, Double::sum));
    Map<String, Long> countries = new HashMap<>(linesByCountry);
    other.linesByCountry.forEach((k, v) -> countries.merge(k, v, Long::sum));
    return new OrderLines(keptLines + other.keptLines, cancelledLines + other.cancelledLines,
        returnedLines + other.returnedLines, units + other.units, spend, countries);
  }

  /** Lines being counted while a file is read; frozen into an {@link OrderLines} at the end. */
  static final class Tally {
    long kept;
    long cancelled;
    long returned;
    long units;
    final Map<String, Double> spend = new HashMap<>();
    final Map<String, Long> countries = new HashMap<>();

    OrderLines freeze() {
      return new OrderLines(kept, cancelled, returned, units, spend, countries);
    }
  }
}
