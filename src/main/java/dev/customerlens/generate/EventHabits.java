package dev.customerlens.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How each latent type shops over time, for {@link SyntheticEvents}: how much of its stated
 * purchase frequency it really buys, how fast it drops out, how much it browses without buying,
 * and when in the day and week it shops.
 *
 * @param rateShare the share of the stated "Frequency of Purchases" that is bought in reality;
 *     survey answers overstate, and the share keeps the embedded log small
 * @param dropoutPerYear the base hazard of stopping for good, per year
 * @param browsingPerPurchase browse-only visits per purchase visit
 * @param hours relative activity in each hour 0 ... 23
 * @param weekdays relative activity Monday ... Sunday
 */
record EventHabits(double rateShare, double dropoutPerYear, double browsingPerPurchase, Choice<Integer> hours,
    double[] weekdays) {

  private static final List<Integer> HOURS = IntStream.range(0, 24).boxed().toList();

  /** Evening shoppers: a slow climb through the day to a peak around 20:00. */
  private static final double[] EVENING = {1.0, 0.6, 0.3, 0.2, 0.2, 0.3, 0.6, 1.2, 2.0, 2.5, 3.0, 3.3,
      3.8, 3.6, 3.3, 3.3, 3.6, 4.2, 5.2, 6.2, 6.6, 5.8, 4.2, 2.2};
  /** Office workers: a lunchtime peak and an evening one. */
  private static final double[] OFFICE = {0.6, 0.3, 0.2, 0.1, 0.1, 0.2, 0.6, 1.5, 2.6, 3.0, 3.0, 3.6,
      5.2, 5.0, 3.2, 3.0, 3.2, 3.8, 4.8, 5.8, 6.2, 5.2, 3.4, 1.6};
  /** Late: busiest from 21:00 to midnight and awake after it. */
  private static final double[] LATE = {3.2, 2.2, 1.2, 0.6, 0.3, 0.2, 0.3, 0.6, 1.0, 1.4, 1.8, 2.2,
      2.8, 2.8, 2.6, 2.8, 3.2, 3.8, 4.4, 5.2, 6.0, 6.8, 6.8, 5.2};
  /** Daytime: morning to mid-afternoon, quiet in the evening. */
  private static final double[] DAYTIME = {0.3, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 2.0, 3.6, 4.8, 5.4, 5.4,
      5.0, 4.6, 4.6, 4.4, 3.8, 3.4, 3.2, 3.2, 2.8, 2.0, 1.2, 0.6};

  private static final double[] WEEKEND = {0.85, 0.85, 0.9, 0.95, 1.05, 1.25, 1.15};
  private static final double[] WORKWEEK = {1.1, 1.1, 1.05, 1.05, 1.0, 0.85, 0.85};
  private static final double[] SUNDAY = {0.9, 0.9, 0.95, 1.0, 1.0, 1.1, 1.15};

  private static final Map<String, EventHabits> BY_TYPE = Map.of(
      "Loyal premium", new EventHabits(0.5, 0.25, 1.0, hours(OFFICE), WORKWEEK),
      "Deal seeker", new EventHabits(0.5, 0.9, 2.0, hours(EVENING), WEEKEND),
      "Quality-focused", new EventHabits(0.6, 0.5, 1.5, hours(OFFICE), WEEKEND),
      "Frequent casual", new EventHabits(0.35, 0.6, 1.2, hours(EVENING), WEEKEND),
      "Occasional or lapsing", new EventHabits(0.7, 1.6, 1.0, hours(DAYTIME), WORKWEEK),
      "Young trend-follower", new EventHabits(0.5, 1.2, 2.5, hours(LATE), SUNDAY));

  static {
    for (Behaviour behaviour : Behaviour.ALL) {
      if (!BY_TYPE.containsKey(behaviour.type().name())) {
        throw new IllegalStateException("no event habits for latent type " + behaviour.type().name());
      }
    }
  }

  EventHabits {
    if (weekdays.length != 7) throw new IllegalArgumentException("weekday weights run Monday to Sunday");
    double mean = Arrays.stream(weekdays).average().orElseThrow();
    // Normalised to a mean of 1 so that weekday seasonality moves purchases around the week without changing how many.
    weekdays = Arrays.stream(weekdays).map(w -> w / mean).toArray();
  }

  static EventHabits of(Behaviour behaviour) {
    return BY_TYPE.get(behaviour.type().name());
  }

  /** The habits of the latent type of that name. */
  static EventHabits named(String type) {
    EventHabits habits = BY_TYPE.get(type);
    if (habits == null) {
      throw new IllegalArgumentException("no latent type named \"" + type + "\"; the types are "
          + new java.util.TreeSet<>(BY_TYPE.keySet()));
    }
    return habits;
  }

  /** These habits, shopping at the hours and on the weekdays of {@code other}. */
  EventHabits shoppingWhen(EventHabits other) {
    return new EventHabits(rateShare, dropoutPerYear, browsingPerPurchase, other.hours, other.weekdays);
  }

  double busiestWeekday() {
    return Arrays.stream(weekdays).max().orElseThrow();
  }

  private static Choice<Integer> hours(double[] weights) {
    return Choice.of(HOURS, weights);
  }
}
