package dev.customerlens.cli;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a whole-base run writes when no --out is given: a folder under exports/ named for its input
 * ({@code exports/sample/} for the embedded data, {@code exports/customers-1m/} for
 * {@code customers-1m.csv}), so runs on different files, or of different commands, never overwrite
 * each other's files.
 */
final class OutputFolder {
  private OutputFolder() {}

  /** {@code exports/<input name>} and, when {@code kind} is not empty, {@code -kind}. */
  static Path of(String input, String kind) {
    return Path.of("exports", name(input) + (kind.isEmpty() ? "" : "-" + kind));
  }

  private static String name(String input) {
    if (input == null) return "sample";
    String trimmed = input.replaceAll("[/\\\\]+$", "");
    String last = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    int dot = last.indexOf('.');
    String stem = (dot > 0 ? last.substring(0, dot) : last).replaceAll("[^A-Za-z0-9_-]+", "-").toLowerCase(Locale.ROOT);
    return stem.isEmpty() || stem.equals("-") ? "input" : stem;
  }
}
