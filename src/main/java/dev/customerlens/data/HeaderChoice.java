package dev.customerlens.data;

import java.util.List;

/**
 * How one field's column was picked from a header, and which other headers could have been it.
 *
 * @param header the header used, as the file writes it
 * @param columnNumber its 1-based position in the header
 * @param how how the header was picked
 * @param setAside other headers that name the field exactly or loosely, kept as extra columns
 */
public record HeaderChoice(Field field, String header, int columnNumber, How how, List<String> setAside) {
  /** How a header was picked for a field, strongest first. */
  public enum How {
    CHOSEN("chosen with --columns"),
    EXACT_NAME("exact name"),
    SIMILAR_NAME("similar name");

    private final String label;

    How(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public HeaderChoice {
    setAside = List.copyOf(setAside);
  }

  /** A sentence for the audit: what was used, what was set aside, and how to choose otherwise. */
  public String describe() {
    StringBuilder out = new StringBuilder(field.header()).append(" is read from column ").append(columnNumber)
        .append(" \"").append(header).append("\" (").append(how).append(")");
    if (!setAside.isEmpty()) {
      out.append("; set aside as ").append(setAside.size() == 1 ? "an extra column: " : "extra columns: ")
          .append(String.join(", ", setAside.stream().map(h -> "\"" + h + "\"").toList()))
          .append(", which could also be ").append(field.header()).append(". To use ")
          .append(setAside.size() == 1 ? "it" : "one of them").append(" instead: --columns ")
          .append(field.key()).append('=').append(setAside.get(0));
    }
    return out.toString();
  }
}
