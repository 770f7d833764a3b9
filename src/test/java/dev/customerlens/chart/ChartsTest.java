package dev.customerlens.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.CustomerAnalytics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChartsTest {
  private static final CustomerAnalytics SAMPLE = CustomerAnalytics.sample();

  private static List<Figure> overview() {
    return List.of(Charts.categoryDistribution(SAMPLE), Charts.personaShare(SAMPLE), Charts.valueByPersona(SAMPLE),
        Charts.spendByPersona(SAMPLE), Charts.churnVsValue(SAMPLE), Charts.ageBandByPersona(SAMPLE),
        Charts.priorityCounts(SAMPLE));
  }

  @Test
  void everyChartHasATitleObjectAndTitledAxes() {
    for (Figure figure : overview()) {
      JsonNode layout = figure.toJsonNode().get("layout");
      assertEquals(figure.title(), layout.get("title").get("text").asText(), "plotly.js 3 needs the object form");
      for (String axis : List.of("xaxis", "yaxis")) {
        if (layout.has(axis)) assertFalse(layout.get(axis).get("title").get("text").asText().isBlank(), figure.title());
      }
      assertTrue(figure.available());
      assertFalse(figure.toJsonNode().get("data").isEmpty(), figure.title());
    }
  }

  @Test
  void moneyAndProbabilityAxesAreFormattedAsDollarsAndPercent() {
    JsonNode layout = Charts.churnVsValue(SAMPLE).toJsonNode().get("layout");
    assertEquals(".0%", layout.get("xaxis").get("tickformat").asText());
    assertTrue(layout.get("yaxis").get("tickformat").asText().startsWith("$"));
  }

  @Test
  void personaShareCountsEveryCustomerOnceInRuleOrder() {
    JsonNode pie = Charts.personaShare(SAMPLE).toJsonNode().get("data").get(0);
    double total = 0;
    for (JsonNode v : pie.get("values")) total += v.asDouble();
    assertEquals(3900, total);
    assertEquals(SAMPLE.rules().names().get(0), pie.get("labels").get(0).asText());
  }

  @Test
  void personasKeepTheirColourFromChartToChart() {
    JsonNode pie = Charts.personaShare(SAMPLE).toJsonNode().get("data").get(0);
    JsonNode boxes = Charts.spendByPersona(SAMPLE).toJsonNode().get("data");
    for (JsonNode box : boxes) {
      int index = -1;
      for (int i = 0; i < pie.get("labels").size(); i++) {
        if (pie.get("labels").get(i).asText().equals(box.get("name").asText())) index = i;
      }
      assertEquals(pie.get("marker").get("colors").get(index).asText(), box.get("marker").get("color").asText());
    }
  }

  @Test
  void aBoxOfMoreCustomersThanAreDrawnCarriesItsStatisticsInsteadOfItsValues() {
    JsonNode figure = Charts.spendByPersona(SAMPLE, 100).toJsonNode();
    assertEquals("Quartiles of 3,900 customers' amounts; outliers not drawn",
        figure.get("layout").get("title").get("subtitle").get("text").asText());
    var scored = SAMPLE.analysis().scored();
    for (JsonNode box : figure.get("data")) {
      String persona = box.get("name").asText();
      double[] amounts = scored.where(scored.stringColumn("persona").isEqualTo(persona)).doubleColumn("amount").asDoubleArray();
      assertFalse(box.has("y"), persona + ": no values");
      BoxStatistics stats = BoxStatistics.of(amounts);
      assertEquals(stats.q1(), box.get("q1").get(0).asDouble());
      assertEquals(stats.median(), box.get("median").get(0).asDouble());
      assertEquals(stats.q3(), box.get("q3").get(0).asDouble());
      assertEquals(stats.lowerFence(), box.get("lowerfence").get(0).asDouble());
      assertEquals(stats.upperFence(), box.get("upperfence").get(0).asDouble());
      assertEquals(stats.mean(), box.get("mean").get(0).asDouble());
    }
  }

  @Test
  void boxesOfAFewCustomersDrawTheirValuesAndOutliers() {
    for (JsonNode box : Charts.spendByPersona(SAMPLE).toJsonNode().get("data")) {
      assertEquals("outliers", box.get("boxpoints").asText());
      assertFalse(box.has("q1"));
    }
    assertEquals(3900, Charts.spendByPersona(SAMPLE).toJsonNode().get("data").findValues("y").stream()
        .mapToInt(JsonNode::size).sum());
  }

  @Test
  void aScatterOfMoreCustomersThanAreDrawnDrawsASampleOfThemAndSaysSo() {
    JsonNode figure = Charts.churnVsValue(SAMPLE, 100).toJsonNode();
    assertEquals("A random 100 of 3,900 customers", figure.get("layout").get("title").get("subtitle").get("text").asText());
    var scored = SAMPLE.analysis().scored();
    Map<String, Integer> row = new java.util.HashMap<>();
    for (int i = 0; i < scored.rowCount(); i++) row.put(scored.stringColumn("customer_id").get(i), i);
    int points = 0;
    for (JsonNode trace : figure.get("data")) {
      for (int k = 0; k < trace.get("x").size(); k++) {
        int i = row.get(trace.get("customdata").get(k).asText());
        assertEquals(trace.get("name").asText(), scored.stringColumn("persona").get(i), "each point in its persona's trace");
        assertEquals(Math.round(scored.doubleColumn("churn_risk").get(i) * 10000) / 10000.0, trace.get("x").get(k).asDouble());
        points++;
      }
    }
    assertEquals(100, points);
    assertEquals(3900, Charts.churnVsValue(SAMPLE).toJsonNode().get("data").findValues("x").stream()
        .mapToInt(JsonNode::size).sum(), "at the embedded size every customer is drawn");
  }

  @Test
  void randomRowsAreEveryRowUpToTheLimitElseExactlyTheLimitSpreadEvenly() {
    assertEquals(List.of(0, 1, 2), java.util.Arrays.stream(Charts.randomRows(3, 5)).boxed().toList());
    int[] rows = Charts.randomRows(1_000_000, 10_000);
    assertEquals(10_000, rows.length);
    int[] perTenth = new int[10];
    for (int k = 0; k < rows.length; k++) {
      if (k > 0) assertTrue(rows[k] > rows[k - 1], "distinct, in row order");
      perTenth[rows[k] / 100_000]++;
    }
    // Binomial(10,000, 0.1) per tenth of the rows: 1,000 ± 30; 150 is five deviations.
    for (int count : perTenth) assertTrue(Math.abs(count - 1000) < 150, java.util.Arrays.toString(perTenth));
    assertEquals(java.util.Arrays.toString(rows), java.util.Arrays.toString(Charts.randomRows(1_000_000, 10_000)),
        "the same rows every time");
  }

  @Test
  void ageBandHeatmapRunsInNaturalOrderNotTextOrder() {
    JsonNode layout = Charts.ageBandByPersona(SAMPLE).toJsonNode().get("layout");
    List<String> bands = new ArrayList<>();
    layout.get("yaxis").get("categoryarray").forEach(b -> bands.add(b.asText()));
    assertEquals(List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+"), bands);
    assertEquals("array", layout.get("yaxis").get("categoryorder").asText());
  }

  @Test
  void timeChartsAreUnavailablePanelsWithoutDataOnATableWithoutTimestamps() {
    List<Figure> panel = Charts.customerPanel(CustomerAnalytics.of(dev.customerlens.data.Dataset.embedded()), "101");
    assertEquals(4, panel.size());
    assertTrue(panel.get(0).available(), "the category mix comes from the table itself");
    for (Figure figure : panel.subList(1, 4)) {
      assertFalse(figure.available(), figure.title());
      assertTrue(figure.unavailableReason().contains("no timestamps"));
      assertEquals(0, figure.toJsonNode().get("data").size(), "no invented values");
      assertTrue(figure.toJson().contains("Unavailable: this input has no timestamps"));
    }
  }

  @Test
  void jsonForAScriptCannotCloseTheScript() throws Exception {
    Figure figure = Charts.unavailable("Title </script><script>alert(1)</script>", "a & b");
    String safe = figure.toScriptSafeJson();
    assertFalse(safe.contains("<") || safe.contains(">") || safe.contains("&"), safe);
    assertEquals(new ObjectMapper().readTree(figure.toJson()), new ObjectMapper().readTree(safe), "same data");
  }

  @Test
  void htmlPageInlinesPlotlyAndNeedsNoNetwork() {
    String page = Charts.personaShare(SAMPLE).toHtmlPage();
    assertTrue(page.contains("plotly.js v" + PlotlyJs.VERSION));
    String ours = page.replace(PlotlyJs.scriptTag(), "");
    assertFalse(ours.contains("http"), "nothing of ours points at the network: " + ours);
  }

  @Test
  void activityHeatmapRunsMondayToSundayAndMidnightToElevenPm() {
    JsonNode figure = Charts.activityHeatmap(SAMPLE).toJsonNode();
    JsonNode trace = figure.get("data").get(0);
    assertEquals("Monday", trace.get("y").get(0).asText());
    assertEquals("Sunday", trace.get("y").get(6).asText());
    assertEquals("00:00", trace.get("x").get(0).asText());
    assertEquals("10:00", trace.get("x").get(10).asText());
    assertEquals("array", figure.get("layout").get("xaxis").get("categoryorder").asText());
    long total = 0;
    for (JsonNode day : trace.get("z")) for (JsonNode n : day) total += n.asLong();
    assertEquals(SAMPLE.events().orElseThrow().rowCount(), total);
  }

  @Test
  void funnelShowsTheLogsViewsCartsAndPurchases() {
    JsonNode trace = Charts.conversionFunnel(SAMPLE).toJsonNode().get("data").get(0);
    assertEquals("funnel", trace.get("type").asText());
    var summary = SAMPLE.events().orElseThrow().summary();
    assertEquals(summary.views(), trace.get("x").get(0).asLong());
    assertEquals(summary.carts(), trace.get("x").get(1).asLong());
  }

  @Test
  void customerPanelIsDrawnFromTheEventLogWhenThereIsOne() throws Exception {
    List<Figure> panel = Charts.customerPanel(SAMPLE, "101");
    assertEquals(List.of("Category mix of customers like 101", "Activity by weekday and hour",
        "Interest over the last 30 days", "Conversion funnel"), panel.stream().map(Figure::title).toList());
    for (Figure figure : panel) assertTrue(figure.available(), figure.title());
    // Customer 101's own lines of the embedded log, counted here from the file itself.
    Map<String, Long> events = Files.readAllLines(Path.of("data/events.csv")).stream()
        .map(line -> line.split(",", -1)).filter(cells -> cells[0].equals("101"))
        .collect(Collectors.groupingBy(cells -> cells[2], Collectors.counting()));
    long all = events.values().stream().mapToLong(Long::longValue).sum();
    assertTrue(all > 0, "101 has events in the embedded log");
    JsonNode funnel = panel.get(3).toJsonNode().path("data").get(0).path("x");
    assertEquals(List.of(events.get("view"), events.get("cart"), events.get("purchase")),
        List.of(funnel.get(0).asLong(), funnel.get(1).asLong(), funnel.get(2).asLong()));
    long inHeatmap = 0;
    for (JsonNode weekday : panel.get(1).toJsonNode().path("data").get(0).path("z")) {
      for (JsonNode hour : weekday) inHeatmap += hour.asLong();
    }
    assertEquals(all, inHeatmap, "every event of 101 is in one weekday-hour cell");
  }
}
