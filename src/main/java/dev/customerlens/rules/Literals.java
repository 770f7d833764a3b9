package dev.customerlens.rules;

import dev.customerlens.errors.WorkspaceException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The three kinds of constant a rule can hold: text, number and yes/no; and text that a date
 * column reads as a date. Public so every engine that compiles rules states them alike.
 */
public final class Literals {
  private Literals() {}

  static void check(Object value) {
    if (!(value instanceof String || value instanceof Double || value instanceof Boolean)) {
      throw new WorkspaceException("a rule constant must be text, a number or true/false, not " + value);
    }
  }

  /** A constant as a rule writes it: text in single quotes, plain numbers, true or false. */
  public static String text(Object value) {
    if (value instanceof String s) return "'" + s.replace("'", "''") + "'";
    if (value instanceof Double d) return number(d);
    return value.toString();
  }

  /** The date a quoted constant compared with date column {@code field} stands for. */
  public static LocalDate date(String text, String field) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new WorkspaceException(field + " is a date and must be compared with a date such as '2011-06-09', not '"
          + text + "'");
    }
  }

  static String sql(Object value) {
    return value instanceof Boolean b ? (b ? "TRUE" : "FALSE") : text(value);
  }

  /** Plain decimal notation, without a trailing ".0" for whole numbers. */
  static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
