package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Customers who never drop out: the BG/NBD's best fit is the NBD, on the edge of its parameter space. */
class BoundaryFitTest {
  /** Poisson purchases at gamma(shape 1, rate 2) rates per week, for 20 to 52 weeks, nobody leaving. */
  private static List<PurchaseHistory> neverLeaving() {
    SplittableRandom random = new SplittableRandom(5);
    List<PurchaseHistory> out = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double rate = -Math.log(1 - random.nextDouble()) / 2; // exponential: gamma with shape 1
      double age = 20 + 32 * random.nextDouble();
      double t = 0;
      double last = 0;
      int x = 0;
      while (true) {
        t += -Math.log(1 - random.nextDouble()) / rate;
        if (t > age) break;
        x++;
        last = t;
      }
      out.add(new PurchaseHistory("c" + i, LocalDate.of(2024, 1, 1), x, last, age, 0, 0, 0));
    }
    return out;
  }

  @Test
  void fitReportsTheBoundaryAndNeverPresentsPAliveAsChurn() {
    BgNbd model = BgNbd.fit(neverLeaving());

    assertNotNull(model.boundary());
    assertTrue(model.boundary().contains("no sign of customers dropping out"), model.boundary());
    assertFalse(model.dropoutIdentified());
    assertEquals(1.0, model.probabilityAlive(3, 1, 40));
  }

  @Test
  void boundaryFitStillRecoversThePurchaseRatesAndForecastsFinitely() {
    BgNbd model = BgNbd.fit(neverLeaving());

    assertEquals(1.0, model.r(), 0.15);
    assertEquals(2.0, model.alpha(), 0.35);
    double expected = model.expectedPurchases(10, 3, 10, 30);
    double none = model.probabilityOfNoPurchase(10, 3, 10, 30);
    assertTrue(Double.isFinite(expected) && expected > 0, "expected " + expected);
    assertTrue(none > 0 && none < 1, "no purchase " + none);
    assertTrue(Double.isFinite(model.expectedPurchases(10)));
  }
}
