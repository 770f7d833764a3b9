package dev.customerlens.api;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.analysis.UnknownCustomerException;
import dev.customerlens.chart.Charts;
import dev.customerlens.chart.Figure;
import dev.customerlens.chart.PlotlyJs;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The dashboard page and what only it needs: its assets (plotly.js included, from the jar, so the
 * page works with no network), chart figures drawn by the same {@link Charts} as reports, and id
 * suggestions.
 */
final class Dashboard {
  /** A chart as the page draws it: the title for a screen reader, the Plotly figure, and whether it has data. */
  record ChartEntry(String title, boolean available, String unavailableReason, Object figure) {
    static ChartEntry of(Figure f) {
      return new ChartEntry(f.title(), f.available(), f.unavailableReason(), f.toJsonNode());
    }
  }

  record ChartList(List<ChartEntry> figures) {}

  record Suggestions(List<String> ids) {}

  private static final Map<String, String> ASSETS = Map.of(
      "dashboard.js", "text/javascript; charset=utf-8",
      "dashboard.css", "text/css; charset=utf-8");
  private static final int MAX_SUGGESTIONS = 20;

  private final Supplier<CustomerAnalytics> analytics;
  private final byte[] page;

  Dashboard(Supplier<CustomerAnalytics> analytics) {
    this.analytics = analytics;
    this.page = resource("index.html");
  }

  void page(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  void asset(Context ctx) {
    String name = ctx.pathParam("name");
    if (name.equals("plotly.min.js")) {
      ctx.header("Cache-Control", "public, max-age=86400");
      ctx.contentType("text/javascript; charset=utf-8").result(PlotlyJs.source());
      return;
    }
    String type = ASSETS.get(name);
    if (type == null) throw new ApiException(404, new Problem("not_found", "no asset " + name, null));
    ctx.contentType(type).result(resource(name));
  }

  void overviewCharts(Context ctx) {
    CustomerAnalytics a = analytics.get();
    List<ChartEntry> figures = new ArrayList<>(List.of(ChartEntry.of(Charts.personaShare(a)), ChartEntry.of(Charts.priorityCounts(a))));
    Charts.lastQuarterMigration(a).ifPresent(f -> figures.add(ChartEntry.of(f)));
    ctx.json(new ChartList(figures));
  }

  void customerCharts(Context ctx) {
    CustomerId id = CustomerId.of(ctx.pathParam("customer_id"), "the customer id");
    List<ChartEntry> figures = new ArrayList<>();
    try {
      Charts.customerPanel(analytics.get(), id.value()).forEach(f -> figures.add(ChartEntry.of(f)));
    } catch (UnknownCustomerException e) {
      throw new ApiException(404, new Problem("unknown_customer", e.getMessage(), id.value()));
    }
    ctx.json(new ChartList(figures));
  }

  void suggestions(Context ctx) {
    String prefix = ctx.queryParam("prefix") == null ? "" : ctx.queryParam("prefix");
    int limit = CustomerQuery.number(ctx.queryParam("limit"), "limit", 10, 1, MAX_SUGGESTIONS);
    List<String> ids = new ArrayList<>();
    var column = analytics.get().customers().stringColumn("customer_id");
    for (int i = 0; i < column.size() && ids.size() < limit; i++) {
      if (column.get(i).startsWith(prefix)) ids.add(column.get(i));
    }
    ctx.json(new Suggestions(ids));
  }

  private static byte[] resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream("/dev/customerlens/web/" + name)) {
      if (in == null) throw new IllegalStateException("dashboard resource " + name + " is missing from the jar");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
