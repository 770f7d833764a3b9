package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.EventLog;
import dev.customerlens.predict.Predictor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * A fitted forecast applied to any customers' events: what lets a cluster fit once and score its
 * customers a batch at a time, on the embedded log (where the learned model is chosen).
 */
class ForecastFitTest {
  private static final ToDoubleFunction<String> SPEND = id -> 120.0;
  private static final ToDoubleFunction<String> MEAN_ORDER = id -> 40.0;
  private static EventLog log;
  private static ForecastFit fit;
  private static List<String> ids;

  @BeforeAll
  static void fit() {
    log = EventLog.embedded();
    fit = ForecastFit.forLog(log, Predictor.defaults());
    ids = new ArrayList<>(new LinkedHashSet<>(log.table().stringColumn(EventLog.CUSTOMER_ID).asList()));
  }

  @Test
  void eachBatchOfCustomersScoredOnItsOwnEventsGetsTheScoresOfTheWholeLog() {
    Map<String, LogScore> whole = byId(fit.scores(log, ids, SPEND, MEAN_ORDER));
    Table events = log.table();
    // Three batches by a rule unrelated to the file's order, as a cluster's partitions are.
    for (int part = 0; part < 3; part++) {
      EventLog.Batch batch = EventLog.batch("batch " + part, fit.timesOfDay());
      List<String> mine = new ArrayList<>();
      for (String id : ids) if (Math.floorMod(id.hashCode(), 3) == part) mine.add(id);
      for (int row = 0; row < events.rowCount(); row++) {
        String id = events.stringColumn(EventLog.CUSTOMER_ID).get(row);
        if (Math.floorMod(id.hashCode(), 3) != part) continue;
        batch.add(id, events.dateTimeColumn(EventLog.TIMESTAMP).get(row), events.stringColumn(EventLog.EVENT).get(row),
            events.stringColumn(EventLog.CATEGORY).get(row),
            events.doubleColumn(EventLog.AMOUNT).isMissing(row) ? null : events.doubleColumn(EventLog.AMOUNT).getDouble(row));
      }
      List<LogScore> scored = fit.scores(batch.log(), mine, SPEND, MEAN_ORDER);
      assertEquals(mine.size(), scored.size());
      for (LogScore s : scored) assertEquals(whole.get(s.customerId()), s, s.customerId());
    }
    assertEquals(LearnedForecast.NAME, fit.model(), "the trees, the part most bound to the whole log, are what this checks");
  }

  @Test
  void theFitSentToAnotherMachineScoresAsTheOriginalDoes() throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(fit);
    }
    ForecastFit copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ForecastFit) in.readObject();
    }

    assertEquals(fit.scores(log, ids, SPEND, MEAN_ORDER), copy.scores(log, ids, SPEND, MEAN_ORDER));
  }

  @Test
  void aCustomerWhoOnlyBrowsedHasNoForecastAndNoValueYet() {
    EventLog.Batch batch = EventLog.batch("browsing", fit.timesOfDay());
    batch.add("v1", LocalDateTime.of(2024, 6, 1, 10, 0), "view", "Clothing", null);
    batch.add("v1", LocalDateTime.of(2024, 6, 2, 10, 0), "cart", "Clothing", null);

    LogScore s = fit.scores(batch.log(), List.of("v1"), SPEND, MEAN_ORDER).get(0);

    assertTrue(Double.isNaN(s.probabilityAlive()) && Double.isNaN(s.churnRisk())
        && Double.isNaN(s.purchaseProbability()) && Double.isNaN(s.expectedPurchases())
        && Double.isNaN(s.expectedSpend()));
    assertEquals(120.0, s.currentValue());
    assertEquals(0.0, s.expectedAnnualValue());
    assertEquals(0.0, s.clv());
    assertEquals(LogScore.NO_PURCHASE, s.factors());
    assertEquals("", s.model());
  }

  @Test
  void aLogWithoutAPurchaseByTheDateIsRefusedWithItsNameAndTheDate() {
    EventLog.Batch batch = EventLog.batch("views.csv", false);
    batch.add("v1", LocalDateTime.of(2024, 6, 1, 10, 0), "view", "Clothing", null);

    WorkspaceException refused = assertThrows(WorkspaceException.class,
        () -> ForecastFit.forLog(batch.log(), Predictor.defaults()));

    assertEquals("views.csv: no purchase on or before 2024-06-01: a log's forecasts and scores are made from its "
        + "customers' purchases", refused.getMessage());
  }

  @Test
  void everyCustomerWithAPurchaseIsScoredByTheChosenForecastWithProbabilitiesAndValuesInRange() {
    for (LogScore s : fit.scores(log, ids, SPEND, MEAN_ORDER)) {
      if (s.model().isEmpty()) continue;
      assertEquals(fit.model(), s.model());
      assertTrue(s.churnRisk() >= 0 && s.churnRisk() <= 1 && s.purchaseProbability() >= 0
          && s.purchaseProbability() <= 1, s.toString());
      assertTrue(s.clv() >= 0 && s.expectedAnnualValue() >= 0, s.toString());
    }
  }

  private static Map<String, LogScore> byId(List<LogScore> scores) {
    Map<String, LogScore> out = new java.util.HashMap<>();
    for (LogScore s : scores) out.put(s.customerId(), s);
    return out;
  }
}
