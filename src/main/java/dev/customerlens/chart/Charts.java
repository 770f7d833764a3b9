package dev.customerlens.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customerlens.analysis.CustomerAnalysis;
import dev.customerlens.analysis.HasAnalysis;
import dev.customerlens.data.Features;
import dev.customerlens.events.ActivityHeatmap;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.Funnel;
import dev.customerlens.events.InterestTrend;
import dev.customerlens.recommend.Priority;
import dev.customerlens.recommend.RecommendationType;
import dev.customerlens.timeline.Migration;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every chart of the workspace, one static method each, as {@link Figure}s drawn from the analysis's
 * own numbers. Personas keep one colour in every chart (their rule order picks it). Charts that need
 * data the input lacks come back as an "unavailable" panel that says why, never with invented values.
 *
 * <pre>{@code
 * var a = CustomerAnalytics.sample();
 * Charts.personaShare(a);             // renders in a notebook; .toJson() for Plotly, .toHtmlPage() offline
 * }</pre>
 */
public final class Charts {
  private Charts() {}

  /** Share of customers per category, as a donut. */
  public static Figure categoryDistribution(HasAnalysis a) {
    Map<String, Integer> counts = largestWithOthers(countBy(a.analysis().scored().stringColumn("category")), CATEGORY_SLICES);
    ObjectNode trace = donut(counts.keySet(), counts.values(), null);
    trace.put("hovertemplate", "%{label}<br>%{value:,} customers (%{percent})<extra></extra>");
    return new Figure(array(trace), Theme.layout("Purchases by category"), null);
  }

  /** A donut stays readable up to about a dozen slices; a log's product descriptions run to thousands. */
  private static final int CATEGORY_SLICES = 12;

  /** The {@code keep - 1} largest counts, and the rest summed as "all others (N categories)". */
  private static Map<String, Integer> largestWithOthers(Map<String, Integer> counts, int keep) {
    if (counts.size() <= keep) return counts;
    List<Map.Entry<String, Integer>> sorted = new java.util.ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    Map<String, Integer> out = new LinkedHashMap<>();
    int others = 0;
    for (int i = 0; i < sorted.size(); i++) {
      if (i < keep - 1) out.put(sorted.get(i).getKey(), sorted.get(i).getValue());
      else others += sorted.get(i).getValue();
    }
    out.put("all others (" + (sorted.size() - keep + 1) + " categories)", others);
    return out;
  }

  /** Share of customers per persona, as a donut in persona colours. */
  public static Figure personaShare(HasAnalysis a) {
    Table personas = a.analysis().personas();
    List<String> names = personas.stringColumn("persona").asList();
    List<Integer> counts = personas.intColumn("customers").asList();
    ObjectNode trace = donut(names, counts, personaColors(a, names));
    trace.put("hovertemplate", "%{label}<br>%{value:,} customers (%{percent})<extra></extra>");
    return new Figure(array(trace), Theme.layout("Customers by persona"), null);
  }

  /** Estimated lifetime value per persona: total as bars, average per customer on hover. */
  public static Figure valueByPersona(HasAnalysis a) {
    Table scored = a.analysis().scored();
    List<String> names = a.analysis().rules().names();
    Map<String, double[]> totals = new LinkedHashMap<>();
    names.forEach(n -> totals.put(n, new double[2]));
    StringColumn persona = scored.stringColumn("persona");
    DoubleColumn clv = scored.doubleColumn("clv");
    for (int i = 0; i < scored.rowCount(); i++) {
      double[] t = totals.get(persona.get(i));
      t[0] += clv.getDouble(i);
      t[1]++;
    }
    ObjectNode trace = Figure.JSON.createObjectNode().put("type", "bar");
    ArrayNode x = trace.putArray("x");
    ArrayNode y = trace.putArray("y");
    ArrayNode average = trace.putArray("customdata");
    totals.forEach((name, t) -> {
      x.add(label(name));
      y.add(round(t[0]));
      average.add(t[1] == 0 ? 0 : round(t[0] / t[1]));
    });
    trace.set("marker", Figure.JSON.createObjectNode().set("color", colorArray(personaColors(a, names))));
    trace.put("hovertemplate", "%{x}<br>Total lifetime value %{y:$,.0f}<br>%{customdata:$,.0f} per customer<extra></extra>");
    ObjectNode layout = Theme.layout("Lifetime value by persona (3 yrs, modelled)");
    Theme.axis(layout, "xaxis", "Persona", null);
    Theme.axis(layout, "yaxis", "Lifetime value", "$~s");
    return new Figure(array(trace), layout, null);
  }

  /**
   * Up to this many customers a chart draws every one; beyond, a browser would be handed megabytes
   * of points it cannot draw, so a box plot gives its statistics instead of its values and a scatter
   * draws a random sample of this many, saying so.
   */
  static final int DRAWN_POINTS = 10_000;

  /** Order amounts per persona, as box plots. */
  public static Figure spendByPersona(HasAnalysis a) {
    return spendByPersona(a, DRAWN_POINTS);
  }

  static Figure spendByPersona(HasAnalysis a, int drawnPoints) {
    Table scored = a.analysis().scored();
    ArrayNode data = Figure.JSON.createArrayNode();
    List<String> names = a.analysis().rules().names();
    Map<String, DoubleArrayList> values = new LinkedHashMap<>();
    names.forEach(n -> values.put(n, new DoubleArrayList()));
    StringColumn persona = scored.stringColumn("persona");
    DoubleColumn amount = scored.doubleColumn("amount");
    for (int i = 0; i < scored.rowCount(); i++) {
      // A customer without an order (a log's browser) has no amount to place in a box.
      if (!amount.isMissing(i)) values.get(persona.get(i)).add(amount.getDouble(i));
    }
    // One way for every box of the chart, so that outlier points are either shown for all or for none.
    int drawable = values.values().stream().mapToInt(DoubleArrayList::size).sum();
    boolean summarised = drawable > drawnPoints;
    for (int p = 0; p < names.size(); p++) {
      DoubleArrayList amounts = values.get(names.get(p));
      if (amounts.isEmpty()) continue;
      String name = label(names.get(p));
      ObjectNode box = data.addObject().put("type", "box").put("name", name);
      if (!summarised) {
        ArrayNode y = box.putArray("y");
        amounts.forEach(y::add);
        box.put("boxpoints", "outliers");
      } else {
        BoxStatistics stats = BoxStatistics.of(amounts.toDoubleArray());
        box.putArray("x").add(name);
        box.putArray("q1").add(stats.q1());
        box.putArray("median").add(stats.median());
        box.putArray("q3").add(stats.q3());
        box.putArray("lowerfence").add(stats.lowerFence());
        box.putArray("upperfence").add(stats.upperFence());
        box.putArray("mean").add(stats.mean());
      }
      box.put("boxmean", true);
      box.putObject("marker").put("color", Theme.color(p));
      box.put("hovertemplate", "%{y:$,.2f}<extra>" + name + "</extra>");
    }
    ObjectNode layout = Theme.layout("Order amount by persona");
    if (summarised) {
      Theme.subtitle(layout, String.format(Locale.ROOT, "Quartiles of %,d customers' amounts; outliers not drawn",
          drawable));
    }
    Theme.axis(layout, "xaxis", "Persona", null);
    Theme.axis(layout, "yaxis", "Purchase amount", "$,.0f");
    layout.put("showlegend", false);
    return new Figure(data, layout, null);
  }

  /** Each customer's churn risk against lifetime value, coloured by persona. */
  public static Figure churnVsValue(HasAnalysis a) {
    return churnVsValue(a, DRAWN_POINTS);
  }

  static Figure churnVsValue(HasAnalysis a, int drawnPoints) {
    Table scored = a.analysis().scored();
    List<String> names = a.analysis().rules().names();
    StringColumn persona = scored.stringColumn("persona");
    StringColumn ids = scored.stringColumn("customer_id");
    DoubleColumn churn = scored.doubleColumn("churn_risk");
    DoubleColumn clv = scored.doubleColumn("clv");
    int[] drawn = randomRows(scored.rowCount(), drawnPoints);
    ArrayNode data = Figure.JSON.createArrayNode();
    for (int p = 0; p < names.size(); p++) {
      ObjectNode trace = Figure.JSON.createObjectNode().put("type", "scatter").put("mode", "markers")
          .put("name", label(names.get(p)));
      ArrayNode x = trace.putArray("x");
      ArrayNode y = trace.putArray("y");
      ArrayNode id = trace.putArray("customdata");
      for (int i : drawn) {
        if (!persona.get(i).equals(names.get(p))) continue;
        x.add(Math.round(churn.getDouble(i) * 10000) / 10000.0);
        y.add(round(clv.getDouble(i)));
        id.add(label(ids.get(i)));
      }
      if (x.isEmpty()) continue;
      trace.putObject("marker").put("color", Theme.color(p)).put("size", 6).put("opacity", 0.65);
      trace.put("hovertemplate", "Customer %{customdata}<br>Churn risk %{x:.0%}<br>Lifetime value %{y:$,.0f}"
          + "<extra>%{fullData.name}</extra>");
      data.add(trace);
    }
    ObjectNode layout = Theme.layout("Churn risk vs lifetime value (" + a.analysis().basis() + ")");
    if (drawn.length < scored.rowCount()) {
      Theme.subtitle(layout, String.format(Locale.ROOT, "A random %,d of %,d customers", drawn.length, scored.rowCount()));
    }
    Theme.axis(layout, "xaxis", "Churn risk", ".0%");
    Theme.axis(layout, "yaxis", "Estimated lifetime value (" + a.analysis().predictor().clvYears() + " years)", "$~s");
    return new Figure(data, layout, null);
  }

  /**
   * Every row when there are at most {@code limit}; else {@code limit} rows chosen uniformly at
   * random, each set equally likely (Knuth's selection sampling), in row order. The seed is fixed, so
   * the same base draws the same points in every report.
   */
  static int[] randomRows(int rows, int limit) {
    if (rows <= limit) return java.util.stream.IntStream.range(0, rows).toArray();
    SplittableRandom random = new SplittableRandom(RANDOM_ROWS_SEED);
    int[] chosen = new int[limit];
    int taken = 0;
    for (int row = 0; row < rows && taken < limit; row++) {
      if (random.nextDouble() * (rows - row) < limit - taken) chosen[taken++] = row;
    }
    return chosen;
  }

  private static final long RANDOM_ROWS_SEED = 20_240_601L;

  /** Customers per age band and persona, bands in natural order. */
  public static Figure ageBandByPersona(HasAnalysis a) {
    Table scored = a.analysis().scored();
    if (!scored.containsColumn(Features.AGE_BAND)) {
      return unavailable("Age band by persona", "these customers have no ages: they were derived from "
          + a.analysis().dataset().source() + ", and a log records what customers did, not who they are");
    }
    List<String> names = a.analysis().rules().names();
    StringColumn persona = scored.stringColumn("persona");
    StringColumn band = scored.stringColumn(Features.AGE_BAND);
    int[][] counts = new int[Features.AGE_BANDS.size()][names.size()];
    for (int i = 0; i < scored.rowCount(); i++) {
      counts[Features.AGE_BANDS.indexOf(band.get(i))][names.indexOf(persona.get(i))]++;
    }
    ObjectNode trace = Figure.JSON.createObjectNode().put("type", "heatmap").put("uid", "age-band-by-persona");
    ArrayNode x = trace.putArray("x");
    names.forEach(n -> x.add(label(n)));
    ArrayNode y = trace.putArray("y");
    ArrayNode z = trace.putArray("z");
    for (int b = 0; b < counts.length; b++) {
      int total = 0;
      for (int c : counts[b]) total += c;
      if (total == 0) continue;
      y.add(Features.AGE_BANDS.get(b));
      ArrayNode row = z.addArray();
      for (int c : counts[b]) row.add(c);
    }
    trace.put("colorscale", Theme.SEQUENTIAL).put("reversescale", true);
    trace.put("texttemplate", "%{z}");
    trace.put("hovertemplate", "Age %{y} · %{x}<br>%{z:,} customers<extra></extra>");
    trace.putObject("colorbar").putObject("title").put("text", "Customers");
    ObjectNode layout = Theme.layout("Age band by persona");
    Theme.axis(layout, "xaxis", "Persona", null).put("categoryorder", "array").set("categoryarray", x.deepCopy());
    Theme.axis(layout, "yaxis", "Age band", null).put("categoryorder", "array").set("categoryarray", y.deepCopy());
    return new Figure(array(trace), layout, null);
  }

  /** Recommendations per priority, stacked by type. */
  public static Figure priorityCounts(HasAnalysis a) {
    int[][] counts = a.analysis().recommendationCounts();
    ArrayNode data = Figure.JSON.createArrayNode();
    RecommendationType[] types = RecommendationType.values();
    for (int t = 0; t < types.length; t++) {
      ObjectNode trace = data.addObject().put("type", "bar").put("name", types[t].label());
      ArrayNode x = trace.putArray("x");
      ArrayNode y = trace.putArray("y");
      for (Priority p : Priority.values()) {
        x.add(p.label());
        y.add(counts[p.ordinal()][t]);
      }
      trace.putObject("marker").put("color", Theme.color(t));
      trace.put("hovertemplate", "%{x} priority<br>%{y:,} " + types[t].label() + " recommendations<extra></extra>");
    }
    ObjectNode layout = Theme.layout("Recommendations by priority");
    layout.put("barmode", "stack");
    Theme.axis(layout, "xaxis", "Priority", null);
    Theme.axis(layout, "yaxis", "Recommendations", ",d");
    return new Figure(data, layout, null);
  }

  /** The per-customer panel of the original dashboard: category mix, hourly activity, interest trend, funnel. */
  public static List<Figure> customerPanel(HasAnalysis a, String customerId) {
    CustomerAnalysis analysis = a.analysis().customer(customerId);
    var visuals = analysis.visualData();
    List<Figure> panel = new ArrayList<>();
    panel.add(customerCategoryMix(analysis));
    panel.add(visuals.hourlyActivityHeatmap().data() instanceof ActivityHeatmap h
        ? heatmap("Activity by weekday and hour", h)
        : unavailable("Activity by weekday and hour", visuals.hourlyActivityHeatmap().reason()));
    panel.add(visuals.interestTrend().data() instanceof InterestTrend t
        ? trend("Interest over the last 30 days", t)
        : unavailable("Interest over the last 30 days", visuals.interestTrend().reason()));
    panel.add(visuals.conversionFunnel().data() instanceof Funnel f
        ? funnel("Conversion funnel", f)
        : unavailable("Conversion funnel", visuals.conversionFunnel().reason()));
    return panel;
  }

  /** Events of the whole base by weekday and hour, or why there are none. */
  public static Figure activityHeatmap(HasAnalysis a) {
    String title = "Activity by weekday and hour, all customers";
    if (a.analysis().events().isEmpty()) return unavailable(title, NO_LOG);
    ActivityHeatmap heatmap = a.analysis().events().get().log().activityHeatmap();
    return heatmap.available() ? heatmap(title, heatmap) : unavailable(title, heatmap.reason());
  }

  /** Daily events per category over the last 30 days of the log, or why there are none. */
  public static Figure interestTrend(HasAnalysis a) {
    String title = "Interest over the last 30 days, all customers";
    if (a.analysis().events().isEmpty()) return unavailable(title, NO_LOG);
    EventLog log = a.analysis().events().get().log();
    return trend(title, log.interestTrend(log.lastDate()));
  }

  /** Views, carts and purchases of the whole base, or why there is no funnel. */
  public static Figure conversionFunnel(HasAnalysis a) {
    String title = "Conversion funnel, all customers";
    if (a.analysis().events().isEmpty()) return unavailable(title, NO_LOG + "; a funnel also needs view and cart events");
    Funnel funnel = a.analysis().events().get().log().funnel();
    return funnel.available() ? funnel(title, funnel) : unavailable(title, funnel.reason());
  }

  private static final String NO_LOG = "this input has no timestamps: load an event or transaction log";

  private static Figure heatmap(String title, ActivityHeatmap heatmap) {
    ObjectNode trace = Figure.JSON.createObjectNode().put("type", "heatmap").put("uid", "activity-" + title.hashCode());
    ArrayNode hours = trace.putArray("x");
    heatmap.hours().forEach(h -> hours.add(String.format(java.util.Locale.ROOT, "%02d:00", h)));
    ArrayNode days = trace.putArray("y");
    heatmap.weekdays().forEach(days::add);
    ArrayNode z = trace.putArray("z");
    for (List<Integer> day : heatmap.counts()) {
      ArrayNode row = z.addArray();
      day.forEach(row::add);
    }
    trace.put("colorscale", Theme.SEQUENTIAL).put("reversescale", true);
    trace.put("hovertemplate", "%{y} %{x}<br>%{z:,} events<extra></extra>");
    trace.putObject("colorbar").putObject("title").put("text", "Events");
    ObjectNode layout = Theme.layout(title);
    // Hours and weekdays in their natural order, Monday on top, never sorted as text.
    Theme.axis(layout, "xaxis", "Hour of day", null).put("categoryorder", "array").set("categoryarray", hours.deepCopy());
    Theme.axis(layout, "yaxis", "Weekday", null).put("categoryorder", "array").put("autorange", "reversed")
        .set("categoryarray", days.deepCopy());
    return new Figure(array(trace), layout, null);
  }

  private static Figure trend(String title, InterestTrend trend) {
    ArrayNode data = Figure.JSON.createArrayNode();
    List<InterestTrend.Series> series = new ArrayList<>(trend.categories());
    if (series.isEmpty()) series.add(new InterestTrend.Series("All events", trend.total()));
    for (int i = 0; i < series.size(); i++) {
      ObjectNode line = data.addObject().put("type", "scatter").put("mode", "lines+markers")
          .put("name", label(series.get(i).category()));
      ArrayNode x = line.putArray("x");
      trend.dates().forEach(x::add);
      ArrayNode y = line.putArray("y");
      series.get(i).counts().forEach(y::add);
      line.putObject("line").put("color", Theme.color(i)).put("width", 2);
      line.putObject("marker").put("size", 4);
      line.put("hovertemplate", "%{x|%a %d %b}<br>%{y:,} events<extra>%{fullData.name}</extra>");
    }
    ObjectNode layout = Theme.layout(title);
    Theme.axis(layout, "xaxis", "Day (to " + trend.asOf() + ")", "%d %b").put("type", "date");
    ObjectNode counts = Theme.axis(layout, "yaxis", "Events a day", ",d").put("rangemode", "tozero");
    int most = series.stream().flatMap(c -> c.counts().stream()).mapToInt(Integer::intValue).max().orElse(0);
    // Whole-number ticks: left to itself Plotly puts fractional ticks on small counts, shown rounded as 0 0 1 1.
    if (most < 10) counts.put("dtick", 1);
    return new Figure(data, layout, null);
  }

  private static Figure funnel(String title, Funnel funnel) {
    ObjectNode trace = Figure.JSON.createObjectNode().put("type", "funnel");
    trace.putArray("y").add("Viewed").add("Added to cart").add("Purchased");
    trace.putArray("x").add(funnel.views()).add(funnel.carts()).add(funnel.purchases());
    trace.put("textinfo", "value+percent initial");
    trace.putObject("marker").set("color", colorArray(List.of(Theme.color(0), Theme.color(1), Theme.color(2))));
    trace.put("hovertemplate", "%{y}<br>%{x:,} events (%{percentInitial:.1%} of views)<extra></extra>");
    ObjectNode layout = Theme.layout(title);
    Theme.axis(layout, "yaxis", "Step", null).put("categoryorder", "array")
        .set("categoryarray", trace.get("y").deepCopy());
    layout.put("showlegend", false);
    return new Figure(array(trace), layout, null);
  }

  @SuppressWarnings("unchecked")
  private static Figure customerCategoryMix(CustomerAnalysis analysis) {
    CustomerAnalysis.Visual visual = analysis.visualData().categoryDistribution();
    String title = "Category mix of customers like " + label(analysis.userId());
    if (!"available".equals(visual.status())) return unavailable(title, visual.reason());
    Map<String, Double> mix = (Map<String, Double>) visual.data();
    ObjectNode trace = donut(mix.keySet(), mix.values(), null);
    trace.put("hovertemplate", "%{label}<br>%{value:.1f}% of similar customers<extra></extra>");
    ObjectNode layout = Theme.layout(title);
    ObjectNode note = layout.putArray("annotations").addObject();
    note.put("text", label(analysis.persona().label()) + ", same age band").put("showarrow", false)
        .put("x", 0.5).put("y", -0.15).put("xref", "paper").put("yref", "paper");
    note.putObject("font").put("color", Theme.MUTED).put("size", 12);
    return new Figure(array(trace), layout, null);
  }

  /** A titled panel with no data that says why, in place of a chart. */
  public static Figure unavailable(String title, String reason) {
    ObjectNode layout = Theme.layout(title);
    for (String axis : List.of("xaxis", "yaxis")) {
      layout.putObject(axis).put("visible", false);
    }
    ObjectNode note = layout.putArray("annotations").addObject();
    note.put("text", "Unavailable: " + wrap(label(reason), 34)).put("showarrow", false)
        .put("x", 0.5).put("y", 0.5).put("xref", "paper").put("yref", "paper");
    note.putObject("font").put("color", Theme.MUTED).put("size", 14);
    return new Figure(Figure.JSON.createArrayNode(), layout, reason);
  }

  private static ObjectNode donut(Iterable<String> labels, Iterable<? extends Number> values, List<String> colors) {
    ObjectNode trace = Figure.JSON.createObjectNode().put("type", "pie").put("hole", 0.5).put("sort", false);
    ArrayNode l = trace.putArray("labels");
    labels.forEach(s -> l.add(label(s)));
    ArrayNode v = trace.putArray("values");
    values.forEach(n -> v.add(n.doubleValue()));
    trace.put("textinfo", "percent").put("textposition", "inside");
    if (colors != null) trace.set("marker", Figure.JSON.createObjectNode().set("colors", colorArray(colors)));
    return trace;
  }

  /**
   * Who moved where between two days, as a Sankey diagram: personas at the first day on the left,
   * at the second on the right, each band as wide as its customers, with the spend between the dates
   * and the CLV at the second day on hover. New customers and those without activity are grey.
   */
  public static Figure migration(Migration m) {
    ObjectNode trace = Figure.JSON.createObjectNode().put("type", "sankey").put("arrangement", "snap");
    ObjectNode node = trace.putObject("node");
    ArrayNode labels = node.putArray("label");
    ArrayNode colors = node.putArray("color");
    List<String> nodes = new ArrayList<>();
    for (String state : m.fromStates()) nodes.add("from:" + state);
    for (String state : m.toStates()) nodes.add("to:" + state);
    for (String state : m.fromStates()) {
      labels.add(label(state) + " (" + m.from() + ")");
      colors.add(stateColor(m, state));
    }
    for (String state : m.toStates()) {
      labels.add(label(state) + " (" + m.to() + ")");
      colors.add(stateColor(m, state));
    }
    node.put("pad", 14).put("thickness", 16);
    node.put("hovertemplate", "%{label}<br>%{value:,} customers<extra></extra>");
    ObjectNode link = trace.putObject("link");
    ArrayNode source = link.putArray("source");
    ArrayNode target = link.putArray("target");
    ArrayNode value = link.putArray("value");
    ArrayNode linkColors = link.putArray("color");
    ArrayNode custom = link.putArray("customdata");
    for (Migration.Flow f : m.flows()) {
      source.add(nodes.indexOf("from:" + f.from()));
      target.add(nodes.indexOf("to:" + f.to()));
      value.add(f.customers());
      linkColors.add(stateColor(m, f.from()) + "66");
      custom.addArray().add(round(f.spendBetween())).add(f.clv() == null ? "unavailable" : "$" + String.format(
          java.util.Locale.ROOT, "%,.0f", f.clv()));
    }
    link.put("hovertemplate", "%{source.label} → %{target.label}<br>%{value:,} customers<br>"
        + "spend between the dates %{customdata[0]:$,.0f}<br>CLV at " + m.to() + " %{customdata[1]}<extra></extra>");
    return new Figure(array(trace), Theme.layout("Persona migration, " + m.from() + " to " + m.to()), null);
  }

  /** The days a report's or dashboard's migration looks back over: a quarter. */
  public static final int MIGRATION_DAYS = 91;

  /**
   * The migration of a log's customers over the last quarter of the log, for the report and the
   * dashboard; empty beside a customer table, whose rows carry no dates, or for a log shorter than that.
   */
  public static Optional<Figure> lastQuarterMigration(HasAnalysis a) {
    if (!a.analysis().fromLog() || a.analysis().events().isEmpty()) return Optional.empty();
    EventLog log = a.analysis().events().get().log();
    LocalDate to = log.lastDate();
    LocalDate from = to.minusDays(MIGRATION_DAYS);
    if (from.isBefore(log.firstDate())) return Optional.empty();
    return Optional.of(migration(a.analysis().migration(from, to)));
  }

  private static String stateColor(Migration m, String state) {
    int index = m.personas().indexOf(state);
    return index < 0 ? Theme.MUTED : Theme.color(index);
  }

  private static List<String> personaColors(HasAnalysis a, List<String> names) {
    List<String> all = a.analysis().rules().names();
    return names.stream().map(n -> Theme.color(all.indexOf(n))).toList();
  }

  private static ArrayNode colorArray(List<String> colors) {
    ArrayNode out = Figure.JSON.createArrayNode();
    colors.forEach(out::add);
    return out;
  }

  private static Map<String, Integer> countBy(StringColumn column) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (int i = 0; i < column.size(); i++) counts.merge(column.get(i), 1, Integer::sum);
    return counts;
  }

  private static ArrayNode array(ObjectNode trace) {
    ArrayNode data = Figure.JSON.createArrayNode();
    data.add(trace);
    return data;
  }

  /**
   * Text from the data, made inert for Plotly's label renderer, which reads a few HTML tags such as
   * {@code <b>} and {@code <a href>}: angle brackets and ampersands become entities it shows as-is.
   */
  static String label(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    int line = 0;
    for (String word : text.split(" ")) {
      if (line > 0 && line + word.length() > width) {
        out.append("<br>");
        line = 0;
      } else if (line > 0) {
        out.append(' ');
        line++;
      }
      out.append(word);
      line += word.length();
    }
    return out.toString();
  }

  private static double round(double money) {
    return Math.round(money * 100) / 100.0;
  }
}
