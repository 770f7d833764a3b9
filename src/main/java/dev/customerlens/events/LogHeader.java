package dev.customerlens.events;

import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Where each expected column sits in a log's header line. Extra columns are allowed and ignored. */
final class LogHeader {
  private final Map<LogColumn, Integer> indexes;
  private final int width;

  private LogHeader(Map<LogColumn, Integer> indexes, int width) {
    this.indexes = indexes;
    this.width = width;
  }

  static LogHeader of(String file, List<String> cells, List<LogColumn> columns) {
    List<String> headers = cells.stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
    // Looked up for every cell of every row: identity is enough, as columns are constants, and cheaper than record equality.
    Map<LogColumn, Integer> indexes = new IdentityHashMap<>();
    List<Issue> issues = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      for (LogColumn column : columns) {
        if (!column.matches(headers.get(i))) continue;
        Integer earlier = indexes.putIfAbsent(column, i);
        if (earlier != null) {
          issues.add(new Issue(file, 1, i + 1, headers.get(i), null,
              "names the same column as column " + (earlier + 1) + " (\"" + headers.get(earlier) + "\")"));
        }
      }
    }
    for (LogColumn column : columns) {
      if (column.required() && !indexes.containsKey(column)) {
        String also = column.aliases().isEmpty() ? "" : " (or " + String.join(", ", column.aliases()) + ")";
        issues.add(new Issue(file, 1, 0, column.header(), null,
            "column is missing" + also + "; found: " + String.join(", ", headers)));
      }
    }
    if (!issues.isEmpty()) throw new DataFileException(file, issues, 0);
    return new LogHeader(indexes, headers.size());
  }

  /** Zero-based index, or -1 for an optional column the file does not have. */
  int index(LogColumn column) {
    return indexes.getOrDefault(column, -1);
  }

  int width() {
    return width;
  }
}
