package dev.customerlens.clv;

import java.util.Objects;

/**
 * One thing a forecast leaned on and how much: for the learned model, a feature and its share of
 * the gain of every split on it; for a repeat-purchase model, one of its inputs with no share.
 *
 * @param feature what the log says, such as "days_since_last_purchase"
 * @param share from 0 to 1 of the model's total gain; NaN where a model has no such measure
 */
public record Driver(String feature, double share) implements java.io.Serializable {
  public Driver {
    Objects.requireNonNull(feature, "feature");
  }
}
