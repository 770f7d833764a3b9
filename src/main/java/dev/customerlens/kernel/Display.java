package dev.customerlens.kernel;

import com.google.gson.JsonParser;
import dev.customerlens.chart.Figure;
import dev.customerlens.chart.Html;
import dev.customerlens.export.NumberStyle;
import dev.customerlens.export.TextTable;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How values look in a notebook: a table as HTML (the first {@value #TABLE_ROWS} rows) and as a
 * shorter text that fits 100 columns, a chart as a Plotly figure, anything else as its text. Every bundle carries text/plain for consoles and history.
 */
final class Display {
  static final int TABLE_ROWS = 50;
  static final String NO_PLOTLY = "This chart needs plotly.js, which the Jupyter server serves from the customer-lens "
      + "kernelspec (lens kernel install). Front ends that draw Plotly figures themselves (VS Code, JupyterLab with "
      + "plotly's extension) show it without.";
  private static final AtomicLong FIGURE_IDS = new AtomicLong();
  /** Ids must stay unique on a page that shows outputs of several kernel sessions. */
  private static final String PAGE_ID = Long.toString(System.nanoTime(), 36);

  /** Where the Jupyter server serves this kernel's copy of plotly.js from; see {@link KernelSpec#writeTo}. */
  private final String plotlyPath = "kernelspecs/" + KernelSpec.runningName() + "/" + KernelSpec.PLOTLY_FILE;

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
    data.putHTML(figureHtml(figure));
    return data;
  }

  /**
   * The figure for front ends that render HTML rather than Plotly JSON (the classic Notebook,
   * JupyterLab without plotly's extension). Inlining plotly.js (4.8 MB) made every executed notebook
   * about 5 MB, so the library comes instead from the Jupyter server, which serves the kernelspec
   * folder that {@code lens kernel install} put it in: once per page, shared by every chart. Where no
   * server serves it (an HTML export of the notebook), the chart says so instead of failing silently.
   */
  private String figureHtml(Figure figure) {
    String id = "lens-figure-" + FIGURE_IDS.incrementAndGet() + "-" + PAGE_ID;
    return "<div id=\"" + id + "\" class=\"lens-figure\"></div><script>(function(){"
        + "var f=" + figure.toScriptSafeJson() + ",id=\"" + id + "\";"
        + "function draw(){window.Plotly.newPlot(id,f.data,f.layout,{responsive:true,displaylogo:false});}"
        + "function fail(){document.getElementById(id).textContent=\"" + NO_PLOTLY + "\";}"
        + "if(window.Plotly)return draw();"
        + "var w=window.lensPlotly;"
        + "if(!w){w=window.lensPlotly={waiting:[]};"
        + "var base=document.body.getAttribute(\"data-base-url\");"
        + "if(!base){try{base=JSON.parse(document.getElementById(\"jupyter-config-data\").textContent).baseUrl;}catch(e){}}"
        + "base=base||\"/\";if(base.slice(-1)!==\"/\")base+=\"/\";"
        + "var s=document.createElement(\"script\");s.src=base+\"" + plotlyPath + "\";"
        + "s.onload=function(){w.done=true;w.waiting.forEach(function(c){c[0]();});};"
        + "s.onerror=function(){w.failed=true;w.waiting.forEach(function(c){c[1]();});};"
        + "document.head.appendChild(s);}"
        + "if(w.failed)fail();else if(w.done)draw();else w.waiting.push([draw,fail]);"
        + "})();</script>";
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
