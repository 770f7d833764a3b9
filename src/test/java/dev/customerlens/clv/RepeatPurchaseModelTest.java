package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class RepeatPurchaseModelTest {
  private static RepeatPurchaseModel model;

  @BeforeAll
  static void fit() {
    model = RepeatPurchaseModel.fit(Cdnow.log(), Cdnow.CALIBRATION_END);
  }

  @Test
  void fitsBothModelsOnTheCalibrationPeriod() {
    assertEquals(0.243, model.purchases().r(), 0.0005);
    assertEquals(6.25, model.spend().orElseThrow().p(), 0.005);
    assertEquals(Cdnow.CALIBRATION_END, model.cohort().calibrationEnd());
  }

  @Test
  void forecastTableHasOneRowPerCustomer() {
    Table table = model.forecast(ForecastOptions.defaults());

    assertEquals(2357, table.rowCount());
    assertEquals(List.of("customer_id", "repeat_purchases", "days_since_last_purchase", "days_since_first_purchase",
        "p_alive", "expected_purchases", "churn_risk", "expected_spend", "clv"), table.columnNames());
    assertTrue(table.doubleColumn("churn_risk").min() >= 0 && table.doubleColumn("churn_risk").max() <= 1);
    assertTrue(table.doubleColumn("clv").min() > 0);
  }

  @Test
  void customerForecastStatesItsHorizonAndDate() {
    CustomerForecast first = model.forecast("0001", ForecastOptions.defaults()).orElseThrow();

    assertEquals("1997-09-30", first.asOf());
    assertEquals(2, first.repeatPurchases());
    assertEquals(59, first.daysSinceLastPurchase());
    assertEquals(90, first.horizonDays());
    assertTrue(first.probabilityAlive() > 0.5 && first.probabilityAlive() < 1, "P(alive) " + first.probabilityAlive());
    assertTrue(first.clv() > first.expectedSpendPerPurchase(), "a lifetime holds more than one purchase");
  }

  @Test
  void longerHorizonsExpectMorePurchasesAndLessChurn() {
    CustomerForecast quarter = model.forecast("0001", new ForecastOptions(90, 365, 0.1)).orElseThrow();
    CustomerForecast year = model.forecast("0001", new ForecastOptions(365, 365, 0.1)).orElseThrow();

    assertTrue(year.expectedPurchases() > quarter.expectedPurchases());
    assertTrue(year.churnRisk() < quarter.churnRisk());
  }

  @Test
  void discountingLowersLifetimeValue() {
    double undiscounted = model.forecast("0001", new ForecastOptions(90, 1095, 0)).orElseThrow().clv();
    double discounted = model.forecast("0001", new ForecastOptions(90, 1095, 0.2)).orElseThrow().clv();

    assertTrue(discounted < undiscounted, discounted + " vs " + undiscounted);
  }

  @Test
  void customerWithoutPurchasesByTheCalibrationEndHasNoForecast() {
    assertTrue(model.forecast("no such customer", ForecastOptions.defaults()).isEmpty());
  }

  @Test
  void optionsRejectImpossibleHorizons() {
    assertThrows(IllegalArgumentException.class, () -> new ForecastOptions(0, 365, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new ForecastOptions(90, 365, -0.1));
  }
}
