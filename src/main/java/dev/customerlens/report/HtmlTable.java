package dev.customerlens.report;

import dev.customerlens.chart.Html;
import dev.customerlens.export.NumberStyle;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Tablesaw table as an escaped HTML table, numbers in the workspace's one style ({@link NumberStyle}). */
final class HtmlTable {
  private HtmlTable() {}

  static String render(Table table, int maxRows) {
    StringBuilder out = new StringBuilder("<div class=\"table-wrap\"><table><thead><tr>");
    for (Column<?> column : table.columns()) {
      out.append("<th scope=\"col\">").append(Html.escape(heading(column.name()))).append("</th>");
    }
    out.append("</tr></thead><tbody>");
    int rows = Math.min(maxRows, table.rowCount());
    for (int r = 0; r < rows; r++) {
      out.append("<tr>");
      for (Column<?> column : table.columns()) {
        boolean number = NumberStyle.isNumeric(column);
        out.append(number ? "<td class=\"num\">" : "<td>").append(Html.escape(cell(column, r))).append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table></div>");
    if (rows < table.rowCount()) {
      out.append(String.format(Locale.ROOT, "<p class=\"note\">Showing %,d of %,d rows.</p>", rows, table.rowCount()));
    }
    return out.toString();
  }

  /** "share_pct" reads as "Share %", "avg_amount" as "Avg amount". */
  static String heading(String name) {
    String words = (" " + name.replace("_pct", " %").replace('_', ' ') + " ").replace(" clv ", " CLV ")
        .replace(" id ", " ID ").strip();
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  static String cell(Column<?> column, int row) {
    return column.isMissing(row) ? "–" : NumberStyle.cell(column, row);
  }
}
