package dev.customerlens.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customerlens.analysis.Analysis;
import dev.customerlens.analysis.BaseSummary;
import dev.customerlens.analysis.CustomerAnalysis;
import dev.customerlens.analysis.EventInsights;
import dev.customerlens.analysis.HasAnalysis;
import dev.customerlens.chart.Charts;
import dev.customerlens.chart.Figure;
import dev.customerlens.chart.Html;
import dev.customerlens.chart.PlotlyJs;
import dev.customerlens.data.AuditFinding;
import dev.customerlens.data.AuditReport;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.EventLog;
import dev.customerlens.export.Export;
import dev.customerlens.export.Json;
import dev.customerlens.export.NumberStyle;
import dev.customerlens.export.Version;
import dev.customerlens.timeline.Drift;
import dev.customerlens.timeline.Migration;
import dev.customerlens.timeline.Stability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * A self-contained HTML report: plotly.js inlined, no network needed to view it. Immutable; the
 * {@code with...} methods return a new report.
 *
 * <pre>{@code
 * Report.of(analysis).write(Path.of("exports/report.html"));
 * Report.of(analysis).forCustomer("101").write(Path.of("exports/customer-101.html"));
 * }</pre>
 */
public final class Report {
  public static final int DEFAULT_DRILL_DOWN = 3;
  private static final int LISTED_RECOMMENDATIONS = 25;
  private static final int LISTED_PLAN_LINES = 20;

  private final Analysis analysis;
  private final List<String> customers;
  private final boolean customerOnly;
  private final Clock clock;

  private Report(Analysis analysis, List<String> customers, boolean customerOnly, Clock clock) {
    this.analysis = analysis;
    this.customers = List.copyOf(customers);
    this.customerOnly = customerOnly;
    this.clock = clock;
  }

  /** The whole-base report, drilling down into the {@value #DEFAULT_DRILL_DOWN} most urgent customers. */
  public static Report of(HasAnalysis source) {
    return new Report(source.analysis(), List.of(), false, Clock.systemUTC()).withTopCustomers(DEFAULT_DRILL_DOWN);
  }

  /** A report on one customer only (with the metadata footer). */
  public Report forCustomer(String customerId) {
    analysis.customer(customerId);
    return new Report(analysis, List.of(customerId), true, clock);
  }

  /** Drill down into these customers. */
  public Report withCustomers(List<String> ids) {
    ids.forEach(analysis::customer);
    return new Report(analysis, ids, customerOnly, clock);
  }

  /** Drill down into the customers with the most urgent, most valuable recommendations. */
  public Report withTopCustomers(int count) {
    Set<String> top = new LinkedHashSet<>();
    var ids = analysis.recommendations().stringColumn("customer_id");
    for (int i = 0; i < ids.size() && top.size() < count; i++) top.add(ids.get(i));
    return new Report(analysis, new ArrayList<>(top), customerOnly, clock);
  }

  /** A fixed clock, for reports that must come out byte-identical. */
  public Report withClock(Clock clock) {
    return new Report(analysis, customers, customerOnly, clock);
  }

  /** Writes the report atomically: a failure leaves the old file or none, never half a report. */
  public Path write(Path file) {
    String html = toHtml();
    return Export.atomically(file, out -> out.write(html));
  }

  public String toHtml() {
    Page page = new Page();
    String source = analysis.dataset().source();
    page.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .raw("<title>").text((customerOnly ? "Customer " + customers.get(0) + " – " : "Customer report – ") + source)
        .raw("</title><style>").raw(resource("report.css")).raw("</style>")
        .raw(PlotlyJs.scriptTag()).raw("</head><body>");
    header(page, source);
    page.raw("<main>");
    if (!customerOnly) {
      audit(page);
      personas(page);
      activity(page);
      predictions(page);
      overTime(page);
      recommendations(page);
    }
    drillDown(page);
    page.raw("</main>");
    footer(page);
    page.raw("<script type=\"application/json\" id=\"lens-figures\">").raw(page.figuresJson()).raw("</script>")
        .raw("<script>").raw(resource("report.js")).raw("</script></body></html>\n");
    return page.toString();
  }

  private void header(Page page, String source) {
    BaseSummary summary = analysis.summary();
    page.raw("<header class=\"top\"><h1>")
        .text(customerOnly ? "Customer " + customers.get(0) : "Customer behaviour report").raw("</h1><p>")
        .text(String.format(Locale.ROOT, "%s · %,d customers · generated %s", source, summary.customers(), generated()))
        .raw("</p>");
    if (!customerOnly) {
      page.raw("<nav><a href=\"#audit\">Data audit</a><a href=\"#personas\">Personas</a>"
          + "<a href=\"#activity\">Activity</a><a href=\"#predictions\">Predictions</a>"
          + (analysis.fromLog() ? "<a href=\"#over-time\">Over time</a>" : "")
          + "<a href=\"#recommendations\">Recommendations</a>"
          + "<a href=\"#customers\">Customers</a><a href=\"#about\">About these numbers</a></nav>");
    }
    page.raw("</header>");
  }

  private void audit(Page page) {
    AuditReport audit = analysis.audit();
    page.raw("<section id=\"audit\"><h2>Data audit</h2><p class=\"lead\">What to know before trusting the numbers below.</p>");
    Table findings = Table.create("audit",
        tech.tablesaw.api.StringColumn.create("severity", audit.findings().stream().map(f -> f.severity().name()).toList()),
        tech.tablesaw.api.StringColumn.create("finding", audit.findings().stream().map(AuditFinding::message).toList()));
    page.raw(HtmlTable.render(findings, Integer.MAX_VALUE)).raw("</section>");
  }

  private void personas(Page page) {
    page.raw("<section id=\"personas\"><h2>Personas</h2><p class=\"lead\">")
        .text("Each customer has the persona of the first rule they match; rules are listed in the footer.")
        .raw("</p><div class=\"grid\">");
    page.chart(Charts.personaShare(analysis)).chart(Charts.valueByPersona(analysis))
        .chart(Charts.spendByPersona(analysis)).chart(Charts.ageBandByPersona(analysis));
    page.raw("</div><h3 style=\"margin-top:16px\">Persona summary</h3>")
        .raw(HtmlTable.render(analysis.personas().removeColumns("description"), Integer.MAX_VALUE))
        .raw("</section>");
  }

  private void activity(Page page) {
    page.raw("<section id=\"activity\"><h2>Activity over time</h2><p class=\"lead\">")
        .text(analysis.events().map(EventInsights::log).map(log -> String.format(Locale.ROOT, "From %s: %,d events of %,d customers, %s to %s.",
            log.source(), log.rowCount(), log.customerIds().size(), log.firstDate(), log.lastDate()))
            .orElse("No event log was loaded, so the customer table alone cannot show activity over time."))
        .raw("</p><div class=\"grid\">").chart(Charts.activityHeatmap(analysis))
        .chart(Charts.interestTrend(analysis)).chart(Charts.conversionFunnel(analysis)).raw("</div></section>");
  }

  private void evaluation(Page page) {
    var evaluation = analysis.events().flatMap(EventInsights::evaluation);
    page.raw("<h3 style=\"margin-top:16px\">How good are these scores?</h3><p class=\"note\">");
    if (evaluation.isEmpty()) {
      page.text(analysis.events().map(EventInsights::log).isEmpty()
          ? "Not evaluated: without an event log there is no record of what customers did next."
          : "Not evaluated: " + analysis.events().orElseThrow().evaluationUnavailable()).raw("</p>");
      return;
    }
    var e = evaluation.get();
    page.text(String.format(Locale.ROOT, "Fitted on the log to %s and checked against %s to %s (%d days): the "
            + "repeat-purchase model forecast %,.0f purchase days against %,d that happened (%+.1f%%). AUC ranks "
            + "customers (0.5 is chance, 1 perfect); Brier is the error of a probability (lower is better).",
            e.calibrationEnd(), e.calibrationEnd(), e.holdoutEnd(), e.holdoutDays(), e.predictedPurchases(),
            e.actualPurchases(), e.aggregateErrorPercent()))
        .raw("</p>");
    Table checks = Table.create("evaluation",
        tech.tablesaw.api.StringColumn.create("score", e.scores().stream().map(c -> c.name()).toList()),
        tech.tablesaw.api.StringColumn.create("judged_on", e.scores().stream().map(c -> c.target()).toList()),
        tech.tablesaw.api.StringColumn.create("auc", e.scores().stream()
            .map(c -> c.auc() == null ? "–" : String.format(Locale.ROOT, "%.3f", c.auc())).toList()),
        tech.tablesaw.api.StringColumn.create("brier", e.scores().stream()
            .map(c -> c.brier() == null ? "–" : String.format(Locale.ROOT, "%.3f", c.brier())).toList()),
        tech.tablesaw.api.StringColumn.create("how_it_is_made", e.scores().stream().map(c -> c.basis()).toList()));
    page.raw(HtmlTable.render(checks, Integer.MAX_VALUE));
  }

  private void predictions(Page page) {
    BaseSummary s = analysis.summary();
    page.raw("<section id=\"predictions\"><h2>Predictions</h2><p class=\"lead\">")
        .text("Modelled from each customer's profile with stated weights; the customer table records no outcomes. "
            + "Where an event log is loaded, the scores are checked against its last weeks below. Formulas are in the footer.")
        .raw("</p><div class=\"tiles\">");
    tile(page, NumberStyle.percent(s.meanChurnRiskPct()), "mean churn risk");
    tile(page, NumberStyle.percent(s.meanPurchaseProbabilityPct()), "mean chance of a purchase in 30 days");
    tile(page, NumberStyle.money(s.totalCurrentValue()), "current value");
    tile(page, NumberStyle.money(s.totalEstimatedClv()), "estimated lifetime value, " + analysis.predictor().clvYears() + " years");
    for (Map.Entry<String, Integer> action : s.nextLikelyAction().entrySet()) {
      tile(page, NumberStyle.count(action.getValue()), "next likely action: " + action.getKey());
    }
    page.raw("</div><div class=\"grid\">").chart(Charts.churnVsValue(analysis))
        .chart(Charts.categoryDistribution(analysis)).raw("</div>");
    evaluation(page);
    page.raw("</section>");
  }

  /**
   * For a log's customers: who moved between personas over the last quarter, how sure the persona
   * shares are, and whether the last quarter's customers still look like the one's before. A customer
   * table's rows carry no dates, so the section is left out beside one.
   */
  private void overTime(Page page) {
    if (!analysis.fromLog()) return;
    EventLog log = analysis.events().orElseThrow().log();
    LocalDate to = log.lastDate();
    LocalDate from = to.minusDays(Charts.MIGRATION_DAYS);
    page.raw("<section id=\"over-time\"><h2>Over time</h2>");
    if (from.minusDays(Charts.MIGRATION_DAYS - 1L).isBefore(log.firstDate())) {
      page.raw("<p class=\"lead\">").text(String.format(Locale.ROOT, "The log covers %s to %s: migration and drift "
          + "compare two quarters, so they need %d days or more.", log.firstDate(), to, 2 * Charts.MIGRATION_DAYS))
          .raw("</p></section>");
      return;
    }
    Migration migration = analysis.migration(from, to);
    page.raw("<p class=\"lead\">").text(String.format(Locale.ROOT, "Personas as of %s against %s. %s: first event "
        + "after %s; %s: no event since. Spend is what each move's customers bought between the dates; CLV: %s.",
        from, to, Migration.NEW, from, Migration.NO_ACTIVITY, migration.clvBasis()))
        .raw("</p><div class=\"grid\">").chart(Charts.migration(migration)).raw("</div>")
        .raw("<h3 style=\"margin-top:16px\">Largest moves</h3>").raw(HtmlTable.render(migration.flowTable(), LISTED_PLAN_LINES));
    Stability stability = analysis.stability();
    page.raw("<h3 style=\"margin-top:16px\">How sure the personas are</h3><p class=\"note\">").text(stability.method())
        .raw("</p>").raw(HtmlTable.render(stability.table(), Integer.MAX_VALUE));
    page.raw("<h3 style=\"margin-top:16px\">Has the base drifted?</h3><p class=\"note\">");
    Drift drift;
    try {
      drift = analysis.drift(from, to, Charts.MIGRATION_DAYS);
    } catch (WorkspaceException e) {
      page.text("Not compared: " + e.getMessage() + ".").raw("</p></section>");
      return;
    }
    page.text(String.format(Locale.ROOT, "The %,d customers active %s to %s against the %,d active %s to %s, each "
            + "period's features from its own events. %s. Forecast AUC %s before, %s after (%s).",
            drift.later().customers(), drift.later().first(), drift.later().last(), drift.earlier().customers(),
            drift.earlier().first(), drift.earlier().last(), Drift.FORMULA, auc(drift.aucEarlier()),
            auc(drift.aucLater()), drift.aucBasis()))
        .raw("</p>").raw(HtmlTable.render(drift.table(), Integer.MAX_VALUE)).raw("</section>");
  }

  private static String auc(Double auc) {
    return auc == null ? "unavailable" : String.format(Locale.ROOT, "%.3f", auc);
  }

  private void recommendations(Page page) {
    Table plan = analysis.plan();
    Table list = analysis.recommendations();
    page.raw("<section id=\"recommendations\"><h2>Recommendations</h2><p class=\"lead\">")
        .text(String.format(Locale.ROOT, "%,d recommendations for %,d customers. Priority is the rule's own, raised one "
            + "level for customers in the top quarter of lifetime value.", list.rowCount(),
            list.stringColumn("customer_id").countUnique()))
        .raw("</p><div class=\"grid\">").chart(Charts.priorityCounts(analysis)).raw("</div>")
        .raw("<h3 style=\"margin-top:16px\">Which segments to target with what</h3>")
        .raw(HtmlTable.render(plan, LISTED_PLAN_LINES))
        .raw("<h3 style=\"margin-top:16px\">Most urgent customers</h3>")
        .raw(HtmlTable.render(list, LISTED_RECOMMENDATIONS)).raw("</section>");
  }

  private void drillDown(Page page) {
    page.raw("<section id=\"customers\">");
    if (!customerOnly) page.raw("<h2>Customer drill-down</h2><p class=\"lead\">The most urgent customers.</p>");
    for (String id : customers) customer(page, analysis.customer(id));
    page.raw("</section>");
  }

  private void customer(Page page, CustomerAnalysis c) {
    var p = c.predictiveAnalytics();
    var value = c.visualData().lifetimeValueEstimate();
    page.raw("<article class=\"customer card\"><h3>Customer ").text(c.userId()).raw(": ").text(c.persona().label())
        .raw(" <span class=\"tag\">").text(p.basis()).raw("</span></h3><p>").text(c.persona().description())
        .raw("</p><p class=\"note\">Traits: ").text(String.join(", ", c.persona().traits())).raw("</p><div class=\"tiles\">");
    tile(page, NumberStyle.percent(p.purchaseProbabilityPercent()),
        "chance of a purchase in " + p.horizonDays() + " days");
    tile(page, NumberStyle.percent(p.churnRiskPercent()), "churn risk");
    tile(page, NumberStyle.money(value.currentValue()), "current value");
    tile(page, NumberStyle.money(value.estimatedClv()), "lifetime value, " + value.horizonYears() + " years");
    tile(page, p.nextLikelyAction(), "next likely action");
    tile(page, p.categoryShift().nextCategory(), "likely next category");
    page.raw("</div><p class=\"note\">What drove these scores:</p><ul>");
    p.factors().forEach(f -> page.raw("<li>").text(f.explanation()).raw("</li>"));
    page.raw("</ul><div class=\"grid\">");
    Charts.customerPanel(analysis, c.userId()).forEach(page::chart);
    page.raw("</div><p class=\"note\">Recommendations:</p><ul>");
    for (var r : c.businessRecommendations()) {
      page.raw("<li><span class=\"priority-").text(r.priority()).raw("\">").text(r.priority()).raw("</span> ")
          .text(r.type() + ": " + r.action() + ". " + r.description() + " (because " + r.reason() + ")").raw("</li>");
    }
    if (c.businessRecommendations().isEmpty()) page.raw("<li>None of the recommendation rules apply.</li>");
    page.raw("</ul></article>");
  }

  private void footer(Page page) {
    var dataset = analysis.dataset();
    var predictor = analysis.predictor();
    ObjectNode parameters = Json.mapper().createObjectNode();
    parameters.set("p_active", Json.mapper().valueToTree(predictor.activity()));
    parameters.put("horizon_days", predictor.horizonDays()).put("clv_years", predictor.clvYears())
        .put("discount_rate", predictor.discountRate()).put("category_smoothing", predictor.smoothing())
        .put("priority_raised_at_clv_percentile", analysis.recommender().raiseAtClvPercentile());
    page.raw("<footer id=\"about\"><h2>About these numbers</h2><dl>")
        .raw("<dt>Input</dt><dd>").text(dataset.source()).raw("</dd>")
        .raw("<dt>Rows</dt><dd>").text(String.format(Locale.ROOT, "%,d customers, %,d rows skipped",
            dataset.rowCount(), dataset.skipped().size())).raw("</dd>")
        .raw("<dt>Input SHA-256</dt><dd>").text(dataset.sha256()).raw("</dd>")
        .raw("<dt>Event log</dt><dd>").text(analysis.events().map(EventInsights::log).map(log -> String.format(Locale.ROOT,
            "%s: %,d events, %s to %s", log.source(), log.rowCount(), log.firstDate(), log.lastDate())).orElse("none"))
        .raw("</dd>")
        .raw("<dt>Generated</dt><dd>").text(generated()).raw("</dd>")
        .raw("<dt>Tool</dt><dd>").text("Customer Lens " + Version.current() + ", plotly.js " + PlotlyJs.VERSION).raw("</dd>")
        .raw("<dt>Persona rules</dt><dd><pre>").text(analysis.rules().toString()).raw("</pre></dd>")
        .raw("<dt>Score formulas</dt><dd><pre>");
    analysis.customer(analysis.scored().stringColumn("customer_id").get(0)).predictiveAnalytics().formulas()
        .forEach((name, formula) -> page.text(name + " = " + formula + "\n"));
    page.raw("</pre></dd><dt>Parameters</dt><dd><pre>").text(Json.write(parameters)).raw("</pre></dd></dl></footer>");
  }

  private static void tile(Page page, String value, String label) {
    page.raw("<div class=\"tile\"><div class=\"value\">").text(value).raw("</div><div class=\"label\">").text(label)
        .raw("</div></div>");
  }

  private String generated() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String resource(String name) {
    try (InputStream in = Report.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("report resource " + name + " is missing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HTML being built, and the figures it places, drawn by report.js from one JSON block. */
  private static final class Page {
    private final StringBuilder html = new StringBuilder(1 << 20);
    private final ObjectNode figures = Json.mapper().createObjectNode();

    Page raw(String markup) {
      html.append(markup);
      return this;
    }

    Page text(String text) {
      html.append(Html.escape(text));
      return this;
    }

    Page chart(Figure figure) {
      String id = "f" + figures.size();
      figures.set(id, figure.toJsonNode());
      html.append("<div class=\"card\"><div class=\"chart\" data-figure=\"").append(id).append("\" data-title=\"")
          .append(Html.escape(figure.title())).append("\" role=\"img\" aria-label=\"").append(Html.escape(figure.title()))
          .append("\"></div></div>");
      return this;
    }

    String figuresJson() {
      return Figure.scriptSafe(figures.toString());
    }

    @Override
    public String toString() {
      return html.toString();
    }
  }
}
