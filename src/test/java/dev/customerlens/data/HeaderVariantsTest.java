package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.Fixtures;
import dev.customerlens.errors.WorkspaceException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three public releases of the table load; what is missing or ambiguous is said, never guessed. */
class HeaderVariantsTest {
  @TempDir Path dir;

  private Dataset read(String variant) {
    return Dataset.read(Fixtures.variant(dir, variant));
  }

  private Dataset read(String variant, String columns) {
    return Dataset.read(Fixtures.variant(dir, variant), ReadOptions.strict().withColumns(ColumnMapping.parse(columns)));
  }

  private static List<String> payments(Dataset dataset) {
    return dataset.table().stringColumn(Field.PAYMENT_METHOD.header()).asList();
  }

  /** The findings' messages, one a line: the printed report wraps long lines to fit a terminal. */
  private static String audit(Dataset dataset) {
    return String.join("\n", dataset.audit().findings().stream().map(AuditFinding::message).toList());
  }

  @Test
  void originalHeaderLoadsWithNothingMissingOrChosen() {
    Dataset dataset = read("original-18.csv");
    assertEquals(3, dataset.rowCount());
    assertEquals(List.of(), dataset.missingColumns());
    assertEquals(List.of(), dataset.headerChoices());
    assertEquals(List.of("Venmo", "Cash", "Credit Card"), payments(dataset));
  }

  @Test
  void snakeCaseReleaseWithoutPromoCodeLoadsAndTheAuditSaysWhatIsMissing() {
    Dataset dataset = read("snake-17.csv");
    assertEquals(3, dataset.rowCount());
    assertEquals(List.of(Field.PROMO_CODE_USED), dataset.missingColumns());
    assertEquals(java.util.Set.of("promo_used"), dataset.unavailableFeatures());
    assertEquals(3, dataset.table().booleanColumn(Field.PROMO_CODE_USED.header()).countMissing());
    // Every other column is read: the snake_case headers match the published names exactly.
    assertEquals(Boolean.TRUE, dataset.table().booleanColumn(Field.DISCOUNT_APPLIED.header()).get(1));
    assertEquals(34.0, dataset.table().doubleColumn(Field.PURCHASE_AMOUNT.header()).get(1));
    List<AuditFinding> missing = dataset.audit().findings(AuditFinding.Kind.MISSING_COLUMN);
    assertEquals(1, missing.size());
    assertEquals(List.of("Promo Code Used"), missing.get(0).columns());
    assertTrue(missing.get(0).message().startsWith("Promo Code Used is not in the file, so promo_used is unavailable"),
        missing.get(0).message());
    assertEquals(17, dataset.audit().columns(), "the audit counts the file's columns");
    // An absent column is one finding, not also "missing in 3 of 3 rows".
    assertEquals(List.of(), dataset.audit().findings(AuditFinding.Kind.MISSING_VALUES));
  }

  @Test
  void twentyColumnReleaseUsesTheExactPaymentMethodAndSaysWhatWasSetAside() {
    Dataset dataset = read("release-20.csv");
    assertEquals(3, dataset.rowCount());
    assertEquals(List.of(), dataset.missingColumns());
    assertEquals(List.of("Credit Card", "PayPal", "Cash"), payments(dataset));
    assertEquals(List.of("category_age", "Preferred_Payment_Method"), dataset.extraColumns());
    HeaderChoice payment = dataset.headerChoices().stream().filter(c -> c.field() == Field.PAYMENT_METHOD).findFirst()
        .orElseThrow();
    assertEquals(new HeaderChoice(Field.PAYMENT_METHOD, "Payment_Method", 14, HeaderChoice.How.EXACT_NAME,
        List.of("Preferred_Payment_Method")), payment);
    assertTrue(audit(dataset).contains("Payment Method is read from column 14 \"Payment_Method\" (exact name); set aside "
        + "as an extra column: \"Preferred_Payment_Method\", which could also be Payment Method. To use it instead: "
        + "--columns payment=Preferred_Payment_Method"), audit(dataset));
  }

  @Test
  void columnsOptionChoosesTheOtherPaymentMethodAndSetsTheExactOneAside() {
    Dataset dataset = read("release-20.csv", "payment=Preferred_Payment_Method");
    assertEquals(List.of("Venmo", "Cash", "Credit Card"), payments(dataset));
    assertEquals(List.of("category_age", "Payment_Method"), dataset.extraColumns());
    assertTrue(dataset.headerChoices().contains(new HeaderChoice(Field.PAYMENT_METHOD, "Preferred_Payment_Method", 19,
        HeaderChoice.How.CHOSEN, List.of("Payment_Method"))), dataset.headerChoices().toString());
  }

  @Test
  void aSimilarNameIsUsedWhenNoExactNameExistsAndTheAuditSaysSo() {
    Path file = Fixtures.write(dir, "customers.csv", Fixtures.smallCsv().replace("Payment Method", "Preferred Payment Method"));
    Dataset dataset = Dataset.read(file);
    assertEquals("Venmo", payments(dataset).get(0));
    assertEquals(List.of(new HeaderChoice(Field.PAYMENT_METHOD, "Preferred Payment Method", 17, HeaderChoice.How.SIMILAR_NAME, List.of())),
        dataset.headerChoices());
    assertEquals(1, dataset.audit().findings(AuditFinding.Kind.HEADER_CHOICE).size());
  }

  @Test
  void aMisspeltOptionalColumnLoadsAsMissingAndTheAuditNamesTheLikelyHeader() {
    Dataset dataset = Dataset.read(Fixtures.write(dir, "customers.csv",
        Fixtures.smallCsv().replace("Review Rating", "Reveiw Ratng")));
    assertEquals(List.of(Field.REVIEW_RATING), dataset.missingColumns());
    String message = dataset.audit().findings(AuditFinding.Kind.MISSING_COLUMN).get(0).message();
    assertTrue(message.endsWith("choose it with --columns rating=Reveiw Ratng"), message);
  }

  @Test
  void columnsNamingAHeaderTheFileLacksIsAnErrorOnTheHeaderLine() {
    DataFileException e = assertThrows(DataFileException.class, () -> read("release-20.csv", "payment=Favourite Payment"));
    assertEquals(1, e.issues().get(0).line());
    assertTrue(e.getMessage().contains("--columns payment=Favourite Payment names a header the file does not have"),
        e.getMessage());
  }

  @Test
  void columnsWithAnUnknownPartListsTheKnownParts() {
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> read("release-20.csv", "wallet=Payment_Method"));
    assertTrue(e.getMessage().contains("\"wallet\" is not a part of a customer table; known: customer_id, age"),
        e.getMessage());
  }

  @Test
  void readersWithAFixedLayoutRefuseAMissingColumnNamingIt() {
    List<String> header = Arrays.asList(Fixtures.smallCsv().split("\n")[0].replace(",Promo Code Used", "").split(","));
    DataFileException e = assertThrows(DataFileException.class, () -> HeaderMapping.of("big.csv", header));
    assertTrue(e.getMessage().startsWith("big.csv:1: Promo Code Used column is missing; this reader needs every schema "
        + "column (lens analyze reads a table without it)"), e.getMessage());
  }

  @Test
  void aRequiredColumnIsStillRequired() {
    DataFileException e = assertThrows(DataFileException.class, () -> Dataset.read(Fixtures.write(dir, "customers.csv",
        Fixtures.smallCsv().replace("Frequency of Purchases", "Cadence"))));
    assertTrue(e.getMessage().contains("Frequency of Purchases column is missing"), e.getMessage());
  }

  @Test
  void aFirstLineThatIsNoHeaderGetsAShortReadableMessageNotTheLineItself() {
    // 45 "headers", the first of them a million characters with a NUL in it: what a binary file or a headerless dump looks like.
    String huge = "\u0000" + "x".repeat(1_000_000);
    List<String> cells = new java.util.ArrayList<>(List.of(huge));
    for (int i = 2; i <= 45; i++) cells.add("c" + i);
    DataFileException e = assertThrows(DataFileException.class, () -> HeaderMapping.of("dump.csv", cells));
    String first = e.getMessage().lines().findFirst().orElseThrow();
    // The huge header shown as its first 57 characters, the NUL escaped; 40 headers listed and the other 5 counted.
    assertEquals("dump.csv:1: Customer ID column is missing; found: \\u0000" + "x".repeat(56) + "..., c2, c3, c4, c5, c6, "
        + "c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, "
        + "c29, c30, c31, c32, c33, c34, c35, c36, c37, c38, c39, c40 and 5 more", first);
    assertTrue(e.getMessage().length() < 20 * 1024, "every missing column's line is short: " + e.getMessage().length());
  }
}
