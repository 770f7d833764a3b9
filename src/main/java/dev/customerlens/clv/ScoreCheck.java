package dev.customerlens.clv;

import java.util.Objects;

/**
 * How well one score ranked (and, if it is a probability, forecast) an outcome in the holdout.
 *
 * @param name what was scored, such as "BG/NBD P(purchase in holdout)"
 * @param target the outcome it is judged against
 * @param basis how the score is made, in a sentence
 * @param customers customers both scored and observed
 * @param auc area under the ROC curve: 0.5 is chance, 1 a perfect ranking; null when every
 *     customer had the same outcome
 * @param brier mean squared error of the probability; null when the score is not a probability of the target
 */
public record ScoreCheck(String name, String target, String basis, int customers, Double auc, Double brier) {
  public ScoreCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(basis, "basis");
  }
}
