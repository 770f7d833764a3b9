package dev.customerlens.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customerlens.export.Export;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One chart as data: a Plotly figure ({@code {"data": [...], "layout": {...}}}) that renders in a
 * notebook (as {@code application/vnd.plotly.v1+json}), in an HTML report and as JSON. Immutable.
 */
public final class Figure {
  /** The MIME type Jupyter front ends render with Plotly. */
  public static final String MIME_TYPE = "application/vnd.plotly.v1+json";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong IDS = new AtomicLong();

  private final String title;
  private final ObjectNode spec;
  private final String unavailableReason;

  /** The title is the layout's, so what a reader sees and what {@link #title()} says cannot differ. */
  Figure(ArrayNode data, ObjectNode layout, String unavailableReason) {
    this.title = Objects.requireNonNull(layout.path("title").path("text").textValue(), "a figure needs a title");
    ObjectNode figure = JSON.createObjectNode();
    figure.set("data", data.deepCopy());
    figure.set("layout", layout.deepCopy());
    this.spec = figure;
    this.unavailableReason = unavailableReason;
  }

  public String title() {
    return title;
  }

  /** Whether the chart has data, or is a panel explaining why there is none. */
  public boolean available() {
    return unavailableReason == null;
  }

  /** Why there is no data (for example "this input has no timestamps"); null when available. */
  public String unavailableReason() {
    return unavailableReason;
  }

  /** A copy of the Plotly figure as a JSON tree. */
  public JsonNode toJsonNode() {
    return spec.deepCopy();
  }

  /** The Plotly figure as JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The figure as JSON that is safe inside an HTML {@code <script>}: {@code < > &} and the JavaScript
   * line separators are written as \\u escapes, so data such as {@code </script>} cannot end the script.
   */
  public String toScriptSafeJson() {
    return scriptSafe(toJson());
  }

  public static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  /**
   * An HTML fragment that draws the figure: a div and a script calling {@code Plotly.newPlot}. With
   * {@code includePlotlyJs} the fragment carries the whole library (about 4.8 MB) and needs nothing
   * else; without it, the page must already define {@code Plotly}.
   */
  public String toHtml(boolean includePlotlyJs) {
    String id = "lens-figure-" + IDS.incrementAndGet();
    return (includePlotlyJs ? PlotlyJs.scriptTag() : "")
        + "<div id=\"" + id + "\" class=\"lens-figure\" data-title=\"" + Html.escape(title) + "\"></div>"
        + "<script>(function(){var f=" + toScriptSafeJson() + ";"
        + "Plotly.newPlot(\"" + id + "\",f.data,f.layout,{responsive:true,displaylogo:false});})();</script>";
  }

  /** A whole offline HTML page with just this figure. */
  public String toHtmlPage() {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + Html.escape(title)
        + "</title></head><body>" + toHtml(true) + "</body></html>";
  }

  /** Writes {@link #toHtmlPage()} to a file (atomically), to open in a browser; returns the file. */
  public Path write(Path file) {
    return Export.atomically(file, out -> out.write(toHtmlPage()));
  }

  /**
   * One line, with how to see the chart: jshell shows a value as its text, and a figure's JSON or
   * HTML would be cut at 1,000 characters without drawing anything.
   */
  @Override
  public String toString() {
    String state = available() ? spec.path("data").size() + " trace" + (spec.path("data").size() == 1 ? "" : "s")
        : "unavailable: " + unavailableReason;
    return "Figure: " + title + " (" + state + "); draws in a notebook, or .write(Path.of(\"exports/chart.html\")) "
        + "and open the file";
  }
}
