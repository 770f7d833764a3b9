package dev.customerlens.recommend;

import dev.customerlens.errors.WorkspaceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Text with {column} placeholders, resolved against one table once so that filling it for a row
 * costs no look-ups. Values are formatted as a reader expects: shares as %, money as $.
 */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  private final List<String> literals;
  private final List<Column<?>> columns;

  private Template(List<String> literals, List<Column<?>> columns) {
    this.literals = literals;
    this.columns = columns;
  }

  static Template compile(String text, Table table) {
    List<String> literals = new ArrayList<>();
    List<Column<?>> columns = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int last = 0;
    while (m.find()) {
      String name = m.group(1);
      if (!table.containsColumn(name)) {
        throw new WorkspaceException("the text \"" + text + "\" names an unknown column {" + name + "}");
      }
      literals.add(text.substring(last, m.start()));
      columns.add(table.column(name));
      last = m.end();
    }
    literals.add(text.substring(last));
    return new Template(List.copyOf(literals), List.copyOf(columns));
  }

  String fill(int row) {
    if (columns.isEmpty()) return literals.get(0);
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < columns.size(); i++) {
      out.append(format(columns.get(i), row)).append(literals.get(i + 1));
    }
    return out.toString();
  }

  private static String format(Column<?> column, int row) {
    if (column.isMissing(row)) return "unknown";
    String name = column.name();
    if (column instanceof NumericColumn<?> numbers) {
      double x = numbers.getDouble(row);
      if (name.endsWith("_risk") || name.endsWith("_probability") || name.endsWith("_share") || name.equals("p_active")) {
        return wholePercent(x);
      }
      if (name.equals("amount") || name.equals("spend") || name.endsWith("value") || name.equals("clv")) return money(x);
      return x == Math.rint(x) ? String.valueOf((long) x) : oneDecimal(x);
    }
    if (column instanceof BooleanColumn flags) return flags.get(row) ? "Yes" : "No";
    return column.getString(row);
  }

  // A million customers' recommendations fill millions of these: String.format builds a Formatter
  // and its locale's symbols for every call, so the two common forms are written out by hand with
  // the same result as "%.0f%%" of 100x, "%.1f" and "$%,.2f" (which round half-up the shortest decimal that
  // reads back as the double, as BigDecimal.valueOf gives it); negatives keep String.format.

  private static String wholePercent(double fraction) {
    double percent = 100 * fraction;
    if (!(percent >= 0 && percent < 1e15)) return String.format(Locale.ROOT, "%.0f%%", percent);
    return BigDecimal.valueOf(percent).setScale(0, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  private static String oneDecimal(double x) {
    if (!(x >= 0 && x < 1e15)) return String.format(Locale.ROOT, "%.1f", x);
    return BigDecimal.valueOf(x).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }

  private static String money(double dollars) {
    if (!(dollars >= 0 && dollars < 1e15)) return String.format(Locale.ROOT, "$%,.2f", dollars);
    String digits = BigDecimal.valueOf(dollars).setScale(2, RoundingMode.HALF_UP).toPlainString();
    StringBuilder out = new StringBuilder(digits.length() + 8).append('$');
    int whole = digits.indexOf('.');
    for (int i = 0; i < whole; i++) {
      if (i > 0 && (whole - i) % 3 == 0) out.append(',');
      out.append(digits.charAt(i));
    }
    return out.append(digits, whole, digits.length()).toString();
  }
}
