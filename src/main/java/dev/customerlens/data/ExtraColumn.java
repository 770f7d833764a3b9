package dev.customerlens.data;

import dev.customerlens.errors.WorkspaceException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A column of the user's file outside the schema, offered to rules and scores as a feature like any
 * other: named by its header in snake case ("Loyalty Tier" is {@code loyalty_tier}) and typed by
 * what every cell holds, a number if every filled cell is one, yes/no if every filled cell is Yes or
 * No, else text. Blank cells are missing.
 *
 * @param header the column's header in the file
 * @param key the feature name rules use
 */
public record ExtraColumn(String header, String key, Kind kind) {
  public enum Kind { NUMBER, YES_NO, TEXT }

  /** Names the engines give their own columns; an extra column with one of these keys gets "_extra" added. */
  private static final Set<String> TAKEN = taken();

  /**
   * The extra columns of a file, keyed and typed: {@code texts} holds the distinct cell texts of each
   * column in the rows kept. Keys are unique: a clash with a schema or derived feature, or with an
   * earlier extra column, adds "_extra" and then a number.
   */
  public static List<ExtraColumn> of(List<String> headers, List<? extends Iterable<?>> texts) {
    List<ExtraColumn> out = new ArrayList<>();
    List<String> keys = keys(headers);
    for (int e = 0; e < headers.size(); e++) {
      Tally tally = new Tally();
      for (Object text : texts.get(e)) tally.add(text);
      out.add(new ExtraColumn(headers.get(e), keys.get(e), tally.kind()));
    }
    return List.copyOf(out);
  }

  /** The feature names of these headers, as {@link #of} gives them. */
  public static List<String> keys(List<String> headers) {
    Set<String> used = new HashSet<>(TAKEN);
    List<String> keys = new ArrayList<>();
    for (String header : headers) {
      String base = snakeCase(header);
      String key = used.contains(base) ? base + "_extra" : base;
      for (int n = 2; used.contains(key); n++) key = base + "_extra_" + n;
      used.add(key);
      keys.add(key);
    }
    return keys;
  }

  /** The error for an extra column whose feature name is one of the scores an engine adds. */
  public static WorkspaceException clashesWithScore(String source, String key) {
    return new WorkspaceException(source + ": the column " + key + " has the name of a score this analysis adds; "
        + "rename that column in the file");
  }

  /** A cell's value as this column holds it: Double, Boolean or String; null when blank. */
  public Object value(Object text) {
    return value(kind, text);
  }

  /** A cell's value in a column of this kind, as {@link #value(Object)} gives it. */
  public static Object value(Kind kind, Object text) {
    if (text == null) return null;
    String cell = text.toString().strip();
    if (cell.isEmpty()) return null;
    return switch (kind) {
      case NUMBER -> number(cell);
      case YES_NO -> cell.equalsIgnoreCase("yes");
      case TEXT -> text.toString();
    };
  }

  /**
   * What the filled cells of a column seen so far allow it to be; tallies of parts of a file merge,
   * so an engine that reads in parts (Spark) types a column as a whole read does.
   */
  public static final class Tally implements Serializable {
    private boolean any;
    private boolean numbers = true;
    private boolean yesNo = true;

    public Tally add(Object text) {
      String cell = text == null ? "" : text.toString().strip();
      if (cell.isEmpty()) return this;
      any = true;
      numbers &= number(cell) != null;
      yesNo &= cell.equalsIgnoreCase("yes") || cell.equalsIgnoreCase("no");
      return this;
    }

    public Tally merge(Tally other) {
      any |= other.any;
      numbers &= other.numbers;
      yesNo &= other.yesNo;
      return this;
    }

    /** A number if every filled cell is one, yes/no if every one is Yes or No, else (or with none filled) text. */
    public Kind kind() {
      if (!any) return Kind.TEXT;
      return numbers ? Kind.NUMBER : yesNo ? Kind.YES_NO : Kind.TEXT;
    }
  }

  private static Double number(String cell) {
    try {
      double value = new BigDecimal(cell).doubleValue();
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Lower-case words joined by "_", split as header matching splits them; "column" if none, "c_" before a digit. */
  static String snakeCase(String header) {
    String spaced = header.replace("\uFEFF", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2");
    String joined = String.join("_", List.of(spaced.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).stream()
        .filter(w -> !w.isEmpty()).toList());
    if (joined.isEmpty()) return "column";
    return Character.isDigit(joined.charAt(0)) ? "c_" + joined : joined;
  }

  private static Set<String> taken() {
    Set<String> taken = new HashSet<>();
    for (Field field : Field.values()) taken.add(field.key());
    taken.addAll(Features.DERIVED);
    taken.addAll(List.of("persona", "traits"));
    return Set.copyOf(taken);
  }
}
