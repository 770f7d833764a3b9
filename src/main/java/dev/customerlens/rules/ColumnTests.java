package dev.customerlens.rules;

import dev.customerlens.errors.WorkspaceException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/** Column-wise evaluation of comparisons, so a rule costs one pass per column, not one call per row. */
final class ColumnTests {
  private ColumnTests() {}

  static Selection compare(Table table, String field, Condition.Operator op, Object value) {
    Column<?> column = column(table, field);
    if (column instanceof NumericColumn<?> numbers) {
      double x = expect(Double.class, value, field, "a number");
      // One pass over the numbers into a sorted list of rows: Tablesaw's filters add each row to a
      // bitmap one by one, twice (the test and "not missing"), which took most of a million-row plan.
      int[] rows = new int[numbers.size()];
      int found = 0;
      for (int row = 0; row < rows.length; row++) {
        double v = numbers.getDouble(row);
        boolean match = switch (op) {
          case EQ -> v == x;
          case NE -> v != x && !Double.isNaN(v);
          case LT -> v < x;
          case LE -> v <= x;
          case GT -> v > x;
          case GE -> v >= x;
        };
        if (match) rows[found++] = row;
      }
      return Selection.with(Arrays.copyOf(rows, found));
    }
    if (column instanceof BooleanColumn flags) {
      boolean wanted = expect(Boolean.class, value, field, "true or false");
      return switch (op) {
        case EQ -> wanted ? flags.isTrue() : flags.isFalse();
        case NE -> wanted ? flags.isFalse() : flags.isTrue();
        default -> throw new WorkspaceException(field + " is yes/no and can only be compared with = or !=");
      };
    }
    if (column instanceof DateColumn dates) {
      LocalDate day = Literals.date(expect(String.class, value, field, "a date in single quotes, such as '2011-06-09'"), field);
      Selection present = dates.isNotMissing();
      Selection matched = switch (op) {
        case EQ -> dates.isEqualTo(day);
        case NE -> dates.isNotEqualTo(day);
        case LT -> dates.isBefore(day);
        case LE -> dates.isOnOrBefore(day);
        case GT -> dates.isAfter(day);
        case GE -> dates.isOnOrAfter(day);
      };
      return matched.and(present);
    }
    StringColumn text = (StringColumn) column;
    String wanted = expect(String.class, value, field, "text in single quotes");
    return switch (op) {
      case EQ -> text.isEqualTo(wanted);
      case NE -> text.isNotEqualTo(wanted).and(text.isNotMissing());
      default -> throw new WorkspaceException(field + " is text and can only be compared with =, != or IN");
    };
  }

  static Selection in(Table table, String field, List<Object> values) {
    Selection result = Selection.with();
    for (Object value : values) result = result.or(compare(table, field, Condition.Operator.EQ, value));
    return result;
  }

  private static Column<?> column(Table table, String field) {
    if (table.containsColumn(field)) return table.column(field);
    String known = String.join(", ", table.columnNames());
    throw new WorkspaceException("unknown field \"" + field + "\" in a rule; known fields: " + known);
  }

  private static <T> T expect(Class<T> type, Object value, String field, String expected) {
    if (type.isInstance(value)) return type.cast(value);
    throw new WorkspaceException(field + " must be compared with " + expected + ", not " + Literals.text(value));
  }
}
