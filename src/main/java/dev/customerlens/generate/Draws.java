package dev.customerlens.generate;

/**
 * The random draws for one row, seeded from (seed, row) alone so that any row can be regenerated
 * without the rows before it.
 *
 * <p>This is SplitMix64 written out rather than {@link java.util.SplittableRandom}, whose sequence
 * the JDK does not specify, and the transcendental functions come from {@link StrictMath}, whose
 * results are fixed on every platform: the committed dataset must regenerate byte for byte on any
 * machine and any future JDK.
 */
final class Draws {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  private Draws(long state) {
    this.state = state;
  }

  static Draws forRow(long seed, long row) {
    return new Draws(mix(mix(seed) + row * GOLDEN_GAMMA));
  }

  /** Uniform in [0, 1). */
  double uniform() {
    return (next() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double probability) {
    return uniform() < probability;
  }

  /** Standard normal, by Box-Muller. */
  double gaussian() {
    double u = 1.0 - uniform(); // (0, 1], so the logarithm is finite
    double angle = 2 * Math.PI * uniform();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(angle);
  }

  /**
   * Normal with the given mean and spread, redrawn until it falls in [min, max]. Redrawing rather
   * than clamping keeps the bounds from piling up with customers.
   */
  double normalBetween(double mean, double spread, double min, double max) {
    double value;
    do {
      value = mean + spread * gaussian();
    } while (value < min || value > max);
    return value;
  }

  private long next() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
