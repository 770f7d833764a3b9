package dev.customerlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Heatmap, interest trend, funnel and RFM from a small event log. */
class LogAnalysisTest {
  // 2024-03-04 is a Monday.
  private static final String LOG = "customer_id,timestamp,event,category,amount\n"
      + "1,2024-03-04T09:15:00,view,Clothing,\n"
      + "1,2024-03-04T09:17:00,view,Clothing,\n"
      + "1,2024-03-04T09:20:00,cart,Clothing,\n"
      + "1,2024-03-04T09:25:00,purchase,Clothing,50\n"
      + "2,2024-03-10T23:59:00,view,Footwear,\n"
      + "2,2024-03-10T23:59:30,cart,Footwear,\n"
      + "3,2024-02-01T12:00:00,view,,\n"
      + "3,2024-04-01T12:00:00,view,Outerwear,\n";

  private static EventLog read(String text, LogFormat format) {
    return EventLog.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "log.csv", format,
        LogReadOptions.strict());
  }

  private static EventLog log() {
    return read(LOG, LogFormat.EVENTS);
  }

  @Test
  void heatmapRunsMondayToSundayAndMidnightToElevenPm() {
    ActivityHeatmap heatmap = log().activityHeatmap();

    assertEquals(List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), heatmap.weekdays());
    assertEquals(IntStream.range(0, 24).boxed().toList(), heatmap.hours());
    assertEquals(4, heatmap.count(DayOfWeek.MONDAY, 9));
    assertEquals(2, heatmap.count(DayOfWeek.SUNDAY, 23));
    assertEquals(8, heatmap.events());
  }

  @Test
  void heatmapTableHasOneRowPerWeekdayAndOneColumnPerHour() {
    Table table = log().activityHeatmap().toTable();

    assertEquals(7, table.rowCount());
    assertEquals(25, table.columnCount());
    assertEquals("Monday", table.stringColumn("weekday").get(0));
    assertEquals("0", table.columnNames().get(1));
    assertEquals("23", table.columnNames().get(24));
    assertEquals(4, table.intColumn("9").get(0));
  }

  @Test
  void heatmapIsUnavailableForDatesWithoutTimes() {
    ActivityHeatmap heatmap = read("1 0001 19970101 1 9.99\n", LogFormat.CDNOW).activityHeatmap();

    assertFalse(heatmap.available());
    assertTrue(heatmap.reason().contains("without times of day"), heatmap.reason());
  }

  @Test
  void perCustomerHeatmapCountsOnlyThatCustomer() {
    assertEquals(0, log().customer("1").activityHeatmap().count(DayOfWeek.SUNDAY, 23));
    assertEquals(4, log().customer("1").activityHeatmap().count(DayOfWeek.MONDAY, 9));
  }

  @Test
  void interestTrendCoversEachDayUpToTheAnalysisDate() {
    InterestTrend trend = log().interestTrend(LocalDate.of(2024, 3, 10));

    assertEquals(30, trend.dates().size());
    assertEquals("2024-02-10", trend.dates().get(0));
    assertEquals("2024-03-10", trend.dates().get(29));
    assertEquals(List.of("Clothing", "Footwear"), trend.categories().stream().map(InterestTrend.Series::category).toList());
    assertEquals(4, trend.categories().get(0).counts().get(23), "2024-03-04 is day 24 of the window");
    assertEquals(2, trend.total().get(29));
    assertEquals(6, trend.total().stream().mapToInt(Integer::intValue).sum(), "events before or after the window are left out");
  }

  @Test
  void uncategorisedEventsCountInTheTotalOnly() {
    InterestTrend trend = log().interestTrend(LocalDate.of(2024, 2, 1), 1);

    assertEquals(List.of(1), trend.total());
    assertTrue(trend.categories().isEmpty());
  }

  @Test
  void interestTrendTableHasDateTotalAndOneColumnPerCategory() {
    Table table = log().interestTrend(LocalDate.of(2024, 3, 10)).toTable();

    assertEquals(List.of("date", "total", "Clothing", "Footwear"), table.columnNames());
    assertEquals(30, table.rowCount());
  }

  @Test
  void funnelCountsEachStepAndTheRatiosBetweenThem() {
    Funnel funnel = log().funnel();

    assertTrue(funnel.available());
    assertEquals(5L, funnel.views());
    assertEquals(2L, funnel.carts());
    assertEquals(1L, funnel.purchases());
    assertEquals(0.4, funnel.viewToCart(), 1e-12);
    assertEquals(0.5, funnel.cartToPurchase(), 1e-12);
    assertEquals(0.2, funnel.viewToPurchase(), 1e-12);
  }

  @Test
  void funnelIsUnavailableForAPurchasesOnlyEventLog() {
    String purchasesOnly = "customer_id,timestamp,event,category,amount\n1,2024-03-04T09:25:00,purchase,Clothing,50\n";
    Funnel funnel = read(purchasesOnly, LogFormat.EVENTS).funnel();

    assertFalse(funnel.available());
    assertTrue(funnel.reason().contains("purchase events only"), funnel.reason());
  }

  @Test
  void customerWithoutCartsHasNoCartToPurchaseRatio() {
    Funnel funnel = log().customer("3").funnel();

    assertTrue(funnel.available(), "the log has browsing events, so the funnel is defined for each customer");
    assertEquals(0L, funnel.carts());
    assertEquals(null, funnel.cartToPurchase());
  }

  @Test
  void rfmScoresByQuintileWithTiesSharingAScore() {
    StringBuilder text = new StringBuilder("customer_id,timestamp,event,category,amount\n");
    // Customer c buys c times, the last time c days before 2024-03-31, spending 10 × c each time.
    for (int c = 1; c <= 10; c++) {
      for (int k = 0; k < c; k++) {
        text.append(c).append(",2024-03-").append(String.format("%02d", 31 - c - k)).append("T12:00:00,purchase,,")
            .append(10 * c).append('\n');
      }
    }
    // Customer 11 buys once, as customer 1 does, ten days before, as customer 10 did last.
    text.append("11,2024-03-21T12:00:00,purchase,,100\n");
    EventLog log = read(text.toString(), LogFormat.EVENTS);
    Table rfm = log.rfm(LocalDate.of(2024, 3, 31));

    RfmScore first = log.rfm("1", LocalDate.of(2024, 3, 31)).orElseThrow();
    RfmScore tenth = log.rfm("10", LocalDate.of(2024, 3, 31)).orElseThrow();
    RfmScore eleventh = log.rfm("11", LocalDate.of(2024, 3, 31)).orElseThrow();
    assertEquals(11, rfm.rowCount());
    assertEquals(1, first.recencyDays());
    assertEquals(5, first.recencyScore());
    assertEquals(1, tenth.recencyScore());
    assertEquals(5, tenth.frequencyScore());
    assertEquals(first.frequencyScore(), eleventh.frequencyScore(), "equal frequencies get equal scores");
    assertEquals(1, first.monetaryScore());
    assertEquals("511", first.cell());
    assertEquals(tenth.recencyScore(), eleventh.recencyScore(), "equal recencies get equal scores");
    assertEquals(List.of("customer_id", "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score",
        "rfm_cell", "rfm_total"), rfm.columnNames());
  }

  @Test
  void rfmLeavesOutCustomersWithoutPurchasesByTheAnalysisDate() {
    EventLog log = log();

    assertEquals(1, log.rfm(LocalDate.of(2024, 3, 31)).rowCount());
    assertTrue(log.rfm("2", LocalDate.of(2024, 3, 31)).isEmpty());
    assertEquals(0, log.rfm(LocalDate.of(2024, 3, 1)).rowCount());
  }
}
