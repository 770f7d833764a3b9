package dev.customerlens.generate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.data.Dataset;
import dev.customerlens.data.Field;
import dev.customerlens.data.Frequency;
import dev.customerlens.data.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SyntheticCustomersTest {

  private static String csv(long seed, int rows) {
    StringWriter out = new StringWriter();
    SyntheticCustomers.withSeed(seed).rows(rows).writeCsv(out);
    return out.toString();
  }

  private static Dataset read(String csv) {
    return Dataset.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "generated.csv",
        ReadOptions.strict());
  }

  @Test
  void generatedOutputLoadsThroughTheStrictReader() {
    Dataset dataset = read(csv(11, 5_000));

    assertEquals(5_000, dataset.rowCount());
    assertEquals(List.of(), dataset.extraColumns());
  }

  @Test
  void headerIsThePublishedSchema() {
    assertEquals("Customer ID,Age,Gender,Item Purchased,Category,Purchase Amount (USD),Location,Size,Color,"
            + "Season,Review Rating,Subscription Status,Shipping Type,Discount Applied,Promo Code Used,"
            + "Previous Purchases,Payment Method,Frequency of Purchases",
        csv(1, 1).lines().findFirst().orElseThrow());
  }

  @Test
  void sameSeedGivesTheSameBytes() {
    assertEquals(csv(42, 2_000), csv(42, 2_000));
  }

  @Test
  void differentSeedsGiveDifferentBytes() {
    assertNotEquals(csv(42, 2_000), csv(43, 2_000));
  }

  @Test
  void moreRowsExtendFewerRowsOfTheSameSeed() {
    assertTrue(csv(5, 300).startsWith(csv(5, 100)));
  }

  @Test
  void customerIdsCountFromOne() {
    List<String> ids = csv(3, 50).lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();

    List<String> expected = new ArrayList<>();
    for (int id = 1; id <= 50; id++) expected.add(Integer.toString(id));
    assertEquals(expected, ids);
  }

  @Test
  void linesEndWithLineFeedAndNoFieldNeedsQuoting() {
    String csv = csv(8, 5_000);

    assertFalse(csv.contains("\r"));
    assertFalse(csv.contains("\""));
    assertTrue(csv.endsWith("\n"));
    assertTrue(csv.lines().allMatch(line -> line.split(",", -1).length == Field.values().length));
  }

  @Test
  void valuesStayInsideTheGeneratedRanges() {
    Table table = read(csv(9, 20_000)).table();

    assertAll(
        () -> assertTrue(table.intColumn(Field.AGE.header()).min() >= 18),
        () -> assertTrue(table.intColumn(Field.AGE.header()).max() <= 70),
        () -> assertTrue(table.doubleColumn(Field.PURCHASE_AMOUNT.header()).min() >= 10),
        () -> assertTrue(table.doubleColumn(Field.PURCHASE_AMOUNT.header()).max() <= 250),
        () -> assertTrue(table.doubleColumn(Field.REVIEW_RATING.header()).min() >= 1),
        () -> assertTrue(table.doubleColumn(Field.REVIEW_RATING.header()).max() <= 5),
        () -> assertTrue(table.intColumn(Field.PREVIOUS_PURCHASES.header()).min() >= 0),
        () -> assertTrue(table.intColumn(Field.PREVIOUS_PURCHASES.header()).max() <= 60));
  }

  @Test
  void embeddedSizeAlreadyUsesTheWholeVocabulary() {
    Table table = read(csv(SyntheticCustomers.DEFAULT_SEED, SyntheticCustomers.DEFAULT_ROWS)).table();

    List<String> frequencies = Arrays.stream(Frequency.values()).map(Frequency::label).toList();
    assertAll(
        () -> assertTrue(table.stringColumn(Field.FREQUENCY.header()).unique().asList().containsAll(frequencies),
            "all seven frequency labels, synonyms included"),
        () -> assertEquals(50, table.stringColumn(Field.LOCATION.header()).countUnique()),
        () -> assertEquals(25, table.stringColumn(Field.ITEM_PURCHASED.header()).countUnique()),
        () -> assertEquals(4, table.stringColumn(Field.CATEGORY.header()).countUnique()),
        () -> assertEquals(6, table.stringColumn(Field.SHIPPING_TYPE.header()).countUnique()),
        () -> assertEquals(6, table.stringColumn(Field.PAYMENT_METHOD.header()).countUnique()));
  }

  @Test
  void streamsTwoHundredThousandRowsToAWriterThatKeepsNothing() {
    CountingWriter out = new CountingWriter();
    List<Integer> progress = new ArrayList<>();

    SyntheticCustomers.withSeed(1).rows(200_000).writeCsv(out, progress::add);

    assertEquals(200_001, out.lines);
    assertEquals(20, progress.size());
    assertEquals(10_000, progress.get(0));
    assertEquals(200_000, progress.get(progress.size() - 1));
  }

  @Test
  void reportsProgressOnceMoreAfterAnUnevenLastStretch() {
    List<Integer> progress = new ArrayList<>();

    SyntheticCustomers.withSeed(1).rows(25_000).writeCsv(new CountingWriter(), progress::add);

    assertEquals(List.of(10_000, 20_000, 25_000), progress);
  }

  @Test
  void rowsReturnsANewGeneratorAndLeavesTheOriginalAlone() {
    SyntheticCustomers original = SyntheticCustomers.withSeed(4);
    SyntheticCustomers bigger = original.rows(10);

    assertEquals(SyntheticCustomers.DEFAULT_ROWS, original.rowCount());
    assertEquals(10, bigger.rowCount());
    assertEquals(4, bigger.seed());
  }

  @Test
  void rejectsFewerThanOneRow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticCustomers.withSeed(1).rows(0));

    assertEquals("rows must be at least 1, was 0", e.getMessage());
  }

  @Test
  void latentTypeSharesSumToOne() {
    double total = SyntheticCustomers.latentTypes().stream().mapToDouble(LatentType::share).sum();

    assertEquals(6, SyntheticCustomers.latentTypes().size());
    assertEquals(1.0, total, 1e-9);
  }

  /** Counts lines and throws the text away, so only the generator could hold on to rows. */
  private static final class CountingWriter extends Writer {
    long lines;

    @Override
    public void write(char[] buffer, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        if (buffer[i] == '\n') lines++;
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
