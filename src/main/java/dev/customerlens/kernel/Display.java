package dev.customerlens.kernel;

import com.google.gson.JsonParser;
import dev.customerlens.chart.Figure;
import dev.customerlens.chart.Html;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How values look in a notebook: a table as HTML (the first {@value #TABLE_ROWS} rows), a chart as a
 * Plotly figure, anything else as its text. Every bundle carries text/plain for consoles and history.
 */
final class Display {
  static final int TABLE_ROWS = 50;

  /**
   * Whether a figure's HTML in this session already carried plotly.js. The library is 4.8 MB, so only
   * the first figure's HTML fallback inlines it and later ones use the {@code Plotly} it defined, as
   * plotly.py's notebook renderer does. Front ends that render the Plotly JSON (JupyterLab with the
   * Plotly extension, VS Code) never use the fallback. The fallback fails if the first chart's output
   * is cleared and a later chart re-run alone; re-running the first chart cell, or restarting, fixes it.
   */
  private boolean plotlySent;

  DisplayData render(Object value) {
    if (value instanceof DisplayData data) return data;
    if (value instanceof Figure figure) return figure(figure);
    DisplayData data = new DisplayData(text(value));
    if (value instanceof Table table) data.putHTML(html(table));
    return data;
  }

  /** The text/plain form; also what {@code display(...)} prints in plain jshell. */
  static String text(Object value) {
    if (!(value instanceof Table table)) return String.valueOf(value);
    if (table.rowCount() <= TABLE_ROWS) return table.printAll();
    return table.first(TABLE_ROWS).printAll() + "\n" + cutNote(table);
  }

  private DisplayData figure(Figure figure) {
    DisplayData data = new DisplayData(figure.toString());
    // Jupyter wants JSON MIME types as JSON values, not as text holding JSON.
    data.putData(Figure.MIME_TYPE, JsonParser.parseString(figure.toJson()));
    data.putHTML(figure.toHtml(!plotlySent));
    plotlySent = true;
    return data;
  }

  /**
   * Column names appear as they are, not prettified as in the report, because cells refer to them in
   * code. Values are Tablesaw's own strings, except that decimals are rounded to four places, as
   * pandas rounds them: a score of 0.6196178663282275 reads as 0.6196.
   */
  static String html(Table table) {
    int rows = Math.min(TABLE_ROWS, table.rowCount());
    StringBuilder html = new StringBuilder("<div class=\"lens-table\"><table class=\"dataframe\">");
    if (!table.name().isBlank()) html.append("<caption>").append(Html.escape(table.name())).append("</caption>");
    html.append("<thead><tr>");
    for (Column<?> column : table.columns()) {
      html.append("<th>").append(Html.escape(column.name())).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (int r = 0; r < rows; r++) {
      html.append("<tr>");
      for (Column<?> column : table.columns()) {
        html.append(column instanceof NumericColumn<?> ? "<td style=\"text-align:right\">" : "<td>")
            .append(Html.escape(cell(column, r))).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table>");
    if (rows < table.rowCount()) html.append("<p>").append(cutNote(table)).append("</p>");
    return html.append("</div>").toString();
  }

  private static String cell(Column<?> column, int row) {
    if (column.isMissing(row) || !(column instanceof DoubleColumn || column instanceof FloatColumn)) {
      return column.getString(row);
    }
    double value = ((NumericColumn<?>) column).getDouble(row);
    if (!Double.isFinite(value)) return Double.toString(value);
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static String cutNote(Table table) {
    return String.format(Locale.ROOT, "showing %,d of %,d rows", Math.min(TABLE_ROWS, table.rowCount()), table.rowCount());
  }
}
