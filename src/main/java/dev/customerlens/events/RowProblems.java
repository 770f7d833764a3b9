package dev.customerlens.events;

import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import dev.customerlens.data.SkippedRow;
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

  RowProblems(String file, LogReadOptions options) {
    this.file = file;
    this.options = options;
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

  List<SkippedRow> skipped() {
    return skipped;
  }

  /** The customer id is checked against the customer table when the options name one. */
  void checkCustomer(String id, int line, int columnNumber, String column, List<Issue> rowIssues) {
    options.customers().ifPresent(known -> {
      if (!known.ids().contains(id)) {
        rowIssues.add(new Issue(file, line, columnNumber, column, id,
            "is not a customer of " + known.source() + "; expected an id from the customer table"));
      }
    });
  }
}
