package dev.customerlens.clv;

import java.util.Objects;

/**
 * How well one forecast counted the purchase days of the holdout.
 *
 * @param name the forecast, as in {@link ScoreCheck#name()}
 * @param predictedTotal forecast purchase days in the holdout, over all customers
 * @param actualTotal purchase days that happened there
 * @param meanAbsoluteError mean over customers of |forecast − actual|
 */
public record CountCheck(String name, double predictedTotal, long actualTotal, double meanAbsoluteError) {
  public CountCheck {
    Objects.requireNonNull(name, "name");
  }
}
