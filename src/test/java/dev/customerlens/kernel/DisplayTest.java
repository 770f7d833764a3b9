package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.customerlens.chart.Charts;
import dev.customerlens.chart.Figure;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DisplayTest {
  @Test
  void smallTableIsWholeHtmlWithEscapedTextAndNumbersInTheOneStyle() {
    Table table = Table.create("<t>", StringColumn.create("name", "<b>&</b>"),
        DoubleColumn.create("churn_risk", 0.6196178663282275), DoubleColumn.create("clv", 12345.678));
    assertEquals("<div class=\"lens-table\"><table class=\"dataframe\"><caption>&lt;t&gt;</caption>"
        + "<thead><tr><th>name</th><th>churn_risk</th><th>clv</th></tr></thead><tbody><tr><td>&lt;b&gt;&amp;&lt;/b&gt;</td>"
        + "<td style=\"text-align:right\">62.0%</td><td style=\"text-align:right\">$12,346</td></tr></tbody></table></div>",
        Display.html(table));
  }

  @Test
  void bigTableShowsTheFirstRowsAndSaysHowManyThereAre() {
    Table table = Table.create("many", IntColumn.indexColumn("n", 120, 0));
    DisplayData data = new Display().render(table);
    String html = (String) data.getData(MIMEType.TEXT_HTML);
    assertEquals(Display.TABLE_ROWS + 1, html.split("<tr>", -1).length - 1);
    assertTrue(html.endsWith("<p>showing 50 of 120 rows</p></div>"), html);
    String text = (String) data.getData(MIMEType.TEXT_PLAIN);
    assertTrue(text.startsWith("many: 120 rows, 1 column\n n\n--\n 0\n 1\n"), text);
    assertTrue(text.endsWith("\n18\n19\n... 100 more rows"), text);
  }

  @Test
  void figureIsPlotlyJsonWithHtmlThatLoadsPlotlyJsFromTheKernelspecInsteadOfCarryingIt() {
    Display display = new Display();
    Figure figure = Charts.unavailable("Hourly activity", "this input has no timestamps");
    DisplayData first = display.render(figure);
    DisplayData second = display.render(figure);
    JsonObject json = (JsonObject) first.getData(MIMEType.parse(Figure.MIME_TYPE));
    assertTrue(json.has("data") && json.has("layout"));
    String html = (String) first.getData(MIMEType.TEXT_HTML);
    assertFalse(html.contains("plotly.js v"), "plotly.js itself is not in the output");
    assertTrue(html.contains("\"kernelspecs/" + KernelSpec.NAME + "/" + KernelSpec.PLOTLY_FILE + "\""), html);
    assertTrue(html.length() < 10_000, "a chart's HTML is its figure and a small loader: " + html.length());
    assertFalse(html.equals(second.getData(MIMEType.TEXT_HTML)), "each chart draws into its own element");
    assertEquals(figure.toString(), second.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void otherValuesAreTheirText() {
    record Pair(String name, int count) {}
    assertEquals("Pair[name=a, count=1]", new Display().render(new Pair("a", 1)).getData(MIMEType.TEXT_PLAIN));
    assertEquals("null", new Display().render(null).getData(MIMEType.TEXT_PLAIN));
  }
}
