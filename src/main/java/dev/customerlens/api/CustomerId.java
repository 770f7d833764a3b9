package dev.customerlens.api;

import java.util.Locale;

/** A customer id as a client sent it: checked, so that it is safe to look up and to echo back. */
record CustomerId(String value) {
  static final int MAX_LENGTH = 128;

  /** @param where how to name the id in an error message: "the customer id", "customer_ids[3]" */
  static CustomerId of(String value, String where) {
    if (value.isEmpty()) throw invalid(where + " is empty");
    if (value.length() > MAX_LENGTH) {
      throw invalid(where + " is " + value.length() + " characters long; the most allowed is " + MAX_LENGTH);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // Percent-encoded bytes that are not UTF-8 decode to U+FFFD, which no loaded id contains.
      if (c == '\uFFFD') throw invalid(where + " is not valid UTF-8 at position " + (i + 1));
      if (Character.isISOControl(c)) {
        throw invalid(String.format(Locale.ROOT, "%s contains the control character U+%04X at position %d", where,
            (int) c, i + 1));
      }
    }
    return new CustomerId(value);
  }

  private static ApiException invalid(String detail) {
    return ApiException.badRequest("invalid_customer_id", detail);
  }
}
