package dev.customerlens.events;

import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import dev.customerlens.data.SkippedRow;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects bad rows while a log is read: a strict read lists them (up to the cap) and fails at the
 * end, a lenient read skips them and remembers each one with its reasons.
 */
final class RowProblems {
  private final String file;
  private final LogReadOptions options;
  private final List<Issue> issues = new ArrayList<>();
  private final List<SkippedRow> skipped = new ArrayList<>();
  private int uncounted;

  private final LocalDateTime latest;
  private Timestamps.Family firstFamily;
  private int firstFamilyLine;
  private String lastRaw;
  private LocalDateTime lastAt;
  private final String latestReason;

  RowProblems(String file, LogReadOptions options) {
    this.file = file;
    this.options = options;
    this.latest = options.newestFileTime().orElseGet(LocalDateTime::now).plusDays(1);
    this.latestReason = options.newestFileTime().isPresent() ? "the file's last change" : "now";
  }

  void reject(int line, List<Issue> rowIssues) {
    if (options.rows().skipBadRows()) {
      skipped.add(new SkippedRow(line, rowIssues));
      return;
    }
    for (Issue issue : rowIssues) {
      if (issues.size() < options.rows().maxIssues()) issues.add(issue);
      else uncounted++;
    }
  }

  /** Fails with every issue of a strict read, or when a lenient read kept nothing. */
  void check(long rowsRead, long rowsKept) {
    if (!issues.isEmpty()) throw new DataFileException(file, issues, uncounted);
    if (rowsRead == 0) throw new DataFileException(new Issue(file, 2, 0, null, null, "the file has no data rows"));
    if (rowsKept == 0 && !skipped.isEmpty()) {
      throw new DataFileException(file, skipped.stream().flatMap(s -> s.reasons().stream())
          .limit(options.rows().maxIssues()).toList(), 0);
    }
  }

  /**
   * A cell's timestamp, parsed and checked against the plausible range: a log of a business that
   * existed before 1990 is possible, but a timestamp before it is far likelier a default date or a
   * unit mistake, and one past the newest allowed time is in the future.
   */
  LocalDateTime timestamp(String raw, int line) {
    // An invoice's lines repeat its time: the same text passed the same checks a line ago.
    if (raw.equals(lastRaw)) return lastAt;
    LocalDateTime at = Timestamps.parse(raw);
    Timestamps.Family family = Timestamps.family(raw);
    if (firstFamily == null) {
      firstFamily = family;
      firstFamilyLine = line;
    } else if (family != firstFamily) {
      throw new IllegalArgumentException("is written as " + family.label + ", but line " + firstFamilyLine
          + " wrote " + firstFamily.label + "; one log must keep to one format, or dates such as 1/2/2011 are ambiguous");
    }
    if (at.isBefore(Timestamps.EARLIEST)) {
      throw new IllegalArgumentException("is before " + Timestamps.EARLIEST.toLocalDate() + ": not a plausible "
          + "time of a purchase or event (a default date or a unit mistake?)");
    }
    if (at.isAfter(latest)) {
      throw new IllegalArgumentException("is after " + latest + ", more than a day after " + latestReason
          + ": a time in the future");
    }
    lastRaw = raw;
    lastAt = at;
    return at;
  }

  List<SkippedRow> skipped() {
    return skipped;
  }

  /** The customer id is checked against the customer table when the options name one. */
  void checkCustomer(String id, int line, int columnNumber, String column, List<Issue> rowIssues) {
    if (options.customers().isEmpty()) return;
    var known = options.customers().get();
    if (!known.ids().contains(id)) {
      rowIssues.add(new Issue(file, line, columnNumber, column, id,
          "is not a customer of " + known.source() + "; expected an id from the customer table"));
    }
  }
}
