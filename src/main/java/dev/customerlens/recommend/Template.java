package dev.customerlens.recommend;

import dev.customerlens.errors.WorkspaceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A recommendation's text with {column} placeholders, declared once and filled by every engine the
 * same way: from the same parts, each value shown by {@link #shown}. Engines that fill row by row
 * in Java call {@link #fill}; engines that build an expression (Spark columns, SQL) {@link #compile}
 * it, showing a missing value as {@link #MISSING} and yes/no as {@link #YES} or {@link #NO}.
 *
 * @param literals the text around the placeholders: one more than {@code columns}
 * @param columns the column each placeholder names, in order
 */
public record Template(List<String> literals, List<String> columns) {
  public static final String MISSING = "unknown";
  public static final String YES = "Yes";
  public static final String NO = "No";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  public Template {
    literals = List.copyOf(literals);
    columns = List.copyOf(columns);
    if (literals.size() != columns.size() + 1) throw new IllegalArgumentException("one more literal than columns");
  }

  public static Template of(String text) {
    List<String> literals = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int last = 0;
    while (m.find()) {
      literals.add(text.substring(last, m.start()));
      columns.add(m.group(1));
      last = m.end();
    }
    literals.add(text.substring(last));
    return new Template(literals, columns);
  }

  /** The text as written, with its placeholders. */
  public String text() {
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < columns.size(); i++) out.append('{').append(columns.get(i)).append('}').append(literals.get(i + 1));
    return out.toString();
  }

  /** The columns the placeholders name, each once, in order of first use. */
  public List<String> distinctColumns() {
    return List.copyOf(new LinkedHashSet<>(columns));
  }

  /** The text with each placeholder's value shown by {@link #shown}; {@code valueOf} gives a column's value. */
  public String fill(Function<String, Object> valueOf) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) values[i] = valueOf.apply(columns.get(i));
    return filled(Arrays.asList(values));
  }

  /** What an engine that builds expressions makes of a template's parts. */
  public interface Engine<T> {
    T literal(String text);

    /** A column's value as text: {@link #MISSING} where missing, {@link #YES} or {@link #NO} for yes/no. */
    T column(String name);

    T concat(List<T> parts);
  }

  public <T> T compile(Engine<T> engine) {
    List<T> parts = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      parts.add(engine.literal(literals.get(i)));
      parts.add(engine.column(columns.get(i)));
    }
    parts.add(engine.literal(literals.get(columns.size())));
    return engine.concat(parts);
  }

  /**
   * How a value is shown to a reader: missing (null or empty text) as {@link #MISSING}, yes/no as
   * {@link #YES} or {@link #NO}, text as it is; numbers by the column's name: shares (…_risk,
   * …_probability, …_share, p_active) as whole percents, money (amount, spend, …value, clv) in
   * dollars, others whole or with one decimal.
   */
  public static String shown(String column, Object value) {
    if (value == null || "".equals(value)) return MISSING;
    if (value instanceof Boolean yes) return yes ? YES : NO;
    if (value instanceof Number number) return shownNumber(column, number.doubleValue());
    return value.toString();
  }

  private static String shownNumber(String name, double x) {
    if (Double.isNaN(x)) return MISSING;
    if (name.endsWith("_risk") || name.endsWith("_probability") || name.endsWith("_share") || name.equals("p_active")) {
      return wholePercent(x);
    }
    if (name.equals("amount") || name.equals("spend") || name.endsWith("value") || name.equals("clv")) return money(x);
    return x == Math.rint(x) ? String.valueOf((long) x) : oneDecimal(x);
  }

  /**
   * This template resolved against one table's columns, so that filling it for a row costs no
   * look-ups. A template naming only text and yes/no columns is filled once per distinct set of
   * values (a category, a persona), and rows with the same values share the text.
   */
  IntFunction<String> bind(Table table) {
    List<IntFunction<Object>> values = new ArrayList<>();
    boolean fewValues = true;
    for (String name : columns) {
      if (!table.containsColumn(name)) {
        throw new WorkspaceException("the text \"" + text() + "\" names an unknown column {" + name + "}");
      }
      values.add(valueByRow(table.column(name)));
      fewValues &= !(table.column(name) instanceof NumericColumn<?>);
    }
    if (values.isEmpty()) return row -> literals.get(0);
    IntFunction<List<Object>> valuesOfRow = row -> {
      Object[] out = new Object[values.size()];
      for (int i = 0; i < out.length; i++) out[i] = values.get(i).apply(row);
      return Arrays.asList(out);
    };
    if (!fewValues) return row -> filled(valuesOfRow.apply(row));
    Map<List<Object>, String> made = new ConcurrentHashMap<>();
    return row -> made.computeIfAbsent(valuesOfRow.apply(row), this::filled);
  }

  /** The text with each placeholder shown as {@link #shown} shows the value at its place. */
  private String filled(List<Object> values) {
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < values.size(); i++) {
      out.append(shown(columns.get(i), values.get(i))).append(literals.get(i + 1));
    }
    return out.toString();
  }

  private static IntFunction<Object> valueByRow(Column<?> column) {
    if (column instanceof NumericColumn<?> numbers) return row -> numbers.isMissing(row) ? null : numbers.getDouble(row);
    if (column instanceof BooleanColumn flags) return row -> flags.isMissing(row) ? null : flags.get(row);
    return row -> column.isMissing(row) ? null : column.getString(row);
  }

  // A million customers' recommendations fill millions of these: String.format builds a Formatter
  // and its locale's symbols for every call, so the two common forms are written out by hand with
  // the same result as "%.0f%%" of 100x, "%.1f" and "$%,.2f" (which round half-up the shortest decimal that
  // reads back as the double, as BigDecimal.valueOf gives it); negatives keep String.format.

  private static String wholePercent(double fraction) {
    double percent = 100 * fraction;
    if (!(percent >= 0 && percent < 1e15)) return String.format(Locale.ROOT, "%.0f%%", percent);
    // Half-up on the double itself is half-up on its shortest decimal: below 2^52 every tie n + 0.5 is
    // a double, so no other double's shortest decimal can land on one. No BigDecimal needed.
    return Math.round(percent) + "%";
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
