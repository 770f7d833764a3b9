package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.events.EventLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The one entry point for per-customer forecasts, on CDNOW. */
class ForecastsTest {
  private static EventLog log;
  private static Forecasts modelled;

  @BeforeAll
  static void forecast() {
    log = Cdnow.log();
    modelled = Forecasts.of(log, Cdnow.CALIBRATION_END, ForecastOptions.defaults());
  }

  @Test
  void everyCustomerWithAPurchaseByTheDateGetsOneForecastByTheChosenModel() {
    assertEquals(2357, modelled.customers().size());
    assertEquals(Forecasts.MODELLED, modelled.basis());
    assertNull(modelled.holdout());
    assertTrue(modelled.clvBasis().startsWith(Forecasts.MODELLED), modelled.clvBasis());
    for (PurchaseForecast f : modelled.customers()) {
      assertEquals(modelled.model(), f.model());
      assertEquals(1, f.purchaseProbability() + f.churnRisk(), 1e-12);
      assertNotNull(f.expectedSpend());
      assertTrue(f.clv() >= 0);
    }
  }

  @Test
  void probabilityAliveIsGivenWhereTheBgNbdFoundDropout() {
    // The CDNOW BG/NBD is interior (a = 0.79, b = 2.43): P(alive) means something for everyone.
    PurchaseForecast f = modelled.customer("0001").orElseThrow();

    assertNotNull(f.probabilityAlive());
    assertTrue(f.probabilityAlive() > 0 && f.probabilityAlive() <= 1);
  }

  @Test
  void driversNameWhatTheChosenForecastLeanedOn() {
    assertTrue(!modelled.drivers().isEmpty());
    if (modelled.model().equals(LearnedForecast.NAME)) {
      assertTrue(BehaviourFeatures.NAMES.contains(modelled.drivers().get(0).feature()));
    }
  }

  @Test
  void tableHasOneRowPerCustomerWithTheStatedColumns() {
    Table table = modelled.toTable();

    assertEquals(2357, table.rowCount());
    assertEquals(java.util.List.of("customer_id", "p_purchase", "expected_purchases", "expected_spend", "clv",
        "churn_risk", "p_alive", "model"), table.columnNames());
  }
}
