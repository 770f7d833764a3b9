package dev.customerlens.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/** A table as a list of JSON objects, one per row, keyed by column name in column order. */
final class TableRows {
  private TableRows() {}

  static List<Map<String, Object>> of(Table table) {
    List<Map<String, Object>> rows = new ArrayList<>(table.rowCount());
    for (int r = 0; r < table.rowCount(); r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (var column : table.columns()) row.put(column.name(), column.isMissing(r) ? null : column.get(r));
      rows.add(row);
    }
    return rows;
  }
}
