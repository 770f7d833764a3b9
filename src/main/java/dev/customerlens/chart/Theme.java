package dev.customerlens.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The one look of every chart: palette, font, titles as objects (plotly.js 3 ignores plain-string
 * titles), generous margins, a legend under the plot so it fits a phone-width screen.
 */
final class Theme {
  static final String FONT = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  static final String TEXT = "#1f2933";
  static final String MUTED = "#6b7785";
  static final String GRID = "#e4e8ec";

  /** Colour-blind-safe qualitative palette (Okabe-Ito, reordered for contrast between neighbours). */
  static final List<String> PALETTE = List.of(
      "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F", "#F0E442", "#000000");

  /** High, Medium, Low: urgency from warm to cool. */
  static final List<String> PRIORITY = List.of("#C0392B", "#E69F00", "#56B4E9");

  /** Sequential scale for counts, light to dark blue. */
  static final String SEQUENTIAL = "Blues";

  private Theme() {}

  static String color(int index) {
    return PALETTE.get(index % PALETTE.size());
  }

  static ObjectNode layout(String title) {
    ObjectNode layout = Figure.JSON.createObjectNode();
    ObjectNode titleNode = layout.putObject("title");
    titleNode.put("text", title);
    titleNode.put("x", 0.02);
    titleNode.put("xanchor", "left");
    titleNode.putObject("font").put("size", 17).put("color", TEXT);
    layout.putObject("font").put("family", FONT).put("size", 13).put("color", TEXT);
    layout.put("paper_bgcolor", "#ffffff");
    layout.put("plot_bgcolor", "#ffffff");
    layout.put("autosize", true);
    layout.putObject("margin").put("l", 64).put("r", 24).put("t", 64).put("b", 56);
    ObjectNode legend = layout.putObject("legend");
    legend.put("orientation", "h");
    legend.put("y", -0.2);
    legend.put("x", 0);
    layout.putObject("hoverlabel").put("bgcolor", "#ffffff").putObject("font").put("family", FONT);
    ArrayNode colorway = layout.putArray("colorway");
    PALETTE.forEach(colorway::add);
    return layout;
  }

  /** A line under the title, for what the reader must know about what is drawn (a sample, a summary). */
  static void subtitle(ObjectNode layout, String text) {
    ((ObjectNode) layout.get("title")).putObject("subtitle").put("text", text).putObject("font").put("size", 12)
        .put("color", TEXT);
    ((ObjectNode) layout.get("margin")).put("t", 84);
  }

  /** An axis with a title (as an object) and, optionally, a tick format such as "$,.0f" or ".0%". */
  static ObjectNode axis(ObjectNode layout, String name, String title, String tickFormat) {
    ObjectNode axis = layout.putObject(name);
    axis.putObject("title").put("text", title);
    axis.put("gridcolor", GRID);
    axis.put("zerolinecolor", GRID);
    axis.put("automargin", true);
    if (tickFormat != null) axis.put("tickformat", tickFormat);
    if (name.equals("xaxis")) {
      // Leave room under the x-axis title for the legend, which sits below the plot.
      ((ObjectNode) layout.get("legend")).put("y", -0.32).put("yanchor", "top");
      ((ObjectNode) layout.get("margin")).put("b", 72);
    }
    return axis;
  }
}
