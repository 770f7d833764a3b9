package dev.customerlens.timeline;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.EventLog;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.PersonaRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How sure the persona shares are, and how steady each persona is, as of one day.
 *
 * <ul>
 *   <li>Bootstrap interval: the customers are resampled with replacement {@code resamples} times
 *       (seeded), the share of each persona counted in every resample, and the 2.5th and 97.5th
 *       percentiles of those shares (linear interpolation between order statistics) give a 95%
 *       interval. Each customer keeps the persona the rules gave them on the whole base: the interval
 *       covers which customers happened to be in the data, not the rules' quintile cut-offs moving
 *       with the sample.
 *   <li>Weekly persistence: of the customers a persona had {@value #WEEK_DAYS} days earlier, the share
 *       who still have it. Below {@value #UNSTABLE_BELOW} the persona is reported as unstable: more than
 *       one customer in five changes it within a week, too fast for a campaign aimed at it to land.
 * </ul>
 */
public record Stability(String source, @JsonSerialize(using = ToStringSerializer.class) LocalDate asOf,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate weekEarlier, int customers, int resamples, long seed,
    List<Share> shares, List<Persistence> persistence) {
  public static final int WEEK_DAYS = 7;
  public static final int UNSTABLE_BELOW_PCT = 80;
  public static final double UNSTABLE_BELOW = UNSTABLE_BELOW_PCT / 100.0;
  public static final int DEFAULT_RESAMPLES = 200;
  public static final long DEFAULT_SEED = 18;

  /** A persona's share of customers with its 95% bootstrap interval. */
  public record Share(String persona, int customers, double share, double low, double high) {}

  /**
   * @param customersWeekEarlier customers with the persona {@value #WEEK_DAYS} days earlier
   * @param kept those of them who have it still
   * @param keptShare kept / customersWeekEarlier; null when the persona had nobody then
   */
  public record Persistence(String persona, int customersWeekEarlier, int kept, Double keptShare, boolean unstable) {}

  public Stability {
    shares = List.copyOf(shares);
    persistence = List.copyOf(persistence);
  }

  /** @param engine assigns the personas on each day (the columnar engine, or {@code ProfileEngine.TABLESAW}) */
  public static Stability of(EventLog log, LocalDate asOf, PersonaRules rules, ProfileEngine engine, int resamples,
      long seed) {
    if (resamples < 1) throw new WorkspaceException("resamples must be at least 1, was " + resamples);
    LocalDate weekEarlier = asOf.minusDays(WEEK_DAYS);
    if (weekEarlier.isBefore(log.firstDate())) {
      throw new WorkspaceException(asOf + " is less than a week after the first day of " + log.source() + " ("
          + log.firstDate() + "): there is no week earlier to compare with");
    }
    Snapshot now = Snapshot.of(log, asOf, rules, engine);
    Snapshot before = Snapshot.of(log, weekEarlier, rules, engine);
    List<String> names = rules.names();
    StringColumn personas = now.features().stringColumn("persona");
    int n = personas.size();
    Map<String, Integer> codeOf = new HashMap<>();
    for (int p = 0; p < names.size(); p++) codeOf.put(names.get(p), p);
    int[] code = new int[n];
    int[] counts = new int[names.size()];
    for (int i = 0; i < n; i++) counts[code[i] = codeOf.get(personas.get(i))]++;

    double[][] sampled = new double[names.size()][resamples];
    SplittableRandom random = new SplittableRandom(seed);
    int[] drawn = new int[names.size()];
    for (int r = 0; r < resamples; r++) {
      Arrays.fill(drawn, 0);
      for (int i = 0; i < n; i++) drawn[code[random.nextInt(n)]]++;
      for (int p = 0; p < names.size(); p++) sampled[p][r] = (double) drawn[p] / n;
    }
    List<Share> shares = new ArrayList<>();
    for (int p = 0; p < names.size(); p++) {
      Arrays.sort(sampled[p]);
      shares.add(new Share(names.get(p), counts[p], n == 0 ? 0 : (double) counts[p] / n, percentile(sampled[p], 0.025),
          percentile(sampled[p], 0.975)));
    }

    int[] earlier = new int[names.size()];
    int[] kept = new int[names.size()];
    before.personaOf().forEach((id, persona) -> {
      int p = codeOf.get(persona);
      earlier[p]++;
      if (persona.equals(now.personaOf().get(id))) kept[p]++;
    });
    List<Persistence> persistence = new ArrayList<>();
    for (int p = 0; p < names.size(); p++) {
      Double share = earlier[p] == 0 ? null : (double) kept[p] / earlier[p];
      persistence.add(new Persistence(names.get(p), earlier[p], kept[p], share, share != null && share < UNSTABLE_BELOW));
    }
    return new Stability(log.source(), asOf, weekEarlier, n, resamples, seed, shares, persistence);
  }

  /** The q-quantile of sorted values, interpolating linearly between order statistics (R's type 7). */
  static double percentile(double[] sorted, double q) {
    double at = q * (sorted.length - 1);
    int below = (int) Math.floor(at);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
  }

  /** persona, customers, share_pct and its 95% interval (low_pct, high_pct), kept_week_pct and unstable. */
  public Table table() {
    Map<String, Persistence> byName = new HashMap<>();
    persistence.forEach(p -> byName.put(p.persona(), p));
    return Table.create("personas as of " + asOf + " (" + resamples + " bootstrap resamples, seed " + seed + ")",
        StringColumn.create("persona", shares.stream().map(Share::persona)),
        IntColumn.create("customers", shares.stream().mapToInt(Share::customers).toArray()),
        DoubleColumn.create("share_pct", shares.stream().mapToDouble(s -> 100 * s.share())),
        DoubleColumn.create("low_pct", shares.stream().mapToDouble(s -> 100 * s.low())),
        DoubleColumn.create("high_pct", shares.stream().mapToDouble(s -> 100 * s.high())),
        IntColumn.create("week_earlier", shares.stream().mapToInt(s -> byName.get(s.persona()).customersWeekEarlier()).toArray()),
        DoubleColumn.create("kept_week_pct", shares.stream().mapToDouble(s -> {
          Double k = byName.get(s.persona()).keptShare();
          return k == null ? Double.NaN : 100 * k;
        })),
        BooleanColumn.create("unstable", shares.stream().map(s -> byName.get(s.persona()).unstable()).toList()));
  }

  /** What the table's columns mean, for the reader. */
  public String method() {
    return String.format(java.util.Locale.ROOT, "share_pct: customers with the persona / %,d customers as of %s; "
        + "low_pct-high_pct: 95%% interval from %d bootstrap resamples of the customers (seed %d, 2.5th and 97.5th "
        + "percentiles; each customer keeps their persona). kept_week_pct: of the week_earlier customers who had the "
        + "persona as of %s, the share who still have it; below %.0f%% the persona is unstable.", customers, asOf,
        resamples, seed, weekEarlier, 100 * UNSTABLE_BELOW);
  }
}
