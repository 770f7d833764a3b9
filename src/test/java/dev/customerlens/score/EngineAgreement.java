package dev.customerlens.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tech.tablesaw.api.Table;

/** Checks a batch scoring run against the Tablesaw engine's analysis of the same file, row by row. */
final class EngineAgreement {
  static final double TOLERANCE = 1e-9;

  private EngineAgreement() {}

  static void assertAgrees(CustomerAnalytics engine, BatchScore batch) {
    Table customers = engine.customers();
    Table recommendations = engine.recommendationList();
    Map<String, Integer> top = new HashMap<>();
    for (int r = recommendations.rowCount() - 1; r >= 0; r--) top.put(recommendations.stringColumn("customer_id").get(r), r);
    List<CSVRecord> rows = read(batch.scores());
    assertEquals(customers.rowCount(), rows.size(), "rows");
    assertEquals(customers.rowCount(), batch.customers(), "customers");
    for (int i = 0; i < rows.size(); i++) {
      CSVRecord row = rows.get(i);
      String id = customers.stringColumn("customer_id").get(i);
      String where = "row " + (i + 1) + " (customer " + id + ")";
      assertEquals(id, row.get("customer_id"), where);
      assertEquals(customers.stringColumn("persona").get(i), row.get("persona"), where);
      assertEquals(customers.stringColumn("traits").get(i), row.get("traits"), where);
      close(100 * customers.doubleColumn("purchase_probability").getDouble(i), row.get("purchase_pct"), where + " purchase_pct");
      close(100 * customers.doubleColumn("churn_risk").getDouble(i), row.get("churn_pct"), where + " churn_pct");
      assertEquals(customers.stringColumn("revenue_potential").get(i), row.get("revenue_potential"), where);
      close(customers.doubleColumn("clv").getDouble(i), row.get("clv"), where + " clv");
      Integer first = top.get(id);
      assertEquals(first == null ? "" : recommendations.stringColumn("priority").get(first), row.get("priority"), where);
      assertEquals(first == null ? "" : recommendations.stringColumn("action").get(first), row.get("recommendation"), where);
    }
    assertEquals(engine.personas().print(Integer.MAX_VALUE), batch.personaSummary().print(Integer.MAX_VALUE));
  }

  static void close(double expected, String actual, String where) {
    double value = Double.parseDouble(actual);
    assertTrue(Math.abs(value - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)),
        where + ": expected " + expected + " but was " + actual);
  }

  static List<CSVRecord> read(Path csv) {
    try (Reader in = Files.newBufferedReader(csv);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      return parser.getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
