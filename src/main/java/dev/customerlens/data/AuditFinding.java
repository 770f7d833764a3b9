package dev.customerlens.data;

import java.util.List;
import java.util.Objects;

/**
 * One thing an analyst should know about a customer table before trusting it.
 *
 * @param columns the columns involved, in table order; empty when the finding concerns the whole table
 * @param message a sentence naming the columns and values involved and what they mean for an analysis
 */
public record AuditFinding(Kind kind, Severity severity, List<String> columns, String message) {

  /** What was found. A report lists its findings in this order. */
  public enum Kind {
    /** An optional schema column the file lacks: the table loads, and what needs the column is unavailable. */
    MISSING_COLUMN,
    /** Persona rules, traits, recommendations or score terms that need a missing column (from an analysis). */
    UNAVAILABLE,
    /** A column read from a header other than its exact name, or with other headers that could have been it. */
    HEADER_CHOICE,
    /** Two columns hold the same value in every row: one fact recorded twice. */
    IDENTICAL_COLUMNS,
    /** One column is a function of another, or the two correspond one to one. */
    DERIVED_COLUMN,
    /** One value of a Yes/No column always comes with one value of another column, though both vary. */
    IMPLIED_VALUE,
    /** Different labels in the data mean the same thing, such as Bi-Weekly and Fortnightly. */
    SYNONYM_LABELS,
    /** A column has a single value, so it cannot explain any difference between customers. */
    CONSTANT_COLUMN,
    MISSING_VALUES,
    /** Values outside the Tukey fences, 1.5 times the interquartile range beyond the quartiles. */
    OUTLIERS,
    /** No column holds dates or times, so nothing can be shown over time. */
    NO_TIMESTAMPS,
    /** No column says what customers did after the snapshot, so predictions cannot be evaluated. */
    NO_OUTCOME,
    /** A lenient read left rows out. */
    SKIPPED_ROWS,
    /** Columns outside the schema: kept, and features rules can name. */
    EXTRA_COLUMNS,
    /** How customers were derived from a transaction or event log, and what the log's rules left out. */
    DERIVED_FROM_LOG,
    /** Customer ids found in only one of a customer table and a log joined to it. */
    UNMATCHED_IDS
  }

  public enum Severity {
    /** Can mislead an analysis that does not allow for it. */
    WARNING,
    /** Rules some analyses out for this table on its own. */
    LIMITATION,
    /** Worth knowing; nothing to correct. */
    INFO
  }

  public AuditFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    columns = List.copyOf(columns);
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) throw new IllegalArgumentException("a finding needs a message");
  }
}
