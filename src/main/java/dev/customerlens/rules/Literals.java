package dev.customerlens.rules;

import dev.customerlens.errors.WorkspaceException;
import java.math.BigDecimal;

/** The three kinds of constant a rule can hold: text, number and yes/no. */
final class Literals {
  private Literals() {}

  static void check(Object value) {
    if (!(value instanceof String || value instanceof Double || value instanceof Boolean)) {
      throw new WorkspaceException("a rule constant must be text, a number or true/false, not " + value);
    }
  }

  static String text(Object value) {
    if (value instanceof String s) return "'" + s.replace("'", "''") + "'";
    if (value instanceof Double d) return number(d);
    return value.toString();
  }

  static String sql(Object value) {
    return value instanceof Boolean b ? (b ? "TRUE" : "FALSE") : text(value);
  }

  /** Plain decimal notation, without a trailing ".0" for whole numbers. */
  static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
