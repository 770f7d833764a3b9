package dev.customerlens.api;

import java.util.Locale;
import java.util.function.Function;

/**
 * What {@code /api/customers} was asked for: filters (null when absent), an optional sort and a page.
 *
 * @param sort an item field from {@link CustomerList#SORTS}, or null for input order
 */
record CustomerQuery(String persona, String priority, String sort, boolean descending, int limit, int offset) {
  static final int DEFAULT_LIMIT = 50;

  /** Reads and checks the query parameters, given by name through {@code param} (null when absent). */
  static CustomerQuery from(Function<String, String> param, int maxPageSize) {
    String sort = param.apply("sort");
    if (sort != null && !CustomerList.SORTS.containsKey(sort)) {
      throw invalid("cannot sort by \"" + sort + "\"; sort by one of " + String.join(", ", CustomerList.SORTS.keySet()));
    }
    String order = param.apply("order") == null ? "asc" : param.apply("order").toLowerCase(Locale.ROOT);
    if (!order.equals("asc") && !order.equals("desc")) {
      throw invalid("order must be asc or desc, not \"" + param.apply("order") + "\"");
    }
    return new CustomerQuery(param.apply("persona"), param.apply("priority"), sort, order.equals("desc"),
        number(param.apply("limit"), "limit", DEFAULT_LIMIT, 1, maxPageSize),
        number(param.apply("offset"), "offset", 0, 0, Integer.MAX_VALUE));
  }

  /** A whole number from {@code min} to {@code max}, or {@code absent} when the parameter is not given. */
  static int number(String text, String name, int absent, int min, int max) {
    if (text == null) return absent;
    String digits = text.strip();
    // Ten digits or fewer always fit in a long; more are out of range for any page anyway.
    if (digits.matches("[0-9]{1,10}")) {
      long value = Long.parseLong(digits);
      if (value >= min && value <= max) return (int) value;
    }
    String range = " from " + min + " to " + max;
    throw invalid(name + " must be a whole number" + range + ", not \"" + text + "\"");
  }

  private static ApiException invalid(String detail) {
    return ApiException.badRequest("invalid_parameter", detail);
  }
}
