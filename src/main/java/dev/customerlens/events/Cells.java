package dev.customerlens.events;

import java.math.BigDecimal;

/** Numbers in log cells: plain decimals only, so "1e3", "NaN" or "0x10" are errors, not values. */
final class Cells {
  private Cells() {}

  static double number(String raw, String expectation) {
    String text = raw.strip();
    if (text.startsWith("$")) text = text.substring(1);
    try {
      double value = new BigDecimal(text).doubleValue();
      if (!Double.isFinite(value) || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) throw new NumberFormatException();
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException((text.isEmpty() ? "is empty; " : "is not a number; ") + expectation);
    }
  }

  static long wholeNumber(String raw, String expectation) {
    String text = raw.strip();
    try {
      return new BigDecimal(text).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException((text.isEmpty() ? "is empty; " : "is not a whole number; ") + expectation);
    }
  }
}
