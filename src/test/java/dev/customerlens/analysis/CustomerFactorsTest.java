package dev.customerlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.Fixtures;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.ReadOptions;
import dev.customerlens.predict.Predictor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class CustomerFactorsTest {
  @Test
  void everyCustomersFactorsMatchAFreshExplanation() {
    Dataset small = Dataset.read(new ByteArrayInputStream(Fixtures.smallCsv().getBytes(StandardCharsets.UTF_8)),
        "customers-small.csv", ReadOptions.strict());
    Analysis analysis = CustomerAnalytics.of(small).analysis();
    Table scored = analysis.scored();
    Predictor predictor = analysis.predictor();
    for (int row = 0; row < scored.rowCount(); row++) {
      String id = scored.stringColumn("customer_id").get(row);
      var fresh = predictor.explain(scored, row).stream().map(CustomerAnalysis.FactorView::of).toList();
      assertEquals(fresh, analysis.customer(id).predictiveAnalytics().factors(), id);
    }
  }
}
