package dev.customerlens.events;

import java.util.List;
import java.util.Locale;

/**
 * One column a log format expects: the part it plays (the name a {@code --columns} mapping uses),
 * its published header and the other headers that name it in common variants of the data (the 2011
 * UCI release says InvoiceNo and UnitPrice, for instance).
 */
record LogColumn(String part, String header, List<String> aliases, boolean required) {
  LogColumn {
    aliases = List.copyOf(aliases);
  }

  static LogColumn required(String part, String header, String... aliases) {
    return new LogColumn(part, header, List.of(aliases), true);
  }

  static LogColumn optional(String part, String header, String... aliases) {
    return new LogColumn(part, header, List.of(aliases), false);
  }

  boolean matches(String cell) {
    String key = normalise(cell);
    if (key.equals(normalise(header))) return true;
    for (String alias : aliases) {
      if (key.equals(normalise(alias))) return true;
    }
    return false;
  }

  /** Headers match ignoring case, spaces, underscores and punctuation: "Customer ID" is "customer_id". */
  static String normalise(String header) {
    return header.replace("\uFEFF", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
