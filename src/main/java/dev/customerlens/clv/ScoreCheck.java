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
 * @param logLoss mean negative log-likelihood of the outcomes under the probability; null as for brier
 * @param chosen whether this is the forecast used everywhere else, chosen before the holdout was looked at
 */
public record ScoreCheck(String name, String target, String basis, int customers, Double auc, Double brier,
    Double logLoss, boolean chosen) {
  public ScoreCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(basis, "basis");
  }

  /** A score that only ranks, or a probability not in the running to be chosen. */
  public ScoreCheck(String name, String target, String basis, int customers, Double auc, Double brier) {
    this(name, target, basis, customers, auc, brier, null, false);
  }
}
