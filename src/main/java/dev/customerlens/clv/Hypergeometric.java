package dev.customerlens.clv;

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c > 0, by its power series,
 * which is what the BG/NBD conditional expectation needs. commons-math has no ₂F₁.
 */
final class Hypergeometric {
  /** Enough for z up to about 0.999 with the parameter sizes purchase histories give. */
  private static final int MAX_TERMS = 200_000;

  private Hypergeometric() {}

  /** The sum, or NaN when the series does not settle within {@link #MAX_TERMS} terms or overflows. */
  static double f21(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1) || !(c > 0)) return Double.NaN;
    double term = 1;
    double sum = 1;
    for (int k = 0; k < MAX_TERMS; k++) {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      sum += term;
      if (!Double.isFinite(sum)) return Double.NaN;
      // Stop only once the terms shrink for good: they can grow for a while when a + b > c.
      if (Math.abs(term) <= 1e-16 * Math.abs(sum) && (a + k + 1) * (b + k + 1) * z < (c + k + 1) * (k + 2)) return sum;
    }
    return Double.NaN;
  }
}
