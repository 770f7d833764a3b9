package dev.customerlens.events;

import dev.customerlens.data.ColumnMapping;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import dev.customerlens.errors.WorkspaceException;
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

  /**
   * Finds each column by its header and aliases, or, for a part the {@code mapping} names, by the
   * header the user chose (case and surrounding spaces ignored).
   */
  static LogHeader of(String file, List<String> cells, List<LogColumn> columns, ColumnMapping mapping) {
    List<String> headers = cells.stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
    List<Issue> issues = new ArrayList<>();
    List<String> parts = columns.stream().map(LogColumn::part).distinct().toList();
    try {
      mapping.requireParts(parts, "this log layout");
    } catch (WorkspaceException e) {
      throw new DataFileException(new Issue(file, 1, 0, null, null, e.getMessage()));
    }
    // Looked up for every cell of every row: identity is enough, as columns are constants, and cheaper than record equality.
    Map<LogColumn, Integer> indexes = new IdentityHashMap<>();
    for (LogColumn column : columns) {
      mapping.header(column.part()).ifPresent(chosen -> {
        int i = ColumnMapping.indexOf(headers, chosen);
        if (i < 0) {
          issues.add(new Issue(file, 1, 0, chosen, null, "is named for " + column.part() + " by the column mapping, "
              + "but the header has no such column; found: " + Issue.listed(headers)));
        } else {
          indexes.put(column, i);
        }
      });
    }
    for (int i = 0; i < headers.size(); i++) {
      if (indexes.containsValue(i)) continue;
      for (LogColumn column : columns) {
        if (mapping.header(column.part()).isPresent() || !column.matches(headers.get(i))) continue;
        Integer earlier = indexes.putIfAbsent(column, i);
        if (earlier != null) {
          issues.add(new Issue(file, 1, i + 1, headers.get(i), null,
              "names the same column as column " + (earlier + 1) + " (\"" + headers.get(earlier) + "\")"));
        }
      }
    }
    for (LogColumn column : columns) {
      boolean required = column.required() && !(optionalWhenMapped(column, mapping));
      if (required && !indexes.containsKey(column)) {
        String also = column.aliases().isEmpty() ? "" : " (or " + String.join(", ", column.aliases()) + ")";
        String choose = " (name it with --columns " + column.part() + "=HEADER)";
        issues.add(new Issue(file, 1, 0, column.header(), null,
            "column is missing" + also + "; found: " + Issue.listed(headers) + choose));
      }
    }
    if (!issues.isEmpty()) throw new DataFileException(file, issues, 0);
    return new LogHeader(indexes, headers.size());
  }

  /**
   * An order export mapped onto the transaction layout may lack an order number (each line is an
   * order), a quantity (one item a line) or, when it names a line amount, a unit price.
   */
  private static boolean optionalWhenMapped(LogColumn column, ColumnMapping mapping) {
    if (mapping.isEmpty()) return false;
    return column.part().equals("order") || column.part().equals("quantity")
        || column.part().equals("price") && mapping.header("amount").isPresent();
  }

  /** Zero-based index, or -1 for an optional column the file does not have. */
  int index(LogColumn column) {
    return indexes.getOrDefault(column, -1);
  }

  int width() {
    return width;
  }
}
