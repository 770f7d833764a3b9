package dev.customerlens;

import dev.customerlens.export.TextTable;
import tech.tablesaw.api.Table;

/**
 * A table the façade hands to jshell. jshell shows a value by its {@code toString()} and cuts it at
 * 1,000 characters; Tablesaw's is mostly padding, so a persona summary showed no persona. This one
 * prints the first rows and the columns that fit ({@link TextTable#PREVIEW}); everything else is
 * Tablesaw's. Tables derived from it ({@code where}, {@code sortOn}, ...) are plain Tablesaw tables again.
 */
final class PreviewTable extends Table {
  private PreviewTable(Table table) {
    super(table.name(), table.columns());
  }

  /** The same columns (not copies) under a table that prints compactly. */
  static Table of(Table table) {
    return new PreviewTable(table);
  }

  @Override
  public String toString() {
    return TextTable.PREVIEW.render(this);
  }
}
