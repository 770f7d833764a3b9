package dev.customerlens.events;

import java.util.Objects;

/**
 * One customer's recency, frequency and monetary value as of an analysis date, each also scored 1
 * to 5 by quintile over the customers of the log (5 = most recent, most frequent, highest spend).
 *
 * @param recencyDays days from the last purchase to the analysis date
 * @param frequency purchases up to the analysis date
 * @param monetary total spend up to the analysis date
 */
public record RfmScore(String customerId, int recencyDays, int frequency, double monetary,
    int recencyScore, int frequencyScore, int monetaryScore) {
  public RfmScore {
    Objects.requireNonNull(customerId, "customerId");
    if (recencyDays < 0) throw new IllegalArgumentException("recencyDays must not be negative");
    if (frequency < 1) throw new IllegalArgumentException("a scored customer has at least one purchase");
    for (int score : new int[] {recencyScore, frequencyScore, monetaryScore}) {
      if (score < 1 || score > 5) throw new IllegalArgumentException("scores run from 1 to 5, was " + score);
    }
  }

  /** The three scores as one segment label, such as "545". */
  public String cell() {
    return "" + recencyScore + frequencyScore + monetaryScore;
  }

  /** The sum of the three scores, 3 to 15. */
  public int total() {
    return recencyScore + frequencyScore + monetaryScore;
  }
}
