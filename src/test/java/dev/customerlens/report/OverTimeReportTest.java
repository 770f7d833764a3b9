package dev.customerlens.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The report's "Over time" section: for a log's customers only, and only with two quarters of log. */
class OverTimeReportTest {
  @Test
  void aLogsCustomersGetMigrationStabilityAndDriftSections() {
    // The embedded log covers 2024-01-01 to 2024-06-30: two quarters, ending 03-31 and 06-30.
    String html = CustomerAnalytics.sampleLog().report().toHtml();
    assertTrue(html.contains("<section id=\"over-time\"><h2>Over time</h2>"), "section");
    assertTrue(html.contains("Personas as of 2024-03-31 against 2024-06-30."), "migration dates");
    assertTrue(html.contains("\"type\":\"sankey\""), "the Sankey figure");
    assertTrue(html.contains("How sure the personas are"), "stability");
    assertTrue(html.contains("below 80% the persona is unstable"), "the stability threshold is stated");
    assertTrue(html.contains("PSI = Σ over bins"), "the drift formula is stated");
    assertTrue(html.contains("0.1 to 0.25 watch, 0.25 or more act"), "the drift thresholds are stated");
  }

  @Test
  void aCustomerTablesRowsCarryNoDatesSoTheSectionIsLeftOut() {
    String html = CustomerAnalytics.sample().report().toHtml();
    assertFalse(html.contains("id=\"over-time\""));
  }

  @Test
  void aLogShorterThanTwoQuartersSaysSoInsteadOfComparing() {
    // The embedded log as of 2024-05-01: 122 days.
    String html = CustomerAnalytics.sampleLog().asOf(LocalDate.of(2024, 5, 1)).report().toHtml();
    assertTrue(html.contains("The log covers 2024-01-01 to 2024-05-01: migration and drift compare two quarters, "
        + "so they need 182 days or more."), "says why");
    assertFalse(html.contains("\"type\":\"sankey\""));
  }
}
