package dev.customerlens.data;

import java.util.Arrays;
import java.util.Locale;
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
    String key = squash(text);
    return Arrays.stream(values()).filter(f -> squash(f.label).equals(key)).findFirst();
  }

  public static Optional<Frequency> ofLabel(String label) {
    return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
  }

  public static String vocabulary() {
    return Arrays.stream(values()).map(Frequency::label).collect(Collectors.joining(", "));
  }

  private static String squash(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
  }
}
