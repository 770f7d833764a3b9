package dev.customerlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.Fixtures;
import dev.customerlens.chart.PlotlyJs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens real reports in headless Chromium with no network, as a reader would. */
class ReportBrowserIT {
  private static final String HOSTILE = "</script><script>alert(1)</script>";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;
  private static Path report;

  /** The embedded customers, with a script-injection attempt and a formula among the values. */
  @BeforeAll
  static void writeReportOfHostileData() throws Exception {
    String csv = Fixtures.readEmbedded()
        .replaceFirst("\n1,([^,]*),([^,]*),([^,]*),", "\n1,$1,$2,\"" + HOSTILE.replace("\"", "\"\"") + "\",")
        .replaceFirst("\n2,([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),",
            "\n2,$1,$2,$3,$4,$5,\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\",");
    Path input = Fixtures.write(dir, "hostile.csv", csv);
    CustomerAnalytics analytics = CustomerAnalytics.load(input);
    assertEquals(HOSTILE, analytics.customers().stringColumn("item").get(0));
    report = analytics.report().withCustomers(java.util.List.of("1", "2")).write(dir.resolve("report.html"));
  }

  @Test
  void everyChartOfTheReportIsDrawnAndTitledWithoutConsoleErrors() throws Exception {
    DrawnReport drawn = DrawnReport.of(HeadlessChromium.render(report, dir.resolve("profile-1")));
    assertEquals(10 + 2 * 4, drawn.figures(), "ten overview charts and four per drilled-down customer: " + drawn);
    assertTrue(drawn.allChartsDrawn(), drawn.toString());
  }

  @Test
  void aLogsReportDrawsItsMigrationSankeyAndEveryOtherChart() throws Exception {
    Path logReport = CustomerAnalytics.sampleLog().report().write(dir.resolve("log-report.html"));
    String page = Files.readString(logReport);
    assertTrue(page.contains("\"type\":\"sankey\""), "the report has the migration Sankey");
    DrawnReport drawn = DrawnReport.of(HeadlessChromium.render(logReport, dir.resolve("profile-6")));
    assertTrue(drawn.allChartsDrawn(), drawn.toString());
  }

  @Test
  void aBaseLargerThanAChartDrawsIsSummarisedAndSampledAndStillDrawnInFull() throws Exception {
    Path input = dir.resolve("large.csv");
    try (var out = Files.newBufferedWriter(input)) {
      dev.customerlens.generate.SyntheticCustomers.withSeed(11).rows(12_000).writeCsv(out);
    }
    Path large = CustomerAnalytics.load(input).report().write(dir.resolve("large-report.html"));
    String page = Files.readString(large);
    assertTrue(page.contains("\"lowerfence\""), "the boxes carry their statistics");
    assertTrue(page.contains("A random 10,000 of 12,000 customers"), "the scatter says it is a sample");
    assertTrue(Files.size(large) < 8_000_000, "plotly.js and a sample, not every customer: " + Files.size(large));
    DrawnReport drawn = DrawnReport.of(HeadlessChromium.render(large, dir.resolve("profile-7")));
    assertTrue(drawn.allChartsDrawn(), drawn.toString());
  }

  @Test
  void dataCannotInjectScriptIntoThePage() throws Exception {
    String dom = HeadlessChromium.render(report, dir.resolve("profile-2")).dom();
    assertFalse(dom.contains("<script>alert(1)</script>"), "the hostile value stayed text");
    assertTrue(dom.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "and is shown to the reader");
  }

  @Test
  void brokenChartsAreCaughtNotPassed() throws Exception {
    String page = Files.readString(report);
    Path broken = Files.writeString(dir.resolve("broken.html"), page.replace(PlotlyJs.scriptTag(), ""));
    DrawnReport drawn = DrawnReport.of(HeadlessChromium.render(broken, dir.resolve("profile-3")));
    assertFalse(drawn.allChartsDrawn(), drawn.toString());
    assertEquals(drawn.figures(), drawn.chartErrors(), "each undrawn chart says so on the page");
  }

  @Test
  void screenshotsForPeopleToLookAt() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path desktop = SCREENSHOTS.resolve("report-desktop.png");
    Path phone = SCREENSHOTS.resolve("report-phone.png");
    HeadlessChromium.screenshot(report, desktop, 1280, 4000, dir.resolve("profile-4"));
    HeadlessChromium.screenshot(report, phone, 500, 4000, dir.resolve("profile-5"));
    assertTrue(Files.size(desktop) > 50_000, "a real picture, not a blank page");
    assertTrue(Files.size(phone) > 50_000);
  }
}
