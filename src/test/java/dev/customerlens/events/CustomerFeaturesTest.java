package dev.customerlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.persona.PersonaRules;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Every log feature on a few hand-written lines, with the arithmetic worked out beside each check. */
class CustomerFeaturesTest {
  private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

  /** Customer 1: three invoices, a cancellation, a line in France; customer 2: one purchase and a return. */
  private static final String TRANSACTIONS = """
      Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
      1001,A,MUG,2,2024-01-01 10:00:00,5.00,1,United Kingdom
      1001,B,PLATE,1,2024-01-01 10:00:00,20.00,1,United Kingdom
      1002,A,MUG,4,2024-03-01 15:00:00,5.00,1,United Kingdom
      C1003,A,MUG,-1,2024-03-02 09:00:00,5.00,1,United Kingdom
      1004,B,PLATE,3,2024-06-20 10:30:00,20.00,1,France
      2001,A,MUG,1,2024-06-28 18:00:00,5.00,2,Germany
      2002,A,MUG,-2,2024-06-29 18:00:00,5.00,2,Germany
      """;

  private static Table features(String text, LogFormat format) {
    EventLog log = EventLog.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "log.csv", format,
        LogReadOptions.strict());
    return CustomerFeatures.of(log, AS_OF);
  }

  private static double number(Table t, String column, int row) {
    return ((tech.tablesaw.api.NumericColumn<?>) t.column(column)).getDouble(row);
  }

  @Test
  void purchasesSpendAndTimingFollowTheStatedRules() {
    Table t = features(TRANSACTIONS, LogFormat.TRANSACTIONS);
    assertEquals(2, t.rowCount());
    assertEquals("1", t.stringColumn("customer_id").get(0));
    // Invoices 1001 (2 × 5 + 1 × 20 = 30), 1002 (4 × 5 = 20) and 1004 (3 × 20 = 60); C1003 is a cancellation.
    assertEquals(3, number(t, "orders", 0));
    assertEquals(3, number(t, "purchase_days", 0));
    assertEquals(2 + 1 + 4 + 3, number(t, "units", 0));
    assertEquals(110, number(t, "spend", 0), 1e-9);
    assertEquals(110 / 3.0, number(t, "amount", 0), 1e-9);
    // 2024 is a leap year: 1 January to 30 June is 181 days; 20 June to 30 June is 10.
    assertEquals(181, number(t, "tenure_days", 0));
    assertEquals(10, number(t, "recency_days", 0));
    assertEquals(3 * 365.0 / 181, number(t, "purchases_per_year", 0), 1e-9);
    // 1 January to 20 June is 171 days over 2 gaps; 1 March to 20 June is 111 days.
    assertEquals(85.5, number(t, "mean_interpurchase_days", 0), 1e-9);
    assertEquals(111, number(t, "last_interpurchase_days", 0));
    assertEquals(LocalDate.of(2024, 1, 1), t.dateColumn("first_purchase").get(0));
    assertEquals(LocalDate.of(2024, 6, 20), t.dateColumn("last_purchase").get(0));
  }

  @Test
  void trendComparesTheLastNinetyDaysWithTheNinetyBefore() {
    Table t = features(TRANSACTIONS, LogFormat.TRANSACTIONS);
    // 20 June is 10 days back (last window: 60); 1 March is 121 days back (previous window: 20);
    // 1 January is 181 days back, in neither.
    assertEquals(60, number(t, "spend_last_90d", 0), 1e-9);
    assertEquals(20, number(t, "spend_prev_90d", 0), 1e-9);
    assertEquals(3.0, number(t, "trend_ratio", 0), 1e-9);
    assertEquals("rising", t.stringColumn("trend").get(0));
    // Customer 2 first bought 2 days ago: too new for a trend.
    assertEquals("new", t.stringColumn("trend").get(1));
    assertTrue(t.doubleColumn("trend_ratio").isMissing(1));
  }

  @Test
  void cancellationsReturnsProductsAndCountryComeFromTheInvoiceLines() {
    Table t = features(TRANSACTIONS, LogFormat.TRANSACTIONS);
    // Customer 1: one cancelled line beside four kept lines; customer 2: one return beside one kept line.
    assertEquals(1 / 5.0, number(t, "cancellation_share", 0), 1e-9);
    assertEquals(0, number(t, "return_share", 0), 1e-9);
    assertEquals(0, number(t, "cancellation_share", 1), 1e-9);
    assertEquals(1 / 2.0, number(t, "return_share", 1), 1e-9);
    // PLATE 20 + 60 = 80 against MUG 10 + 20 = 30: 73% and 27% of 110.
    assertEquals("PLATE", t.stringColumn("category").get(0));
    assertEquals("PLATE 73%, MUG 27%", t.stringColumn("top_categories").get(0));
    // Three lines in the United Kingdom, one in France.
    assertEquals("United Kingdom", t.stringColumn("country").get(0));
    assertEquals("Germany", t.stringColumn("country").get(1));
  }

  @Test
  void preferredWeekdayAndHourAreTheMostCommonWithTiesToTheEarliest() {
    Table t = features(TRANSACTIONS, LogFormat.TRANSACTIONS);
    // Monday 1 January, Friday 1 March, Thursday 20 June: one each, so Monday; hours 10, 15, 10: 10.
    assertEquals("Monday", t.stringColumn("preferred_weekday").get(0));
    assertEquals(10, number(t, "preferred_hour", 0));
    assertEquals("Friday", t.stringColumn("preferred_weekday").get(1));
    assertEquals(18, number(t, "preferred_hour", 1));
  }

  @Test
  void anEventLogHasBrowsingButNoInvoiceLines() {
    Table t = features("""
        customer_id,timestamp,event,category,amount
        7,2024-06-01T09:00:00,view,Shoes,
        7,2024-06-01T09:05:00,cart,Shoes,
        7,2024-06-01T09:10:00,purchase,Shoes,40
        8,2024-06-02T09:00:00,view,Hats,
        """, LogFormat.EVENTS);
    assertEquals(1, number(t, "views", 0));
    assertEquals(1, number(t, "carts", 0));
    assertEquals(1, number(t, "views", 1));
    assertEquals(40, number(t, "spend", 0), 1e-9);
    assertEquals("Shoes", t.stringColumn("category").get(0));
    assertTrue(t.doubleColumn("units").isMissing(0), "an event log records no quantities");
    assertTrue(t.doubleColumn("cancellation_share").isMissing(0));
    assertEquals("", t.stringColumn("country").get(0));
    // Customer 8 only looked: no purchase, so no recency, no order value.
    assertEquals(0, number(t, "orders", 1));
    assertTrue(t.doubleColumn("recency_days").isMissing(1));
    assertTrue(t.doubleColumn("amount").isMissing(1));
  }

  @Test
  void eventsAfterTheAnalysisDateDoNotCount() {
    EventLog log = EventLog.read(new ByteArrayInputStream(TRANSACTIONS.getBytes(StandardCharsets.UTF_8)), "log.csv",
        LogFormat.TRANSACTIONS, LogReadOptions.strict());
    Table asOfMarch = CustomerFeatures.of(log, LocalDate.of(2024, 3, 1));
    // Only invoices 1001 and 1002 by 1 March; customer 2 had not appeared.
    assertEquals(1, asOfMarch.rowCount());
    assertEquals(50, number(asOfMarch, "spend", 0), 1e-9);
    assertEquals(0, number(asOfMarch, "recency_days", 0));
  }

  @Test
  void logPersonasFollowRecencyFrequencyAndTenure() {
    // As of 30 June: A bought on 10 days up to 29 June and spent most; B first bought 1 June; C once, in
    // January; D on 5 days up to 8 January; E on 2 days up to 5 January; F only looked.
    StringBuilder log = new StringBuilder("customer_id,timestamp,event,category,amount\n");
    for (int d = 20; d <= 29; d++) log.append("A,2024-06-").append(d).append("T12:00:00,purchase,Toys,100\n");
    log.append("B,2024-06-01T12:00:00,purchase,Toys,30\n");
    log.append("C,2024-01-10T12:00:00,purchase,Toys,20\n");
    for (int d = 4; d <= 8; d++) log.append("D,2024-01-0").append(d).append("T12:00:00,purchase,Toys,10\n");
    log.append("E,2024-01-01T12:00:00,purchase,Toys,15\n").append("E,2024-01-05T12:00:00,purchase,Toys,15\n");
    log.append("F,2024-06-30T12:00:00,view,Toys,\n");
    Table t = features(log.toString(), LogFormat.EVENTS);
    t.addColumns(PersonaRules.forLogs().assign(t));
    // Recency in days: A 1, B 29, C 172, D 174, E 177, so by quintile A 5, B 4, C 3, D 2, E 1.
    // Frequency: A 10 is the top fifth; spend: A 1,000 is the top fifth. So A is a Premium Loyalist;
    // B is new (29 days); C bought on one day; D (r 2, 5 days) is at risk; E (r 1, 2 days) is lost.
    assertEquals("Premium Loyalist", persona(t, "A"));
    assertEquals("New Customer", persona(t, "B"));
    assertEquals("One-off", persona(t, "C"));
    assertEquals("At Risk", persona(t, "D"));
    assertEquals("Lost", persona(t, "E"));
    assertEquals("Browser", persona(t, "F"));
  }

  private static String persona(Table t, String id) {
    return t.where(t.stringColumn("customer_id").isEqualTo(id)).stringColumn("persona").get(0);
  }
}
