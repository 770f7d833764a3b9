package dev.customerlens.generate;

import java.util.List;

/** A weighted pick among a fixed list of values. Weights are relative and need not sum to anything. */
final class Choice<T> {
  private final List<T> values;
  private final double[] cumulative;
  private final int lastWeighted;

  private Choice(List<T> values, double[] cumulative, int lastWeighted) {
    this.values = values;
    this.cumulative = cumulative;
    this.lastWeighted = lastWeighted;
  }

  static <T> Choice<T> of(List<T> values, double... weights) {
    if (values.size() != weights.length) {
      throw new IllegalArgumentException(weights.length + " weights for " + values.size() + " values " + values);
    }
    double[] cumulative = new double[weights.length];
    double total = 0;
    int lastWeighted = -1;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0)) {
        throw new IllegalArgumentException("weight for " + values.get(i) + " must be zero or more, was " + weights[i]);
      }
      if (weights[i] > 0) lastWeighted = i;
      total += weights[i];
      cumulative[i] = total;
    }
    if (lastWeighted < 0) throw new IllegalArgumentException("all weights are zero for " + values);
    return new Choice<>(List.copyOf(values), cumulative, lastWeighted);
  }

  T pick(Draws draws) {
    double target = draws.uniform() * cumulative[cumulative.length - 1];
    for (int i = 0; i < lastWeighted; i++) {
      if (target < cumulative[i]) return values.get(i);
    }
    // The last weighted value takes the rest of the range, even a target rounded up to the total.
    return values.get(lastWeighted);
  }
}
