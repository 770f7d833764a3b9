package dev.customerlens.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Checks an engine's output against the reference evaluation, the Tablesaw engine's analysis of the
 * same file, row by row: {@code lens score}'s layout ({@code Analysis.scores()}) and the persona
 * summary.
 */
final class EngineAgreement {
  static final double TOLERANCE = 1e-9;

  private EngineAgreement() {}

  static void assertAgrees(CustomerAnalytics engine, BatchScore batch) {
    assertEquals(engine.customers().rowCount(), batch.customers(), "customers");
    assertAgrees(engine.analysis().scores(), read(batch.scores()));
    assertEquals(engine.personas().print(Integer.MAX_VALUE), batch.personaSummary().print(Integer.MAX_VALUE));
  }

  /** Every row and column of {@code lens score}'s layout: texts equal, numbers within {@link #TOLERANCE}. */
  static void assertAgrees(Table expected, List<CSVRecord> rows) {
    assertEquals(expected.rowCount(), rows.size(), "rows");
    for (int i = 0; i < rows.size(); i++) {
      String where = "row " + (i + 1) + " (" + expected.column(0).getString(i) + ")";
      for (Column<?> column : expected.columns()) {
        String actual = rows.get(i).get(column.name());
        if (column instanceof DoubleColumn numbers) close(numbers.getDouble(i), actual, where + " " + column.name());
        else assertEquals(column.getString(i), actual, where + " " + column.name());
      }
    }
  }

  /** A missing number (NaN) is a blank cell; any other agrees within {@link #TOLERANCE}. */
  static void close(double expected, String actual, String where) {
    if (Double.isNaN(expected)) {
      assertEquals("", actual, where);
      return;
    }
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
