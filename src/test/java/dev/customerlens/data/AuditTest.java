package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.data.AuditFinding.Kind;
import dev.customerlens.data.AuditFinding.Severity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class AuditTest {
  private static final int ROWS = 200;
  private static final String GENDER = "Gender";
  private static final String ITEM = "Item Purchased";
  private static final String CATEGORY = "Category";
  private static final String AMOUNT = "Purchase Amount (USD)";
  private static final String RATING = "Review Rating";
  private static final String SUBSCRIPTION = "Subscription Status";
  private static final String DISCOUNT = "Discount Applied";
  private static final String PROMO = "Promo Code Used";
  private static final String FREQUENCY = "Frequency of Purchases";

  /** Changes one row, given its 0-based index. A column it adds must be added to every row. */
  private interface RowEdit {
    void apply(int index, Map<String, String> row);
  }

  /**
   * CSV text of {@code rows} customers whose columns vary independently of each other (drawn
   * from a fixed seed), so that only what {@code edit} builds in can show up as a relation.
   * Frequencies use one label of each synonym pair.
   */
  private static String csv(int rows, RowEdit edit) {
    Random random = new Random(7);
    List<Map<String, String>> table = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("Customer ID", String.valueOf(i + 1));
      row.put("Age", String.valueOf(18 + random.nextInt(53)));
      row.put(GENDER, pick(random, "Male", "Female"));
      row.put(ITEM, pick(random, "Blouse", "Jeans", "Sandals", "Boots", "Hat"));
      row.put(CATEGORY, pick(random, "Clothing", "Footwear", "Accessories", "Outerwear"));
      row.put(AMOUNT, String.valueOf(20 + random.nextInt(81)));
      row.put("Location", pick(random, "Alaska", "Maine", "Ohio", "Texas", "Utah"));
      row.put("Size", pick(random, "S", "M", "L", "XL"));
      row.put("Color", pick(random, "Gray", "Maroon", "Teal", "Olive"));
      row.put("Season", pick(random, "Winter", "Spring", "Summer", "Fall"));
      row.put(RATING, String.valueOf((25 + random.nextInt(26)) / 10.0));
      row.put(SUBSCRIPTION, pick(random, "Yes", "No"));
      row.put("Shipping Type", pick(random, "Express", "Free Shipping", "Standard", "Store Pickup"));
      row.put(DISCOUNT, pick(random, "Yes", "No"));
      row.put(PROMO, pick(random, "Yes", "No"));
      row.put("Previous Purchases", String.valueOf(1 + random.nextInt(50)));
      row.put("Payment Method", pick(random, "Cash", "Venmo", "PayPal", "Credit Card"));
      row.put(FREQUENCY, pick(random, "Weekly", "Bi-Weekly", "Monthly", "Quarterly", "Annually"));
      edit.apply(i, row);
      table.add(row);
    }
    StringBuilder out = new StringBuilder(String.join(",", table.get(0).keySet())).append('\n');
    table.forEach(row -> out.append(String.join(",", row.values())).append('\n'));
    return out.toString();
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static AuditReport audit(RowEdit edit) {
    return audit(csv(ROWS, edit), ReadOptions.strict());
  }

  private static AuditReport audit(String csv, ReadOptions options) {
    var in = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    return Dataset.read(in, "x.csv", options).audit();
  }

  private static AuditReport varied() {
    return audit((i, row) -> { });
  }

  private static AuditFinding only(AuditReport report, Kind kind) {
    List<AuditFinding> found = report.findings(kind);
    assertEquals(1, found.size(), () -> "expected one " + kind + " in\n" + report);
    return found.get(0);
  }

  @Test
  void identicalYesNoColumnsAreReported() {
    AuditFinding identical = only(audit((i, row) -> row.put(PROMO, row.get(DISCOUNT))), Kind.IDENTICAL_COLUMNS);

    assertEquals(List.of(DISCOUNT, PROMO), identical.columns());
    assertEquals(Severity.WARNING, identical.severity());
    assertTrue(identical.message().startsWith("Discount Applied and Promo Code Used hold the same value in every row"),
        identical.message());
  }

  @Test
  void oppositeYesNoColumnsAreReportedAsOneToOne() {
    AuditReport report = audit((i, row) -> row.put(PROMO, row.get(DISCOUNT).equals("Yes") ? "No" : "Yes"));

    AuditFinding derived = only(report, Kind.DERIVED_COLUMN);
    assertEquals(List.of(DISCOUNT, PROMO), derived.columns());
    assertTrue(derived.message().startsWith("Discount Applied is Yes exactly where Promo Code Used is No"), derived.message());
    assertEquals(List.of(), report.findings(Kind.IDENTICAL_COLUMNS));
  }

  @Test
  void subscriptionAlwaysWithDiscountIsReportedOnceAsAnImplication() {
    AuditReport report = audit((i, row) -> {
      if (row.get(SUBSCRIPTION).equals("Yes")) row.put(DISCOUNT, "Yes");
    });

    AuditFinding implied = only(report, Kind.IMPLIED_VALUE);
    assertEquals(List.of(SUBSCRIPTION, DISCOUNT), implied.columns());
    assertTrue(implied.message().startsWith("Subscription Status = Yes always comes with Discount Applied = Yes (all "),
        implied.message());
  }

  @Test
  void discountOnlyForMenIsReportedAsAnImpliedGender() {
    AuditFinding implied = only(audit((i, row) -> {
      if (row.get(DISCOUNT).equals("Yes")) row.put(GENDER, "Male");
    }), Kind.IMPLIED_VALUE);

    assertEquals(List.of(GENDER, DISCOUNT), implied.columns());
    assertTrue(implied.message().startsWith("Discount Applied = Yes always comes with Gender = Male"), implied.message());
  }

  @Test
  void relationsOfADuplicateColumnNameOnlyTheFirstColumn() {
    AuditReport report = audit((i, row) -> {
      if (row.get(SUBSCRIPTION).equals("Yes")) row.put(DISCOUNT, "Yes");
      row.put(PROMO, row.get(DISCOUNT));
    });

    only(report, Kind.IDENTICAL_COLUMNS);
    assertEquals(List.of(SUBSCRIPTION, DISCOUNT), only(report, Kind.IMPLIED_VALUE).columns());
  }

  @Test
  void categoryDeterminedByItemIsReported() {
    Map<String, String> categoryOf = Map.of(
        "Blouse", "Clothing", "Jeans", "Clothing", "Sandals", "Footwear", "Boots", "Footwear", "Hat", "Accessories");
    AuditFinding derived = only(audit((i, row) -> row.put(CATEGORY, categoryOf.get(row.get(ITEM)))), Kind.DERIVED_COLUMN);

    assertEquals(List.of(ITEM, CATEGORY), derived.columns());
    assertEquals(Severity.INFO, derived.severity());
    assertTrue(derived.message().startsWith("Category is determined by Item Purchased: each of its 5 values comes with "
        + "a single Category"), derived.message());
  }

  @Test
  void synonymFrequencyLabelsAreReportedWithTheirCounts() {
    AuditReport report = audit((i, row) -> row.put(FREQUENCY,
        i < 30 ? "Bi-Weekly" : i < 50 ? "Fortnightly" : i < 60 ? "Quarterly" : i < 65 ? "Every 3 Months" : "Monthly"));

    List<String> messages = report.findings(Kind.SYNONYM_LABELS).stream().map(AuditFinding::message).toList();
    assertEquals(List.of(
        "Bi-Weekly (30 rows) and Fortnightly (20 rows) both mean 26 purchases a year; count them as one group "
            + "(50 rows) or use purchases per year, not the label",
        "Quarterly (10 rows) and Every 3 Months (5 rows) both mean 4 purchases a year; count them as one group "
            + "(15 rows) or use purchases per year, not the label"), messages);
  }

  @Test
  void constantColumnIsReported() {
    AuditFinding constant = only(audit((i, row) -> row.put(GENDER, "Female")), Kind.CONSTANT_COLUMN);

    assertEquals(List.of(GENDER), constant.columns());
    assertEquals("Gender is Female in every row, so it cannot explain any difference between customers", constant.message());
  }

  @Test
  void missingRatingsAreCountedWithTheirShare() {
    AuditFinding missing = only(audit((i, row) -> {
      if (i % 4 == 0) row.put(RATING, "");
    }), Kind.MISSING_VALUES);

    assertEquals(List.of(RATING), missing.columns());
    assertEquals("Review Rating is missing in 50 of 200 rows (25.0%); averages and models see only the rest",
        missing.message());
  }

  @Test
  void outlyingAmountIsReportedWithItsFences() {
    // 39 rows of 40, then 40 rows each of 50, 60, 70 and 80, and one of 1000: quartiles 50 and 70.
    AuditFinding outliers = only(audit((i, row) -> row.put(AMOUNT, i == 0 ? "1000" : String.valueOf(40 + i % 5 * 10))),
        Kind.OUTLIERS);

    assertEquals(List.of(AMOUNT), outliers.columns());
    assertEquals("Purchase Amount (USD) has 1 value outside the Tukey fences [20, 100] (quartiles 50 and 70, "
        + "1.5 \u00d7 IQR beyond them): 1 above (highest 1000)", outliers.message());
  }

  @Test
  void noTimestampsAndNoOutcomeAreAlwaysStated() {
    AuditReport report = varied();

    for (Kind kind : List.of(Kind.NO_TIMESTAMPS, Kind.NO_OUTCOME)) {
      AuditFinding limitation = only(report, kind);
      assertEquals(Severity.LIMITATION, limitation.severity());
      assertEquals(List.of(), limitation.columns());
    }
  }

  @Test
  void extraIsoDateColumnSuppressesNoTimestamps() {
    AuditReport report = audit((i, row) -> row.put("Order Date", LocalDate.of(2024, 1, 1).plusDays(i).toString()));

    assertEquals(List.of(), report.findings(Kind.NO_TIMESTAMPS));
    only(report, Kind.NO_OUTCOME);
    assertEquals("1 extra column is a feature that rules, score terms and action texts can name: Order Date as "
        + "order_date (ISO dates or times, kept as text)",
        only(report, Kind.EXTRA_COLUMNS).message());
  }

  @Test
  void extraColumnWithSomeNonDatesLeavesNoTimestampsStanding() {
    AuditReport report = audit((i, row) -> row.put("Note", i == 7 ? "soon" : "2024-01-0" + (1 + i % 9)));

    only(report, Kind.NO_TIMESTAMPS);
    assertEquals(List.of("Note"), only(report, Kind.EXTRA_COLUMNS).columns());
  }

  @Test
  void cleanVariedTableReportsOnlyWhatTheSchemaCannotSupport() {
    List<Kind> kinds = varied().findings().stream().map(AuditFinding::kind).toList();

    assertEquals(List.of(Kind.NO_TIMESTAMPS, Kind.NO_OUTCOME), kinds);
  }

  @Test
  void skippedRowsAreReportedWithTheirLines() {
    String csv = csv(ROWS, (i, row) -> {
      if (i == 3) row.put("Age", "forty");
    });

    AuditFinding skipped = only(audit(csv, ReadOptions.lenient()), Kind.SKIPPED_ROWS);

    assertEquals(List.of("Age"), skipped.columns());
    assertEquals("A lenient read skipped 1 row (line 5); everything here describes the 199 rows kept", skipped.message());
  }

  @Test
  void plainTextReportHasASummaryAndEachFindingWrappedToOneHundredColumns() {
    assertEquals("""
        Audit of x.csv: 200 rows, 18 columns, 2 findings
        LIMITATION  NO_TIMESTAMPS      No column holds dates or times: the table is one snapshot per
                                       customer, so hourly heatmaps, 30-day trends, funnels and cohorts
                                       cannot be drawn from it alone
        LIMITATION  NO_OUTCOME         No column records what customers did after this snapshot (a later
                                       purchase, churn, a response to an offer), so predictions from it
                                       cannot be evaluated against outcomes; they describe patterns within
                                       the snapshot""",
        varied().toString());
  }

  @Test
  void tableHasOneRowPerFinding() {
    AuditReport report = audit((i, row) -> row.put(PROMO, row.get(DISCOUNT)));

    Table table = report.asTable();

    assertEquals(List.of("kind", "severity", "columns", "message"), table.columnNames());
    assertEquals(report.findings().size(), table.rowCount());
    assertEquals("Discount Applied, Promo Code Used", table.stringColumn("columns").get(0));
  }

  @Test
  void reportSerialisesToJsonWithoutTheTable() throws Exception {
    AuditReport report = audit((i, row) -> row.put(PROMO, row.get(DISCOUNT)));
    ObjectMapper json = new ObjectMapper();

    String text = json.writeValueAsString(report);

    List<String> fields = new ArrayList<>();
    json.readTree(text).fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("source", "rows", "columns", "findings"), fields);
    assertEquals(report, json.readValue(text, AuditReport.class));
  }
}
