package dev.customerlens.export;

import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/**
 * How numbers read wherever people read them (terminal, jshell, notebook and report tables, the
 * summary): percentages with one decimal, money with thousands separators (cents below $1,000, whole
 * dollars above), counts as whole numbers, other measures with one decimal. CSV and JSON exports do
 * not pass through here: they keep full precision for the programs that read them.
 *
 * <p>A table cell's style follows its column's name, so every table written with the workspace's
 * naming convention formats itself: {@code _pct} is already a percentage, {@code _risk},
 * {@code _probability} and {@code p_active} are fractions shown as percentages, {@code amount},
 * {@code value} and {@code clv} are money, and whole-number columns are counts.
 */
public final class NumberStyle {
  private NumberStyle() {}

  /** 15.24 reads as "15.2%". */
  public static String percent(double percent) {
    return Double.isFinite(percent) ? String.format(Locale.ROOT, "%.1f%%", percent) : Double.toString(percent);
  }

  /** A probability or share as a fraction: 0.6196 reads as "62.0%". */
  public static String fraction(double fraction) {
    return percent(100 * fraction);
  }

  /** 123.274 reads as "$123.27", 34265.2 as "$34,265": cents matter only on small sums. */
  public static String money(double dollars) {
    if (!Double.isFinite(dollars)) return Double.toString(dollars);
    // Decided on the value in cents, so $999.995 reads as "$1,000", not "$1,000.00".
    return String.format(Locale.ROOT, Math.abs(Math.round(dollars * 100)) < 100_000 ? "$%,.2f" : "$%,.0f", dollars);
  }

  public static String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  /** Any other measure (a rating, an age, purchases a year): one decimal. */
  public static String measure(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.1f", value) : Double.toString(value);
  }

  /** One cell for people: numbers by the column's kind, yes/no as "Yes"/"No", missing as "". */
  public static String cell(Column<?> column, int row) {
    if (column.isMissing(row)) return "";
    if (column instanceof BooleanColumn flags) return flags.get(row) ? "Yes" : "No";
    if (!(column instanceof NumericColumn<?> numbers)) return column.getString(row);
    double x = numbers.getDouble(row);
    return switch (kind(column)) {
      case PERCENT -> percent(x);
      case FRACTION -> fraction(x);
      case MONEY -> money(x);
      case COUNT -> count((long) x);
      case MEASURE -> measure(x);
    };
  }

  /** Whether a column holds numbers, which people read right-aligned. */
  public static boolean isNumeric(Column<?> column) {
    return column instanceof NumericColumn<?>;
  }

  private enum Kind { PERCENT, FRACTION, MONEY, COUNT, MEASURE }

  private static Kind kind(Column<?> column) {
    String name = column.name().toLowerCase(Locale.ROOT);
    if (name.endsWith("_pct")) return Kind.PERCENT;
    if (name.endsWith("_percentile")) return Kind.MEASURE;
    if (name.endsWith("_risk") || name.endsWith("_probability") || name.endsWith("_share") || name.equals("p_active")) {
      return Kind.FRACTION;
    }
    // A log's customers have spend, spend_last_90d and expected_spend_90d beside the table's amount.
    if (name.equals("clv") || name.contains("amount") || name.contains("value") || name.contains("spend")) return Kind.MONEY;
    return switch (column.type().name()) {
      case "INTEGER", "LONG", "SHORT" -> Kind.COUNT;
      default -> Kind.MEASURE;
    };
  }
}
