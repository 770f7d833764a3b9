package dev.customerlens.data;

import java.util.Objects;

/**
 * One problem found in an input file, located like a compiler error. Lines count the header as
 * line 1; {@code columnNumber} is 1-based, or 0 when the problem concerns the whole line or file.
 */
public record Issue(String file, int line, int columnNumber, String column, String value, String message) {
  public Issue {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 1) throw new IllegalArgumentException("line must be at least 1, was " + line);
    if (columnNumber < 0) throw new IllegalArgumentException("columnNumber must not be negative");
  }

  static Issue ofFile(String file, int line, String message) {
    return new Issue(file, line, 0, null, null, message);
  }

  /** {@code customers.csv:42:2: Age "forty" is not a whole number; expected ...}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file).append(':').append(line);
    if (columnNumber > 0) out.append(':').append(columnNumber);
    out.append(": ");
    if (column != null) out.append(column).append(' ');
    if (value != null) out.append('"').append(shorten(value)).append("\" ");
    return out.append(message).toString();
  }

  private static String shorten(String value) {
    String oneLine = value.replace("\r", "\\r").replace("\n", "\\n");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
