package dev.customerlens.recommend;

import dev.customerlens.errors.WorkspaceException;
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
        return String.format(Locale.ROOT, "%.0f%%", 100 * x);
      }
      if (name.equals("amount") || name.equals("spend") || name.endsWith("value") || name.equals("clv")) {
        return String.format(Locale.ROOT, "$%,.2f", x);
      }
      return x == Math.rint(x) ? String.valueOf((long) x) : String.format(Locale.ROOT, "%.1f", x);
    }
    if (column instanceof BooleanColumn flags) return flags.get(row) ? "Yes" : "No";
    return column.getString(row);
  }
}
