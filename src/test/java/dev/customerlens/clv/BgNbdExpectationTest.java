package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BgNbdExpectationTest {
  /**
   * Parameters a fit on 90,000 customers of a 10-million-line log reached: a and b so small that
   * a + b − 1 < 0, so the closed form does not apply and the expectation is integrated.
   */
  private static final BgNbd TINY_SHAPES = BgNbd.of(0.3995443146604487, 5.6402835987893996, 0.002807592159458051,
      0.010220452850375792);

  @Test
  void theIntegratedExpectationWithTinyBetaShapesSettlesBetweenItsBounds() {
    double t = 90 / 7.0;
    for (double age : new double[] {t, 20, 52}) {
      // A customer without a repeat is alive (x = 0), so the result is E[g(p)] with
      // g(p) = (1 − (1 + pt/(α+T))^−r) / p, which falls from g(0) = rt/(α+T) to g(1) as p rises.
      double rate = 5.6402835987893996 + age;
      double atZero = 0.3995443146604487 * t / rate;
      double atOne = -Math.expm1(-0.3995443146604487 * Math.log1p(t / rate));
      double expected = TINY_SHAPES.integratedExpectation(t, 0, 0, age);
      assertTrue(expected > atOne && expected < atZero, atOne + " < " + expected + " < " + atZero);
    }
  }

  @Test
  void theIntegratedExpectationMovesSmoothlyWithTheCustomersAge() {
    // Rounding noise in the integrand would show as jumps between neighbouring ages.
    double t = 90 / 7.0;
    double previous = TINY_SHAPES.integratedExpectation(t, 0, 0, 20);
    for (int step = 1; step <= 10; step++) {
      double next = TINY_SHAPES.integratedExpectation(t, 0, 0, 20 + step * 1e-3);
      assertTrue(next < previous, "an older customer expects fewer purchases in the same window");
      assertEquals(previous, next, 1e-4);
      previous = next;
    }
  }
}
