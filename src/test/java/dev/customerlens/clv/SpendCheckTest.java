package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Spend figures, the season sentence and decile flags, on hand-worked numbers. */
class SpendCheckTest {
  @Test
  void spendFiguresAreTotalsMeanAbsoluteErrorAndRankCorrelation() {
    SpendCheck check = SpendCheck.of("test", new double[] {10, 20, 30, 40}, new double[] {0, 20, 50, 30}, "none");

    assertEquals(100, check.predictedTotal());
    assertEquals(100, check.actualTotal());
    assertEquals(0, check.errorPercent());
    assertEquals((10 + 0 + 20 + 10) / 4.0, check.mae());
    // Ranks 1 2 3 4 against 1 2 4 3: 1 - 6 * 2 / (4 * 15) = 0.8.
    assertEquals(0.8, check.spearman(), 1e-12);
  }

  @Test
  void tiedValuesShareTheirMidRank() {
    // Ranks 1.5 1.5 3 against 1 2 3: Pearson of those is sqrt(3)/2.
    assertEquals(Math.sqrt(3) / 2, SpendCheck.spearman(new double[] {5, 5, 9}, new double[] {1, 2, 3}), 1e-12);
  }

  @Test
  void holdoutMonthsTheCalibrationLacksAreNamed() {
    String season = Evaluation.season(LocalDate.of(2011, 1, 1), LocalDate.of(2011, 6, 30), LocalDate.of(2011, 12, 31));

    assertTrue(season.contains("July, August, September, October, November, December"), season);
    assertTrue(Evaluation.season(LocalDate.of(2010, 1, 1), LocalDate.of(2011, 6, 30), LocalDate.of(2011, 12, 31))
        .startsWith("every calendar month"));
  }

  @Test
  void decileIsFlaggedWhenForecastAndObservedShareDifferByMoreThanTenPoints() {
    assertTrue(new CalibrationBin(1, 10, 0.30, 0.45, 1, 1).offByMoreThan10Points());
    assertFalse(new CalibrationBin(1, 10, 0.30, 0.39, 1, 1).offByMoreThan10Points());
  }
}
