package dev.customerlens.data;

import dev.customerlens.errors.WorkspaceException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which header of a user's file plays which part, when the reader's own header matching is not the
 * answer: {@code customer=Customer ID,time=InvoiceDate} for a log, {@code payment=Preferred_Payment_Method}
 * for a customer table. The same text form on the command line ({@code --columns}) and in code.
 * An explicit choice always wins over the readers' tolerant matching.
 */
public record ColumnMapping(Map<String, String> headers) {
  public ColumnMapping {
    // Kept in the order given, so messages and toString() repeat the user's own text.
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static ColumnMapping none() {
    return new ColumnMapping(Map.of());
  }

  /**
   * Parses {@code part=Header,part=Header}. Headers may contain spaces and brackets, not commas or
   * equals signs; a header with a comma cannot be named here (rename it in the file).
   */
  public static ColumnMapping parse(String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (text == null || text.isBlank()) return none();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) continue;
      int equals = pair.indexOf('=');
      if (equals <= 0 || equals == pair.length() - 1 || pair.indexOf('=', equals + 1) >= 0) {
        throw new WorkspaceException("column mapping \"" + pair.strip() + "\" is not part=Header "
            + "(for example customer=Customer ID)");
      }
      String part = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
      String header = pair.substring(equals + 1).strip();
      if (header.isEmpty()) throw new WorkspaceException("column mapping \"" + pair.strip() + "\" names no header");
      if (headers.putIfAbsent(part, header) != null) {
        throw new WorkspaceException("column mapping names \"" + part + "\" twice");
      }
    }
    return new ColumnMapping(headers);
  }

  /** The header chosen for {@code part}, if the user chose one. */
  public Optional<String> header(String part) {
    return Optional.ofNullable(headers.get(part));
  }

  public boolean isEmpty() {
    return headers.isEmpty();
  }

  /** Refuses parts that the reader does not know, listing the ones it does. */
  public ColumnMapping requireParts(Collection<String> known, String what) {
    for (String part : headers.keySet()) {
      if (!known.contains(part)) {
        throw new WorkspaceException("column mapping: \"" + part + "\" is not a part of " + what + "; known: "
            + String.join(", ", known));
      }
    }
    return this;
  }

  /** The header that matches {@code wanted} ignoring case and surrounding spaces, or -1. */
  public static int indexOf(java.util.List<String> headerCells, String wanted) {
    for (int i = 0; i < headerCells.size(); i++) {
      if (headerCells.get(i).replace("\uFEFF", "").strip().equalsIgnoreCase(wanted.strip())) return i;
    }
    return -1;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    headers.forEach((part, header) -> out.append(out.length() == 0 ? "" : ",").append(part).append('=').append(header));
    return out.toString();
  }
}
