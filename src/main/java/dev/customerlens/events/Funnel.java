package dev.customerlens.events;

import java.util.Objects;

/**
 * The conversion funnel view → cart → purchase, as event counts and the ratios between steps.
 * Ratios are null when the step before has no events. Unavailable, with the reason and no counts,
 * for a log that records purchases only.
 *
 * @param status "available" or "unavailable"
 * @param reason why it is unavailable; null when available
 * @param viewToCart carts ÷ views
 * @param cartToPurchase purchases ÷ carts (above 1 when some purchases skip the cart)
 * @param viewToPurchase purchases ÷ views
 */
public record Funnel(String status, String reason, Long views, Long carts, Long purchases,
    Double viewToCart, Double cartToPurchase, Double viewToPurchase) {
  public static final String AVAILABLE = "available";
  public static final String UNAVAILABLE = "unavailable";

  public Funnel {
    Objects.requireNonNull(status, "status");
    if (status.equals(AVAILABLE) && (views == null || carts == null || purchases == null)) {
      throw new IllegalArgumentException("an available funnel needs its three counts");
    }
  }

  static Funnel of(long views, long carts, long purchases) {
    return new Funnel(AVAILABLE, null, views, carts, purchases, ratio(carts, views), ratio(purchases, carts),
        ratio(purchases, views));
  }

  static Funnel unavailable(String reason) {
    return new Funnel(UNAVAILABLE, Objects.requireNonNull(reason, "reason"), null, null, null, null, null, null);
  }

  public boolean available() {
    return status.equals(AVAILABLE);
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
