package dev.customerlens.data;

import java.util.List;

/** A data row that lenient reading left out, with every reason it was left out. */
public record SkippedRow(int line, List<Issue> reasons) {
  public SkippedRow {
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) throw new IllegalArgumentException("a skipped row needs a reason");
  }
}
