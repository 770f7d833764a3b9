package dev.customerlens.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BoxStatisticsTest {
  @Test
  void quartilesInterpolateAtPTimesNMinusAHalfAndWhiskersStopAtTheLastValueWithinOneAndAHalfIqr() {
    // Sorted: 1 2 3 4 5 6 7 100 (n = 8). Q1 at 0.25 × 8 − 0.5 = 1.5: halfway between 2 and 3;
    // the median at 3.5: between 4 and 5; Q3 at 5.5: between 6 and 7. IQR 4, so the upper whisker
    // may reach 6.5 + 6 = 12.5: it ends at 7 and 100 is an outlier; the lower one ends at 1.
    BoxStatistics box = BoxStatistics.of(new double[] {100, 7, 1, 6, 2, 5, 3, 4});
    assertEquals(new BoxStatistics(2.5, 4.5, 6.5, 1, 7, 16), box);
  }

  @Test
  void aSingleValueIsItsOwnBox() {
    assertEquals(new BoxStatistics(3, 3, 3, 3, 3, 3), BoxStatistics.of(new double[] {3}));
  }

  @Test
  void oddCountsTakeTheMiddleValueAsMedian() {
    // n = 5: Q1 at 0.75 (¾ of the way from 1 to 2), median at 2 (the value 3), Q3 at 3.25 (¼ from 4 to 100).
    BoxStatistics box = BoxStatistics.of(new double[] {1, 2, 3, 4, 100});
    assertEquals(1.75, box.q1());
    assertEquals(3, box.median());
    assertEquals(28, box.q3());
    assertEquals(1, box.lowerFence());
    assertEquals(28, box.upperFence(), "no value between Q3 and its reach: the whisker stays at Q3");
    assertEquals(22, box.mean());
  }
}
