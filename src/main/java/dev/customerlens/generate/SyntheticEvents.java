package dev.customerlens.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Seeded synthetic event logs for the customers {@link SyntheticCustomers} makes from the same seed:
 * customer ids 1 ... N, and each customer's events follow the latent type and the profile row the
 * customer table shows for them. Written as an event log (customer_id, timestamp, event, category,
 * amount) that {@code EventLog.read(..., LogFormat.EVENTS)} reads.
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(path)) {
 *   SyntheticEvents.withSeed(7).customers(100_000).days(365).writeCsv(out);
 * }
 * }</pre>
 *
 * <h2>The generative process</h2>
 *
 * For each customer, independently:
 *
 * <ol>
 *   <li>The customer's profile is drawn exactly as the customer table draws it: latent type, stated
 *       frequency of purchases, order amount, category, subscription, rating, previous purchases.
 *   <li>Purchase rate: the stated purchases a year × the type's share of it actually bought
 *       ({@link EventHabits}) × a log-normal individual factor (σ = 0.5, mean 1). Purchase visits
 *       then arrive as a Poisson process at that rate, so the number of purchases varies between
 *       customers as a gamma-like mixture of Poissons: the NBD part of the BG/NBD story.
 *   <li>Churn: every customer is active when the window opens and stops for good after an
 *       exponential lifetime. The hazard is the type's base rate, halved for subscribers,
 *       × e^(−0.5 (rating − 3.5)) × e^(−0.02 (previous purchases − 20)) × a log-normal factor
 *       (σ = 0.5). After stopping, a customer has no events at all. So some customers stop while
 *       others keep buying, and a repeat-purchase model fitted on the start of the log can be
 *       judged on the rest. (Dropout is in continuous time, as in the Pareto/NBD, not after a
 *       purchase as in the BG/NBD, so the models are fitted to a process they only approximate.)
 *   <li>Browsing: browse-only visits arrive as a Poisson process at the purchase rate × the type's
 *       browsing ratio, plus one every 90 days, while the customer is active.
 *   <li>Seasonality: a visit's day is kept with probability proportional to its weekday's weight
 *       (thinning, weights averaging 1), and its hour is drawn from the type's hour-of-day profile
 *       (office workers peak at lunch and in the evening, young trend-followers late at night,
 *       occasional buyers in the daytime); minute and second are uniform.
 *   <li>A visit is in the customer's own category with probability 0.6, otherwise in any of the
 *       four. A purchase visit is 1 + Poisson(1) views, a cart and a purchase; a browse-only visit
 *       is 1 + Poisson(0.7) views and, with probability 0.2, an abandoned cart. Steps are 30 s to
 *       10 min apart. A purchase costs the profile's order amount × a log-normal factor
 *       (σ = 0.3, mean 1), in cents.
 * </ol>
 *
 * <p>{@link #shift} moves a known share of the customers to another latent type's rhythm on a known
 * day: from that day on they shop at the new type's hours of the day and on its weekdays, in visits
 * drawn from a stream of their own. How often they buy and browse, what they spend and how long they
 * stay remain as drawn, so what a shift changes is known exactly: the hour and the weekday they shop
 * (preferred_hour, preferred_weekday). Their events before the day are exactly those they would have
 * had without the shift. {@link #LAPSED} stops them for good instead. Which
 * customers moved is ground truth that {@link #moved(int)} tells, for tests of what an analysis recovers.
 *
 * <p>Events are written customer by customer, each customer's in time order, so memory stays flat
 * for any number of customers. Events that would fall after the window are dropped. Output depends
 * only on the arguments: randomness comes from (seed, customer id) alone through the same
 * platform-independent generator as the customer table, numbers are formatted without the locale,
 * and lines end with {@code \n}.
 */
public final class SyntheticEvents {
  /**
   * The seed of the embedded {@code data/events.csv}, the seed of the embedded customer table, so
   * that the log belongs to those customers. Regenerate it from jshell with the compiled classes on
   * the class path:
   *
   * <pre>{@code
   * try (var out = Files.newBufferedWriter(Path.of("data/events.csv"))) {
   *   SyntheticEvents.withSeed(DEFAULT_SEED).writeCsv(out);
   * }
   * }</pre>
   *
   * {@code EmbeddedEventsTest} fails when the generator and the file drift apart.
   */
  public static final long DEFAULT_SEED = SyntheticCustomers.DEFAULT_SEED;
  public static final int DEFAULT_CUSTOMERS = SyntheticCustomers.DEFAULT_ROWS;
  public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);
  /** 26 weeks: a 13-week calibration period and a 13-week holdout. */
  public static final int DEFAULT_DAYS = 182;
  public static final String HEADER = "customer_id,timestamp,event,category,amount";
  /** How often {@link #writeCsv(Writer, IntConsumer)} reports progress, in customers. */
  public static final int PROGRESS_INTERVAL = 10_000;

  /** The target of a {@link #shift} that stops customers for good: no visits of any kind after it. */
  public static final String LAPSED = "Lapsed";

  /** Keeps the event draws apart from the profile draws made from the same seed. */
  private static final long EVENT_STREAM = 0x5EEDE7E175L;
  /** Keeps the draws of who moves, and of their visits after the move, apart from the rest. */
  private static final long SHIFT_STREAM = 0x5A1F7ED0L;
  private static final double FAVOURITE_CATEGORY = 0.6;
  private static final double BROWSE_VISITS_PER_DAY = 1 / 90.0;
  private static final double ABANDONED_CART = 0.2;
  private static final int SECONDS_PER_DAY = 86_400;

  private final long seed;
  private final int customers;
  private final LocalDate start;
  private final int days;
  private final Shift shift;

  /** A share of the customers moving to another latent type's habits (or {@link #LAPSED}) on a day. */
  private record Shift(LocalDate at, double share, String toType) {}

  private SyntheticEvents(long seed, int customers, LocalDate start, int days, Shift shift) {
    if (customers < 1) throw new IllegalArgumentException("customers must be at least 1, was " + customers);
    if (days < 1) throw new IllegalArgumentException("days must be at least 1, was " + days);
    this.seed = seed;
    this.customers = customers;
    this.start = Objects.requireNonNull(start, "start");
    this.days = days;
    this.shift = shift;
  }

  /** {@link #DEFAULT_CUSTOMERS} customers over {@link #DEFAULT_DAYS} days from {@link #DEFAULT_START}. */
  public static SyntheticEvents withSeed(long seed) {
    return new SyntheticEvents(seed, DEFAULT_CUSTOMERS, DEFAULT_START, DEFAULT_DAYS, null);
  }

  /** Customers 1 ... count, the ids of a customer table of that many rows from the same seed. */
  public SyntheticEvents customers(int count) {
    return new SyntheticEvents(seed, count, start, days, shift);
  }

  public SyntheticEvents from(LocalDate first) {
    return new SyntheticEvents(seed, customers, first, days, shift);
  }

  public SyntheticEvents days(int count) {
    return new SyntheticEvents(seed, customers, start, count, shift);
  }

  /**
   * From the start of day {@code at}, each customer moves with probability {@code share} (drawn on
   * their own, so about that share of them) to the hours and weekdays of latent type {@code toType},
   * or stops for good when it is {@link #LAPSED}. See the class comment.
   */
  public SyntheticEvents shift(LocalDate at, double share, String toType) {
    Objects.requireNonNull(at, "at");
    if (at.isBefore(start) || at.isAfter(end())) {
      throw new IllegalArgumentException("the shift day " + at + " is outside the window " + start + " to " + end());
    }
    if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1], was " + share);
    if (!LAPSED.equals(toType)) EventHabits.named(toType);
    return new SyntheticEvents(seed, customers, start, days, new Shift(at, share, toType));
  }

  /** Whether {@link #shift} moved this customer: the generator's ground truth. False without a shift. */
  public boolean moved(int customerId) {
    return shift != null && Draws.forRow(seed ^ SHIFT_STREAM, customerId).chance(shift.share());
  }

  public long seed() {
    return seed;
  }

  public int customerCount() {
    return customers;
  }

  public LocalDate start() {
    return start;
  }

  /** The last day of the window. */
  public LocalDate end() {
    return start.plusDays(days - 1L);
  }

  public void writeCsv(Writer out) {
    writeCsv(out, written -> {});
  }

  /**
   * Writes the header and every customer's events. Pass a buffered writer. The writer is flushed but
   * not closed.
   *
   * @param customersWritten told the number of customers written so far, every
   *     {@link #PROGRESS_INTERVAL} customers and once more after the last
   * @throws UncheckedIOException if the writer fails
   */
  public void writeCsv(Writer out, IntConsumer customersWritten) {
    StringBuilder text = new StringBuilder(1 << 14);
    try {
      out.write(HEADER);
      out.write('\n');
      for (int id = 1; id <= customers; id++) {
        text.setLength(0);
        for (Event event : customerEvents(id)) event.appendCsv(id, start, text);
        out.append(text);
        if (id % PROGRESS_INTERVAL == 0) customersWritten.accept(id);
      }
      if (customers % PROGRESS_INTERVAL != 0) customersWritten.accept(customers);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write synthetic events", e);
    }
  }

  /** One customer's events in time order. The order of the draws is part of the output. */
  private List<Event> customerEvents(int id) {
    Draws profileDraws = Draws.forRow(seed, id);
    Behaviour behaviour = Behaviour.pick(profileDraws);
    CustomerRow profile = behaviour.drawCustomer(id, profileDraws);
    EventHabits habits = EventHabits.of(behaviour);
    Draws draws = Draws.forRow(seed ^ EVENT_STREAM, id);

    double purchasesPerDay = profile.frequency().purchasesPerYear() * habits.rateShare() * logNormal(draws, 0.5) / 365;
    double dropoutPerDay = habits.dropoutPerYear() * (profile.subscribed() ? 0.5 : 1)
        * StrictMath.exp(-0.5 * (profile.ratingTenths() / 10.0 - 3.5))
        * StrictMath.exp(-0.02 * (profile.previousPurchases() - 20))
        * logNormal(draws, 0.5) / 365;
    double activeDays = Math.min(days, exponential(draws, dropoutPerDay));

    List<Event> events = new ArrayList<>();
    addVisits(draws, profile, habits, purchasesPerDay, 0, activeDays, events);
    if (moved(id)) {
      long atDay = shift.at().toEpochDay() - start.toEpochDay();
      events.removeIf(e -> e.second() >= atDay * SECONDS_PER_DAY);
      if (!LAPSED.equals(shift.toType())) {
        // After the chance draw that moved them, the same stream draws their visits as the new type.
        Draws after = Draws.forRow(seed ^ SHIFT_STREAM, id);
        after.uniform();
        addVisits(after, profile, habits.shoppingWhen(EventHabits.named(shift.toType())), purchasesPerDay, atDay,
            activeDays, events);
      }
    }
    long windowEnd = (long) days * SECONDS_PER_DAY;
    events.removeIf(e -> e.second() >= windowEnd);
    events.sort(Comparator.comparingLong(Event::second));
    return events;
  }

  /** Purchase and browse-only visits from day {@code fromDay} to {@code activeDays}, and the events of each. */
  private void addVisits(Draws draws, CustomerRow profile, EventHabits habits, double purchasesPerDay, double fromDay,
      double activeDays, List<Event> events) {
    List<Long> purchaseVisits = visits(draws, purchasesPerDay, fromDay, activeDays, habits);
    List<Long> browseVisits = visits(draws, purchasesPerDay * habits.browsingPerPurchase() + BROWSE_VISITS_PER_DAY,
        fromDay, activeDays, habits);
    for (long visit : purchaseVisits) {
      String category = category(draws, profile);
      long t = views(draws, visit, 1 + poisson(draws, 1.0), category, events);
      t = step(draws, t);
      events.add(new Event(t, "cart", category, -1));
      t = step(draws, t);
      events.add(new Event(t, "purchase", category, amountCents(draws, profile)));
    }
    for (long visit : browseVisits) {
      String category = category(draws, profile);
      long t = views(draws, visit, 1 + poisson(draws, 0.7), category, events);
      if (draws.chance(ABANDONED_CART)) events.add(new Event(step(draws, t), "cart", category, -1));
    }
  }

  /**
   * Visit start times (seconds from the window start) of a Poisson process at {@code perDay}, thinned
   * by weekday weight, from {@code fromDay} up to {@code activeDays}; each kept visit gets its hour from the type's profile.
   */
  private List<Long> visits(Draws draws, double perDay, double fromDay, double activeDays, EventHabits habits) {
    List<Long> out = new ArrayList<>();
    double busiest = habits.busiestWeekday();
    double t = fromDay;
    while (true) {
      t += exponential(draws, perDay * busiest);
      if (t >= activeDays) return out;
      int day = (int) t;
      int weekday = start.plusDays(day).getDayOfWeek().getValue() - 1;
      if (!draws.chance(habits.weekdays()[weekday] / busiest)) continue;
      int hour = habits.hours().pick(draws);
      int second = (int) (draws.uniform() * 3600);
      out.add((long) day * SECONDS_PER_DAY + hour * 3600L + second);
    }
  }

  private static long views(Draws draws, long visit, int count, String category, List<Event> events) {
    long t = visit;
    for (int v = 0; v < count; v++) {
      if (v > 0) t = step(draws, t);
      events.add(new Event(t, "view", category, -1));
    }
    return t;
  }

  /** 30 seconds to 10 minutes later. */
  private static long step(Draws draws, long t) {
    return t + 30 + (long) (draws.uniform() * 570);
  }

  private static String category(Draws draws, CustomerRow profile) {
    if (draws.chance(FAVOURITE_CATEGORY)) return profile.category();
    Category[] all = Category.values();
    return all[(int) (draws.uniform() * all.length)].label();
  }

  private static long amountCents(Draws draws, CustomerRow profile) {
    return Math.max(100, Math.round(profile.amountDollars() * 100 * logNormal(draws, 0.3)));
  }

  /** Log-normal with mean 1 and the given spread of its logarithm. */
  private static double logNormal(Draws draws, double sigma) {
    return StrictMath.exp(sigma * draws.gaussian() - sigma * sigma / 2);
  }

  /** Exponential waiting time at {@code rate} per unit; infinite at rate 0. */
  private static double exponential(Draws draws, double rate) {
    return -StrictMath.log(1 - draws.uniform()) / rate;
  }

  /** Knuth's method: fine for the small means used here. */
  private static int poisson(Draws draws, double mean) {
    double limit = StrictMath.exp(-mean);
    double product = draws.uniform();
    int count = 0;
    while (product > limit) {
      count++;
      product *= draws.uniform();
    }
    return count;
  }

  /** One generated event; {@code amountCents} is negative for events without an amount. */
  private record Event(long second, String type, String category, long amountCents) {
    void appendCsv(int customerId, LocalDate start, StringBuilder out) {
      LocalDate day = start.plusDays(second / SECONDS_PER_DAY);
      int inDay = (int) (second % SECONDS_PER_DAY);
      out.append(customerId).append(',').append(day).append('T');
      two(out, inDay / 3600).append(':');
      two(out, inDay / 60 % 60).append(':');
      two(out, inDay % 60).append(',').append(type).append(',').append(category).append(',');
      if (amountCents >= 0) {
        out.append(amountCents / 100).append('.');
        two(out, (int) (amountCents % 100));
      }
      out.append('\n');
    }

    private static StringBuilder two(StringBuilder out, int value) {
      return out.append(value < 10 ? "0" : "").append(value);
    }
  }

  @Override
  public String toString() {
    return "SyntheticEvents[seed=" + seed + ", customers=" + customers + ", " + start + " to " + end()
        + (shift == null ? "" : ", " + shift.share() + " of customers to " + shift.toType() + " on " + shift.at()) + "]";
  }
}
