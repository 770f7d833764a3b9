package dev.customerlens.kernel;

import com.google.gson.JsonParser;
import dev.customerlens.chart.Figure;
import dev.customerlens.chart.Html;
import dev.customerlens.export.NumberStyle;
import dev.customerlens.export.TextTable;
import java.util.Locale;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How values look in a notebook: a table as HTML (the first {@value #TABLE_ROWS} rows) and as a
 * shorter text that fits 100 columns, a chart as a Plotly figure, anything else as its text. Every bundle carries text/plain for consoles and history.
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
    return value instanceof Table table ? TextTable.NOTEBOOK.render(table) : String.valueOf(value);
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
   * code. Values read as everywhere else people read them ({@link NumberStyle}): a churn risk of
   * 0.6196178663282275 as 62.0%.
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
        html.append(NumberStyle.isNumeric(column) ? "<td style=\"text-align:right\">" : "<td>")
            .append(Html.escape(NumberStyle.cell(column, r))).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table>");
    if (rows < table.rowCount()) html.append("<p>").append(cutNote(table)).append("</p>");
    return html.append("</div>").toString();
  }

  private static String cutNote(Table table) {
    return String.format(Locale.ROOT, "showing %,d of %,d rows", Math.min(TABLE_ROWS, table.rowCount()), table.rowCount());
  }
}
