package dev.customerlens.data;

import java.util.Objects;

/**
 * How strictly a customer file is read.
 *
 * @param skipBadRows skip rows with bad values (and report each skipped row) instead of failing
 * @param maxIssues how many issues to collect before giving up listing them
 * @param columns which header plays which part ({@link Field#key()}), where the reader's own matching is not the answer
 */
public record ReadOptions(boolean skipBadRows, int maxIssues, ColumnMapping columns) {
  public static final int DEFAULT_MAX_ISSUES = 100;

  public ReadOptions {
    if (maxIssues < 1) throw new IllegalArgumentException("maxIssues must be at least 1, was " + maxIssues);
    Objects.requireNonNull(columns, "columns");
  }

  public ReadOptions(boolean skipBadRows, int maxIssues) {
    this(skipBadRows, maxIssues, ColumnMapping.none());
  }

  /** Fail on the first file with a bad value, listing every problem found (the default). */
  public static ReadOptions strict() {
    return new ReadOptions(false, DEFAULT_MAX_ISSUES);
  }

  /** Load every good row and report exactly which rows were skipped and why. */
  public static ReadOptions lenient() {
    return new ReadOptions(true, DEFAULT_MAX_ISSUES);
  }

  public ReadOptions withMaxIssues(int max) {
    return new ReadOptions(skipBadRows, max, columns);
  }

  /** The same options with the user's choice of columns, such as {@code payment=Preferred_Payment_Method}. */
  public ReadOptions withColumns(ColumnMapping chosen) {
    return new ReadOptions(skipBadRows, maxIssues, chosen.requireParts(Field.keys(), "a customer table"));
  }
}
