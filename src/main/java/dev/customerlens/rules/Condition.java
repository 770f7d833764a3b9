package dev.customerlens.rules;

import dev.customerlens.errors.WorkspaceException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * A yes/no test on one customer's features, kept as data so it can be shown, saved, evaluated
 * column-wise on a Tablesaw table and translated to SQL for Spark. Write one as text:
 *
 * <pre>{@code
 * Condition.parse("subscribed AND previous_purchases >= 25 AND category IN ('Clothing', 'Footwear')")
 * }</pre>
 *
 * or, when no expression fits, as a Java predicate with {@link #matching}; such a condition runs
 * only on this JVM and says so when asked for SQL.
 */
public sealed interface Condition
    permits Condition.Comparison, Condition.Membership, Condition.All, Condition.Any, Condition.Not,
        Condition.Always, Condition.Custom {

  /** Rows of {@code table} for which the condition holds. Missing values never match a comparison. */
  Selection select(Table table);

  /**
   * Rows of {@code table} for which the condition holds, where the features in {@code unavailable}
   * (columns the input lacks) cannot be read: a condition that needs one cannot be evaluated, so it
   * matches no row, not even under NOT. Nothing is guessed for a column that is not there.
   */
  default Selection select(Table table, Set<String> unavailable) {
    return needs(unavailable).isEmpty() ? select(table) : Selection.with();
  }

  /**
   * The features this condition reads, in lower case. Empty for a Java predicate ({@link #matching}),
   * whose reads cannot be seen: it runs on whatever the row holds.
   */
  default Set<String> fields() {
    Set<String> out = new TreeSet<>();
    if (this instanceof Comparison c) out.add(c.field().toLowerCase(Locale.ROOT));
    if (this instanceof Membership m) out.add(m.field().toLowerCase(Locale.ROOT));
    if (this instanceof All all) all.parts().forEach(part -> out.addAll(part.fields()));
    if (this instanceof Any any) any.parts().forEach(part -> out.addAll(part.fields()));
    if (this instanceof Not not) out.addAll(not.inner().fields());
    return out;
  }

  /** The features of {@code unavailable} this condition needs, sorted; empty when it can be evaluated. */
  default List<String> needs(Set<String> unavailable) {
    return fields().stream().filter(unavailable::contains).toList();
  }

  /** ANSI SQL boolean expression, never NULL (comparisons on NULL are FALSE, as in {@link #select}). */
  String toSql();

  /** The expression in the syntax {@link #parse} reads. */
  @Override
  String toString();

  static Condition parse(String expression) {
    return new ConditionParser(expression).parse();
  }

  static Condition always() {
    return new Always();
  }

  static Condition matching(String description, Predicate<Row> test) {
    return new Custom(description, test);
  }

  default Condition and(Condition other) {
    return new All(List.of(this, other));
  }

  default Condition or(Condition other) {
    return new Any(List.of(this, other));
  }

  default Condition negate() {
    return new Not(this);
  }

  /** Comparison operators, with their SQL spelling. */
  enum Operator {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    final String sql;

    Operator(String sql) {
      this.sql = sql;
    }
  }

  /** {@code field op value}; value is a String, Double or Boolean. */
  record Comparison(String field, Operator operator, Object value) implements Condition {
    public Comparison {
      Literals.check(value);
    }

    @Override
    public Selection select(Table table) {
      return ColumnTests.compare(table, field, operator, value);
    }

    @Override
    public String toSql() {
      return "COALESCE(" + field + " " + operator.sql + " " + Literals.sql(value) + ", FALSE)";
    }

    @Override
    public String toString() {
      if (value instanceof Boolean b && operator == Operator.EQ) return b ? field : "NOT " + field;
      return field + " " + (operator == Operator.NE ? "!=" : operator.sql) + " " + Literals.text(value);
    }
  }

  /** {@code field IN (v1, v2, ...)}. */
  record Membership(String field, List<Object> values) implements Condition {
    public Membership {
      values = List.copyOf(values);
      if (values.isEmpty()) throw new WorkspaceException("IN needs at least one value for " + field);
      values.forEach(Literals::check);
    }

    @Override
    public Selection select(Table table) {
      return ColumnTests.in(table, field, values);
    }

    @Override
    public String toSql() {
      return "COALESCE(" + field + " IN (" + join(values, Literals::sql) + "), FALSE)";
    }

    @Override
    public String toString() {
      return field + " IN (" + join(values, Literals::text) + ")";
    }
  }

  record All(List<Condition> parts) implements Condition {
    public All {
      parts = List.copyOf(parts);
    }

    @Override
    public Selection select(Table table) {
      Selection result = Selection.withRange(0, table.rowCount());
      for (Condition part : parts) result = result.and(part.select(table));
      return result;
    }

    @Override
    public String toSql() {
      return "(" + join(parts, Condition::toSql, " AND ") + ")";
    }

    @Override
    public String toString() {
      return join(parts, Condition::grouped, " AND ");
    }
  }

  record Any(List<Condition> parts) implements Condition {
    public Any {
      parts = List.copyOf(parts);
    }

    @Override
    public Selection select(Table table) {
      Selection result = Selection.with();
      for (Condition part : parts) result = result.or(part.select(table));
      return result;
    }

    @Override
    public String toSql() {
      return "(" + join(parts, Condition::toSql, " OR ") + ")";
    }

    @Override
    public String toString() {
      return join(parts, Condition::grouped, " OR ");
    }
  }

  record Not(Condition inner) implements Condition {
    @Override
    public Selection select(Table table) {
      return inner.select(table).flip(0, table.rowCount());
    }

    @Override
    public String toSql() {
      return "(NOT " + inner.toSql() + ")";
    }

    @Override
    public String toString() {
      return "NOT " + inner.grouped();
    }
  }

  record Always() implements Condition {
    @Override
    public Selection select(Table table) {
      return Selection.withRange(0, table.rowCount());
    }

    @Override
    public String toSql() {
      return "TRUE";
    }

    @Override
    public String toString() {
      return "TRUE";
    }
  }

  /** A Java predicate over one feature row: runs only here, cannot be saved or sent to Spark. */
  record Custom(String description, Predicate<Row> test) implements Condition {
    @Override
    public Selection select(Table table) {
      Selection result = Selection.with();
      Row row = new Row(table);
      while (row.hasNext()) {
        row.next();
        if (test.test(row)) result.add(row.getRowNumber());
      }
      return result;
    }

    @Override
    public String toSql() {
      throw new WorkspaceException("the condition \"" + description
          + "\" is a Java predicate and cannot be translated to SQL; write it as an expression to run it on Spark");
    }

    @Override
    public String toString() {
      return "custom(" + description + ")";
    }
  }

  /** This condition as an operand of AND, OR or NOT, parenthesised where precedence needs it. */
  private String grouped() {
    return this instanceof All || this instanceof Any ? "(" + this + ")" : toString();
  }

  private static <T> String join(List<T> items, java.util.function.Function<T, String> show) {
    return join(items, show, ", ");
  }

  private static <T> String join(List<T> items, java.util.function.Function<T, String> show, String separator) {
    return String.join(separator, items.stream().map(show).toList());
  }
}
