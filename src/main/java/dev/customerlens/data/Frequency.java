package dev.customerlens.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The "Frequency of Purchases" vocabulary. Several published labels mean the same interval
 * (Bi-Weekly and Fortnightly, Quarterly and Every 3 Months); the label is kept as written and
 * {@link #purchasesPerYear()} is what the analysis uses.
 */
public enum Frequency {
  WEEKLY("Weekly", 52),
  BI_WEEKLY("Bi-Weekly", 26),
  FORTNIGHTLY("Fortnightly", 26),
  MONTHLY("Monthly", 12),
  QUARTERLY("Quarterly", 4),
  EVERY_3_MONTHS("Every 3 Months", 4),
  ANNUALLY("Annually", 1);

  private final String label;
  private final int purchasesPerYear;

  Frequency(String label, int purchasesPerYear) {
    this.label = label;
    this.purchasesPerYear = purchasesPerYear;
  }

  public String label() {
    return label;
  }

  public int purchasesPerYear() {
    return purchasesPerYear;
  }

  /** Matches case-insensitively, ignoring spaces, hyphens and underscores ("bi weekly", "EVERY_3_MONTHS"). */
  public static Optional<Frequency> parse(String text) {
    return Optional.ofNullable(Lookup.BY_SQUASHED_LABEL.get(squash(text)));
  }

  public static Optional<Frequency> ofLabel(String label) {
    return Optional.ofNullable(Lookup.BY_LABEL.get(label));
  }

  /** Every cell of a million-row file is looked up: by map, not by a scan of the labels. */
  private static final class Lookup {
    static final Map<String, Frequency> BY_LABEL = new HashMap<>();
    static final Map<String, Frequency> BY_SQUASHED_LABEL = new HashMap<>();

    static {
      for (Frequency f : values()) {
        BY_LABEL.put(f.label, f);
        BY_SQUASHED_LABEL.put(squash(f.label), f);
      }
    }
  }

  public static String vocabulary() {
    return Arrays.stream(values()).map(Frequency::label).collect(Collectors.joining(", "));
  }

  private static String squash(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '_' && c != '-') out.append(c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
