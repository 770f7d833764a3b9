package dev.customerlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public releases' headers on the command line: every command that reads customers accepts them. */
class VariantInputsCliTest {
  @TempDir Path dir;

  private String input(String variant) {
    return Fixtures.variant(dir, variant).toString();
  }

  @Test
  void personasOfTheSeventeenColumnReleaseListBargainHunterAsUnavailable() {
    CliRun run = CliRun.of("personas", "--input", input("snake-17.csv"), "--no-events");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("unavailable: needs promo_used."), run.out());
    assertTrue(run.err().contains("note: " + input("snake-17.csv") + " has no Promo Code Used column, so promo_used is "
        + "unavailable"), run.err());
  }

  @Test
  void theTwentyColumnReleaseSaysOnStderrWhichPaymentMethodItUses() {
    CliRun run = CliRun.of("analyze", "--customer", "1", "--format", "json", "--input", input("release-20.csv"));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("{"), "stdout stays clean JSON: " + run.out());
    assertTrue(run.err().contains("note: Payment Method is read from column 14 \"Payment_Method\" (exact name)"), run.err());
  }

  @Test
  void auditOfTheSeventeenColumnReleaseNamesTheMissingColumnAndWhatNeedsIt() {
    CliRun run = CliRun.of("audit", "--input", input("snake-17.csv"));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("MISSING_COLUMN     Promo Code Used is not in the file"), run.out());
    assertTrue(run.out().contains("persona rule Bargain Hunter, trait discount-driven"), run.out());
  }

  @Test
  void columnsOptionChoosesPreferredPaymentMethodAndTheAuditSaysSo() {
    CliRun chosen = CliRun.of("audit", "--input", input("release-20.csv"), "--columns", "payment=Preferred_Payment_Method");
    assertEquals(0, chosen.exitCode(), chosen.err());
    // The report wraps long findings to fit a terminal: read it as running text.
    assertTrue(chosen.out().replaceAll("\\s+", " ").contains("Payment Method is read from column 19 "
        + "\"Preferred_Payment_Method\" (chosen with --columns); set aside as an extra column: \"Payment_Method\""),
        chosen.out());
    CliRun json = CliRun.of("analyze", "--customer", "1", "--format", "json", "--input", input("release-20.csv"),
        "--columns", "payment=Preferred_Payment_Method");
    assertEquals(0, json.exitCode(), json.err());
  }

  @Test
  void columnsOptionWithAnUnknownPartIsBadUsage() {
    CliRun run = CliRun.of("personas", "--input", input("release-20.csv"), "--columns", "wallet=Payment_Method");
    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().contains("\"wallet\" is not a part of a customer table"), run.err());
  }

  @Test
  void batchScoringRefusesTheSeventeenColumnReleaseNamingTheMissingColumn() {
    CliRun run = CliRun.of("score", "--input", input("snake-17.csv"), "--out", dir.resolve("scored").toString());
    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().contains("snake-17.csv:1: Promo Code Used column is missing; this reader needs every schema column"),
        run.err());
    assertFalse(Files.exists(dir.resolve("scored").resolve("scores.csv")));
  }

  @Test
  void batchScoringAcceptsTheTwentyColumnRelease() {
    CliRun run = CliRun.of("score", "--input", input("release-20.csv"), "--out", dir.resolve("scored").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.exists(dir.resolve("scored").resolve("scores.csv")));
  }
}
