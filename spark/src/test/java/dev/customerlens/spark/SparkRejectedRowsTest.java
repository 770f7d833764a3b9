package dev.customerlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.data.SkippedRow;
import dev.customerlens.generate.SyntheticCustomers;
import dev.customerlens.score.BatchScore;
import dev.customerlens.score.BatchScorer;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad rows go to the rejected rows with file, line, column and reason; the job scores the rest. */
class SparkRejectedRowsTest {
  @TempDir static Path dir;
  private static Path input;
  private static Map<Long, String> rejected;
  private static Path out;
  private static List<String> header;

  @BeforeAll
  static void scoreAHostileFile() throws IOException {
    StringWriter text = new StringWriter();
    SyntheticCustomers.withSeed(3).rows(30).writeCsv(text);
    List<String> lines = new ArrayList<>(List.of(text.toString().split("\n")));
    header = List.of(lines.get(0).split(","));
    int age = header.indexOf("Age");
    int amount = header.indexOf("Purchase Amount (USD)");
    lines.set(2, replace(lines.get(2), age, "abc"));
    lines.set(4, replace(lines.get(4), amount, "-5"));
    lines.set(6, replace(lines.get(6), header.indexOf("Frequency of Purchases"), "Sometimes"));
    lines.set(10, lines.get(10).substring(0, lines.get(10).lastIndexOf(',')));
    lines.set(12, replace(lines.get(12), 0, lines.get(1).split(",")[0]));
    lines.set(14, replace(lines.get(14), 0, "=1+2"));
    lines.set(16, replace(replace(lines.get(16), age, "200"), header.indexOf("Subscription Status"), "maybe"));
    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + ",\"unclosed");
    input = dir.resolve("hostile.csv");
    Files.writeString(input, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    out = dir.resolve("out");
    rejected = new TreeMap<>();
    try (SparkCustomers customers = SparkAnalytics.on(LocalSpark.session()).load(input.toString());
         SparkScores scores = customers.score()) {
      for (Row row : scores.rejected().collectAsList()) rejected.put(row.getLong(1), row.getString(2));
      scores.write(out.toString());
    }
  }

  private static String replace(String line, int column, String value) {
    String[] cells = line.split(",", -1);
    cells[column] = value;
    return String.join(",", cells);
  }

  @Test
  void eachBadCellIsReportedWithFileLineColumnAndTheLocalReadersWords() {
    assertTrue(rejected.get(3L).endsWith(":3:2: Age \"abc\" is not a whole number; expected a whole number of years from 13 to 100"),
        rejected.get(3L));
    assertTrue(rejected.get(3L).startsWith("file:") && rejected.get(3L).contains("hostile.csv"), rejected.get(3L));
    assertTrue(rejected.get(5L).contains("Purchase Amount (USD) \"-5\" is negative"), rejected.get(5L));
    assertTrue(rejected.get(7L).contains("Frequency of Purchases \"Sometimes\" is not a known purchase frequency"));
    assertTrue(rejected.get(11L).contains("has 17 fields; the header has 18"), rejected.get(11L));
    assertTrue(rejected.get(13L).contains("is already used on line 2; expected unique ids"), rejected.get(13L));
    assertTrue(rejected.get(17L).contains("Age \"200\" is not a plausible age") && rejected.get(17L).contains(" | ")
        && rejected.get(17L).contains("Subscription Status \"maybe\" is not Yes or No"), "every reason of the row");
    assertTrue(rejected.get(31L).contains("unclosed quote"), rejected.get(31L));
  }

  @Test
  void theSameLinesAreRejectedAsTheLocalEngineSkipsAndTheRestIsScored() throws IOException {
    // The local reader stops at an unclosed quote even when lenient; Spark rejects that line alone.
    List<String> lines = Files.readAllLines(input);
    Path withoutLast = dir.resolve("hostile-without-last-line.csv");
    Files.write(withoutLast, lines.subList(0, lines.size() - 1));
    BatchScore local = BatchScorer.of(withoutLast).lenient().score(dir.resolve("local"));
    List<Long> skipped = new ArrayList<>(local.skipped().stream().map(SkippedRow::line).map(Long::valueOf).toList());
    skipped.add((long) lines.size());
    assertEquals(skipped, List.copyOf(rejected.keySet()));
    assertEquals(List.of(), CsvTables.differences(CsvTables.read(local.scores()), CsvTables.read(out.resolve(SparkScores.SCORES_CSV))));
  }

  @Test
  void rejectedRowsAreWrittenWithTheirRawTextAndFormulaLikeTextIsGuardedInCsv() throws IOException {
    CsvTables.Table written = CsvTables.read(out.resolve(SparkScores.REJECTED));
    assertEquals(List.of("source_file", "source_line", "reasons", "raw"), written.header());
    assertEquals(rejected.size(), written.rows().size());
    assertTrue(written.rows().get(0).get(3).contains(",abc,"), "the raw line is kept for fixing and re-running");
    CsvTables.Table scores = CsvTables.read(out.resolve(SparkScores.SCORES_CSV));
    assertTrue(scores.rows().stream().anyMatch(row -> row.get(0).equals("'=1+2")), "=1+2 is written as text");
    assertTrue(scores.rows().stream().noneMatch(row -> row.get(0).startsWith("=")));
  }
}
