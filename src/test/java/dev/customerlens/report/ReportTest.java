package dev.customerlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.Fixtures;
import dev.customerlens.analysis.UnknownCustomerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void footerTracesEveryNumberToItsInputRulesAndParameters() {
    CustomerAnalytics a = CustomerAnalytics.sample();
    String html = a.report().withClock(FIXED).toHtml();
    assertTrue(html.contains("<dt>Input SHA-256</dt><dd>" + a.dataset().sha256() + "</dd>"));
    assertTrue(html.contains("2026-01-02T03:04:05Z"));
    assertTrue(html.contains("3,900 customers, 0 rows skipped"));
    assertTrue(html.contains("1. Premium Loyalist: subscribed AND previous_purchases &gt;= 25 AND amount &gt;= 60"));
    assertTrue(html.contains("&quot;horizon_days&quot; : 30"), "parameters are listed");
    assertTrue(html.contains("clv = amount * purchases_per_year"), "formulas are listed");
  }

  @Test
  void sameInputAndClockGiveTheSameReport() {
    CustomerAnalytics a = CustomerAnalytics.sample();
    assertEquals(a.report().withClock(FIXED).toHtml(), a.report().withClock(FIXED).toHtml());
  }

  @Test
  void textFromTheDataIsEscapedEverywhere() {
    String csv = Fixtures.smallCsv().replace(",Kentucky,", ",\"<img src=x onerror=alert(1)>\",")
        .replace(",Coat,", ",</script><b>bold</b>,");
    CustomerAnalytics a = CustomerAnalytics.load(Fixtures.write(dir, "c.csv", csv));
    String html = a.report().withCustomers(java.util.List.of("5")).toHtml();
    assertFalse(html.contains("<img src=x"), "no markup from the data");
    assertFalse(html.contains("</script><b>"), "no early end of a script");
    assertTrue(html.contains("Ask what went wrong with the &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"), "shown as text");
  }

  @Test
  void customerReportHasOnlyThatCustomer() {
    String html = CustomerAnalytics.sample().report().forCustomer("101").toHtml();
    assertTrue(html.contains("<h1>Customer 101</h1>"));
    assertFalse(html.contains("id=\"personas\""));
    assertEquals(4, count(html, "data-figure=\""));
  }

  @Test
  void unknownCustomerIsRefusedBeforeAnythingIsWritten() {
    assertThrows(UnknownCustomerException.class, () -> CustomerAnalytics.sample().report().forCustomer("nobody"));
  }

  @Test
  void writesTheFileWhole() throws Exception {
    Path file = CustomerAnalytics.sample().report().write(dir.resolve("r.html"));
    String html = Files.readString(file);
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left beside it");
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
    return n;
  }
}
