package dev.customerlens.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.data.Dataset;
import dev.customerlens.data.Field;
import dev.customerlens.data.ReadOptions;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The generated events must belong to the generated customers and behave as their types say. */
class SyntheticEventsTest {
  private static final long SEED = 2024;
  private static final int CUSTOMERS = 3000;
  private static Dataset customers;
  private static EventLog log;

  private static String events(long seed, int customers) {
    StringWriter out = new StringWriter();
    SyntheticEvents.withSeed(seed).customers(customers).writeCsv(out);
    return out.toString();
  }

  @BeforeAll
  static void generate() {
    StringWriter table = new StringWriter();
    SyntheticCustomers.withSeed(SEED).rows(CUSTOMERS).writeCsv(table);
    customers = Dataset.read(new ByteArrayInputStream(table.toString().getBytes(StandardCharsets.UTF_8)),
        "customers.csv", ReadOptions.strict());
    log = EventLog.read(new ByteArrayInputStream(events(SEED, CUSTOMERS).getBytes(StandardCharsets.UTF_8)),
        "events.csv", LogFormat.EVENTS, LogReadOptions.strict().withCustomers(customers));
  }

  /** Purchases per customer id within [from, to]. */
  private static Map<String, Integer> purchases(LocalDate from, LocalDate to) {
    Table t = log.table();
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < t.rowCount(); i++) {
      LocalDate day = t.dateTimeColumn("timestamp").get(i).toLocalDate();
      if (t.stringColumn("event").get(i).equals("purchase") && !day.isBefore(from) && !day.isAfter(to)) {
        out.merge(t.stringColumn("customer_id").get(i), 1, Integer::sum);
      }
    }
    return out;
  }

  private static double meanPurchases(String frequencyLabel) {
    Map<String, Integer> bought = purchases(LocalDate.MIN, LocalDate.MAX);
    Table table = customers.table();
    double sum = 0;
    int n = 0;
    for (int i = 0; i < table.rowCount(); i++) {
      if (!table.stringColumn(Field.FREQUENCY.header()).get(i).equals(frequencyLabel)) continue;
      sum += bought.getOrDefault(table.stringColumn(Field.CUSTOMER_ID.header()).get(i), 0);
      n++;
    }
    return sum / n;
  }

  @Test
  void everyEventBelongsToACustomerOfTheTableFromTheSameSeed() {
    assertTrue(log.rowCount() > 50_000, "events: " + log.rowCount());
    assertTrue(log.summary().customers() > CUSTOMERS * 0.8, "customers with events: " + log.summary().customers());
  }

  @Test
  void sameArgumentsGiveTheSameBytesAndAnotherSeedDoesNot() {
    assertEquals(events(7, 200), events(7, 200));
    assertNotEquals(events(7, 200), events(8, 200));
  }

  @Test
  void aCustomersEventsDoNotDependOnHowManyCustomersAreGenerated() {
    String fewer = events(7, 100);
    assertTrue(events(7, 300).startsWith(fewer));
  }

  @Test
  void eventsStayInsideTheWindowInTimeOrderPerCustomer() {
    Table t = log.table();
    for (int i = 1; i < t.rowCount(); i++) {
      if (!t.stringColumn("customer_id").get(i).equals(t.stringColumn("customer_id").get(i - 1))) continue;
      assertTrue(!t.dateTimeColumn("timestamp").get(i).isBefore(t.dateTimeColumn("timestamp").get(i - 1)), "row " + i);
    }
    assertEquals(SyntheticEvents.DEFAULT_START, log.firstDate());
    assertEquals(SyntheticEvents.DEFAULT_START.plusDays(SyntheticEvents.DEFAULT_DAYS - 1), log.lastDate());
  }

  @Test
  void customersWhoSayTheyBuyWeeklyBuyMoreThanThoseWhoSayAnnually() {
    double weekly = meanPurchases("Weekly");
    double annually = meanPurchases("Annually");
    assertTrue(weekly > 5 * annually, "weekly " + weekly + " vs annually " + annually);
  }

  @Test
  void someCustomersStopWhileOthersKeepBuying() {
    LocalDate middle = SyntheticEvents.DEFAULT_START.plusDays(SyntheticEvents.DEFAULT_DAYS / 2 - 1);
    Map<String, Integer> before = purchases(LocalDate.MIN, middle);
    Map<String, Integer> after = purchases(middle.plusDays(1), LocalDate.MAX);
    // Among customers who bought at least three times in the first half, a steady buyer rarely goes a whole half without buying.
    Set<String> regulars = new HashSet<>();
    before.forEach((id, n) -> {
      if (n >= 3) regulars.add(id);
    });
    long stopped = regulars.stream().filter(id -> !after.containsKey(id)).count();
    double share = (double) stopped / regulars.size();
    assertTrue(share > 0.05 && share < 0.5, "share of regular buyers who stopped: " + share);
  }

  @Test
  void subscribersAreMoreLikelyToBuyInTheSecondHalf() {
    LocalDate middle = SyntheticEvents.DEFAULT_START.plusDays(SyntheticEvents.DEFAULT_DAYS / 2 - 1);
    Map<String, Integer> after = purchases(middle.plusDays(1), LocalDate.MAX);
    Table table = customers.table();
    int[] buyers = new int[2];
    int[] all = new int[2];
    for (int i = 0; i < table.rowCount(); i++) {
      int subscribed = table.booleanColumn(Field.SUBSCRIPTION_STATUS.header()).get(i) ? 1 : 0;
      all[subscribed]++;
      if (after.containsKey(table.stringColumn(Field.CUSTOMER_ID.header()).get(i))) buyers[subscribed]++;
    }
    double subscribers = (double) buyers[1] / all[1];
    double others = (double) buyers[0] / all[0];
    assertTrue(subscribers > others + 0.1, "subscribers " + subscribers + " vs others " + others);
  }

  @Test
  void eveningsAreBusierThanTheSmallHoursAndSaturdaysBusierThanMondays() {
    var heatmap = log.activityHeatmap();
    int evening = 0;
    int night = 0;
    int saturday = 0;
    int monday = 0;
    for (DayOfWeek day : DayOfWeek.values()) {
      evening += heatmap.count(day, 20);
      night += heatmap.count(day, 4);
    }
    for (int hour = 0; hour < 24; hour++) {
      saturday += heatmap.count(DayOfWeek.SATURDAY, hour);
      monday += heatmap.count(DayOfWeek.MONDAY, hour);
    }
    assertTrue(evening > 10 * night, "20:00 " + evening + " vs 04:00 " + night);
    assertTrue(saturday > monday, "Saturday " + saturday + " vs Monday " + monday);
  }

  @Test
  void everyVisitFollowsTheFunnelOrder() {
    var funnel = log.funnel();
    assertTrue(funnel.views() > funnel.carts() && funnel.carts() > funnel.purchases(), funnel.toString());
  }

  @Test
  void rejectsAnEmptyWindowOrNoCustomers() {
    assertThrows(IllegalArgumentException.class, () -> SyntheticEvents.withSeed(1).customers(0));
    assertThrows(IllegalArgumentException.class, () -> SyntheticEvents.withSeed(1).days(0));
  }

  @Test
  void everyLatentTypeHasEventHabits() {
    for (Behaviour behaviour : Behaviour.ALL) assertTrue(EventHabits.of(behaviour) != null, behaviour.type().name());
  }
}
