package dev.customerlens.data;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One problem found in an input file, located like a compiler error. Lines count the header as
 * line 1; {@code columnNumber} is 1-based, or 0 when the problem concerns the whole line or file.
 */
public record Issue(String file, int line, int columnNumber, String column, String value, String message) {
  private static final int LISTED_HEADERS = 40;

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

  /**
   * A file's headers as a message lists them: each shortened as a value is, and at most
   * {@value #LISTED_HEADERS} of them, so that a file whose first line is not a header (one huge
   * line, or data without one) still gets a message a person can read.
   */
  public static String listed(List<String> headers) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(headers.size(), LISTED_HEADERS); i++) {
      out.append(i == 0 ? "" : ", ").append(shorten(headers.get(i)));
    }
    int more = headers.size() - LISTED_HEADERS;
    return more > 0 ? out.append(" and ").append(more).append(" more").toString() : out.toString();
  }

  /** At most 60 characters kept on one line, control characters written as escapes rather than sent to a terminal. */
  private static String shorten(String value) {
    boolean cut = value.length() > 60;
    StringBuilder out = new StringBuilder();
    for (char c : (cut ? value.substring(0, 57) : value).toCharArray()) {
      if (c == '\n') out.append("\\n");
      else if (c == '\r') out.append("\\r");
      else if (c < 0x20 || c == 0x7f) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      else out.append(c);
    }
    return cut ? out.append("...").toString() : out.toString();
  }
}
