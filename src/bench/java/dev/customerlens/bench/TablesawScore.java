package dev.customerlens.bench;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Dataset;
import dev.customerlens.export.Export;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The reference: {@code TablesawScore INPUT.csv OUT_DIR} runs the existing engine ({@code
 * CustomerAnalytics}) and writes the same two tables as {@code lens score}.
 */
public final class TablesawScore {
  private TablesawScore() {}

  public static void main(String[] args) {
    CustomerAnalytics analytics = CustomerAnalytics.of(Dataset.read(Path.of(args[0])));
    Path out = Path.of(args[1]);
    Table customers = analytics.customers();
    Table recommendations = analytics.recommendationList();
    Map<String, Integer> top = new HashMap<>();
    StringColumn recommended = recommendations.stringColumn("customer_id");
    for (int r = recommendations.rowCount() - 1; r >= 0; r--) top.put(recommended.get(r), r);
    int n = customers.rowCount();
    StringColumn priority = StringColumn.create("priority");
    StringColumn action = StringColumn.create("recommendation");
    StringColumn ids = customers.stringColumn("customer_id");
    for (int i = 0; i < n; i++) {
      Integer r = top.get(ids.get(i));
      priority.append(r == null ? "" : recommendations.stringColumn("priority").get(r));
      action.append(r == null ? "" : recommendations.stringColumn("action").get(r));
    }
    Table scores = Table.create("scores", ids, customers.stringColumn("persona"), customers.stringColumn("traits"),
        customers.doubleColumn("purchase_probability").multiply(100).setName("purchase_pct"),
        customers.doubleColumn("churn_risk").multiply(100).setName("churn_pct"),
        customers.stringColumn("revenue_potential"), (DoubleColumn) customers.doubleColumn("clv"), priority, action);
    Export.csv(scores, out.resolve("scores.csv"));
    Export.csv(analytics.personas(), out.resolve("personas.csv"));
  }
}
