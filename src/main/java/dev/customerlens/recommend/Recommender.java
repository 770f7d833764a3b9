package dev.customerlens.recommend;

import dev.customerlens.data.ValueOrder;
import dev.customerlens.errors.WorkspaceException;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * Next-best actions from declared rules over the scored customer table. A customer gets every rule
 * that matches. Priority is the rule's own, raised one level (Low→Medium→High) when the customer's
 * lifetime value is in the top quarter of the base ({@code clv_percentile ≥ 75}): more value at stake.
 */
public record Recommender(List<RecommendationRule> rules, double raiseAtClvPercentile) {
  /** The column whose value raises a priority one level. */
  private static final String CLV_PERCENTILE = "clv_percentile";

  public Recommender {
    rules = List.copyOf(rules);
  }

  /** Rules over the scores alone, which every customer base has, whatever its features. */
  private static final List<RecommendationRule> ON_SCORES = List.of(
      RecommendationRule.of(RecommendationType.RETENTION, Priority.HIGH, "Personal win-back offer",
          "Contact the customer personally with an offer in {category} before they lapse",
          "churn_risk >= 0.5 AND clv_percentile >= 50",
          "churn risk {churn_risk} with lifetime value {clv} in the top half of the base"),
      RecommendationRule.of(RecommendationType.RETENTION, Priority.MEDIUM, "Automated re-engagement email",
          "Send the re-engagement sequence with new arrivals in {category}",
          "churn_risk >= 0.5 AND clv_percentile < 50",
          "churn risk {churn_risk}"));

  public static Recommender defaults() {
    List<RecommendationRule> rules = new ArrayList<>(ON_SCORES);
    rules.addAll(List.of(
        RecommendationRule.of(RecommendationType.RETENTION, Priority.MEDIUM, "Service recovery follow-up",
            "Ask what went wrong with the {item} and offer a remedy",
            "rating < 3",
            "review rating {rating} of 5"),
        RecommendationRule.of(RecommendationType.UPSELL, Priority.MEDIUM, "Offer the subscription",
            "Offer a subscription trial: they already buy regularly",
            "NOT subscribed AND purchases_per_year >= 12",
            "buys {frequency} but is not subscribed"),
        RecommendationRule.of(RecommendationType.UPSELL, Priority.LOW, "Preview the premium range",
            "Show premium {category} lines first",
            "amount_percentile >= 75 AND rating >= 4",
            "spends {amount} per order (top 25%) and rates purchases {rating}"),
        RecommendationRule.of(RecommendationType.CROSS_SELL, Priority.MEDIUM, "Recommend {next_category}",
            "Feature {next_category} in their next email and on-site recommendations",
            "next_category_probability >= 0.25",
            "{next_category_probability} of similar customers ({persona}, age {age_band}) buy {next_category}"),
        RecommendationRule.of(RecommendationType.MARKETING, Priority.LOW, "Include in promo-code campaigns",
            "Target with discount codes: they respond to promotions",
            "discount_applied AND promo_used",
            "bought with a discount and a promo code"),
        RecommendationRule.of(RecommendationType.MARKETING, Priority.LOW, "Invite to the referral programme",
            "Ask for a referral or a public review",
            "rating >= 4.5 AND previous_purchases >= 20",
            "rates purchases {rating} with {previous_purchases} previous purchases")));
    return new Recommender(rules, 75);
  }

  /** The built-in rules for customers derived from a transaction or event log ({@code CustomerFeatures}). */
  public static Recommender forLogs() {
    List<RecommendationRule> rules = new ArrayList<>(ON_SCORES);
    rules.addAll(List.of(
        RecommendationRule.of(RecommendationType.RETENTION, Priority.MEDIUM, "Ask about the returns",
            "Follow up on what they sent back and offer help choosing",
            "return_share >= 0.1",
            "returned {return_share} of their invoice lines"),
        RecommendationRule.of(RecommendationType.UPSELL, Priority.LOW, "Preview the premium range",
            "Show premium lines next to {category}: their spend is high and rising",
            "spend_percentile >= 75 AND trend = 'rising'",
            "spend {spend} (top 25%), rising over the last 90 days"),
        RecommendationRule.of(RecommendationType.CROSS_SELL, Priority.MEDIUM, "Recommend {next_category}",
            "Feature {next_category} in their next email and on-site recommendations",
            "next_category_probability >= 0.25",
            "{next_category_probability} of customers like them ({persona}) buy {next_category}"),
        RecommendationRule.of(RecommendationType.MARKETING, Priority.MEDIUM, "Second-purchase nudge",
            "Send a follow-up with items that go with {category}",
            "purchase_days = 1 AND recency_days <= 90",
            "one purchase so far, {recency_days} days ago"),
        RecommendationRule.of(RecommendationType.MARKETING, Priority.LOW, "Welcome series",
            "Enrol in the welcome series",
            "tenure_days < 30",
            "first purchase {tenure_days} days ago")));
    return new Recommender(rules, 75);
  }

  /** These rules without the ones that need an {@code unavailable} feature, which cannot be evaluated. */
  public Recommender without(Set<String> unavailable) {
    return new Recommender(rules.stream().filter(r -> r.when().needs(unavailable).isEmpty()).toList(),
        raiseAtClvPercentile);
  }

  public Recommender add(RecommendationRule rule) {
    List<RecommendationRule> copy = new ArrayList<>(rules);
    copy.add(rule);
    return new Recommender(copy, raiseAtClvPercentile);
  }

  /**
   * The rules applied to one scored table: each rule's matches found once, then read by every view
   * of them (one customer's recommendations, the list, the tallies, the plan) without evaluating a
   * rule again. The API and notebooks ask for thousands of customers one at a time, and copying a
   * customer's row to evaluate the rules on it alone cost more than the whole answer.
   */
  public Applied apply(Table scored) {
    List<Compiled> compiled = compile(scored);
    return new Applied(scored, compiled, compiled.stream().map(rule -> rule.select(scored)).toList());
  }

  /**
   * The rules applied to one scored table with their matches already found, one selection of rows
   * per rule in rule order, by an engine that evaluated the same conditions over its own columns.
   */
  public Applied apply(Table scored, List<Selection> matches) {
    if (matches.size() != rules.size()) {
      throw new IllegalArgumentException(matches.size() + " selections for " + rules.size() + " recommendation rules");
    }
    return new Applied(scored, compile(scored), List.copyOf(matches));
  }

  /** {@code apply(scored).forCustomers()}. */
  public Table forCustomers(Table scored) {
    return apply(scored).forCustomers();
  }

  /** {@code apply(scored).counts()}. */
  public int[][] counts(Table scored) {
    return apply(scored).counts();
  }

  /** {@code apply(scored).topPriorities()}. */
  public Priority[] topPriorities(Table scored) {
    return apply(scored).topPriorities();
  }

  /** {@code apply(scored).plan()}. */
  public Table plan(Table scored) {
    return apply(scored).plan();
  }

  /** The rules with their matches in one scored table; safe to share between threads. */
  public final class Applied {
    private final Table scored;
    private final List<Compiled> compiled;
    private final List<Selection> selections;

    private Applied(Table scored, List<Compiled> compiled, List<Selection> selections) {
      this.scored = scored;
      this.compiled = compiled;
      this.selections = selections;
    }

    /** Every recommendation for one row of the scored table, most urgent first, then in rule order. */
    public List<Recommendation> forCustomer(int row) {
      List<Recommendation> out = new ArrayList<>();
      for (int r = 0; r < compiled.size(); r++) {
        if (selections.get(r).contains(row)) out.add(compiled.get(r).make(row));
      }
      out.sort(Comparator.comparing(Recommendation::priority));
      return out;
    }

    /**
     * One row per customer and recommendation, most urgent first and, within a priority, most
     * valuable first: customer_id, persona, type, priority, action, description, reason, clv.
     */
    public Table forCustomers() {
      Matches matches = matches();
      StringColumn ids = scored.stringColumn("customer_id");
      StringColumn personas = scored.stringColumn("persona");
      StringColumn id = StringColumn.create("customer_id");
      StringColumn persona = StringColumn.create("persona");
      StringColumn type = StringColumn.create("type");
      StringColumn priority = StringColumn.create("priority");
      StringColumn action = StringColumn.create("action");
      StringColumn description = StringColumn.create("description");
      StringColumn reason = StringColumn.create("reason");
      DoubleColumn value = DoubleColumn.create("clv");
      for (int i = 0; i < matches.size(); i++) {
        int row = matches.row(i);
        Recommendation r = matches.rule(i).make(row);
        id.append(ids.get(row));
        persona.append(personas.get(row));
        type.append(r.type().label());
        priority.append(r.priority().label());
        action.append(r.action());
        description.append(r.description());
        reason.append(r.reason());
        value.append(matches.clv(i));
      }
      return Table.create("recommendations", id, persona, type, priority, action, description, reason, value);
    }

    /** Told of each recommendation that applies: the rule's index and compiled form, the row and its priority. */
    private interface MatchConsumer {
      void accept(int ruleIndex, Compiled rule, int row, Priority priority);
    }

    /** Every (rule, row) that applies, rule by rule, rows in order; no text is made. */
    private void forEachMatch(MatchConsumer consumer) {
      for (int r = 0; r < compiled.size(); r++) {
        Compiled rule = compiled.get(r);
        for (int row : selections.get(r).toArray()) consumer.accept(r, rule, row, rule.priority(row));
      }
    }

    /**
     * How many recommendations apply at each priority, per type ({@code [priority][type]}, by
     * ordinal): the recommendation list's rows counted, without making the list.
     */
    public int[][] counts() {
      int[][] out = new int[Priority.values().length][RecommendationType.values().length];
      forEachMatch((r, rule, row, priority) -> out[priority.ordinal()][rule.rule.type().ordinal()]++);
      return out;
    }

    /**
     * Each customer's most urgent recommendation's priority (the first of theirs in the list), null
     * where none applies; without making the list.
     */
    public Priority[] topPriorities() {
      Priority[] out = new Priority[scored.rowCount()];
      forEachMatch((r, rule, row, priority) -> {
        if (out[row] == null || priority.compareTo(out[row]) < 0) out[row] = priority;
      });
      return out;
    }

    /** Every match as the list orders them, found by {@link #forEachInOrder}. */
    private Matches matches() {
      IntArrayList rows = new IntArrayList();
      IntArrayList rules = new IntArrayList();
      forEachInOrder((r, rule, row, priority) -> {
        rows.add(row);
        rules.add(r);
      });
      return new Matches(compiled, rows.toIntArray(), rules.toIntArray(), scored.doubleColumn("clv").asDoubleArray());
    }

    /**
     * Every (rule, row) that applies in the list's order: most urgent first, then most valuable
     * (ties by row), then in rule order. Not sorted: each row's rules are listed once, in rule
     * order, then the rows are walked from the most valuable down, each match going to its
     * priority's queue. The plan's value sums are made in this order, so it is fixed.
     */
    private void forEachInOrder(MatchConsumer consumer) {
      int n = scored.rowCount();
      // As arrays: iterating a selection boxes every row.
      int[][] rowsOf = selections.stream().map(Selection::toArray).toArray(int[][]::new);
      int[] start = new int[n + 1];
      for (int[] rows : rowsOf) for (int row : rows) start[row + 1]++;
      for (int row = 0; row < n; row++) start[row + 1] += start[row];
      int[] ruleAt = new int[start[n]];
      int[] next = Arrays.copyOf(start, n);
      for (int r = 0; r < rowsOf.length; r++) for (int row : rowsOf[r]) ruleAt[next[row]++] = r;
      // Found in row order: looked up in value order, a million doubles are a cache miss each.
      DoubleColumn clvPercentile = scored.doubleColumn(CLV_PERCENTILE);
      boolean[] inTop = new boolean[n];
      for (int row = 0; row < n; row++) inTop[row] = inTop(clvPercentile.getDouble(row));
      Priority[] priorities = Priority.values();
      // Per priority, (row, rule) pairs as one long each.
      LongArrayList[] queue = new LongArrayList[priorities.length];
      for (int p = 0; p < queue.length; p++) queue[p] = new LongArrayList();
      for (int row : rowsByValue(scored.doubleColumn("clv").asDoubleArray())) {
        for (int k = start[row]; k < start[row + 1]; k++) {
          queue[compiled.get(ruleAt[k]).priority(inTop[row]).ordinal()].add((long) row << 32 | ruleAt[k]);
        }
      }
      for (int p = 0; p < queue.length; p++) {
        long[] matches = queue[p].elements();
        for (int i = 0; i < queue[p].size(); i++) {
          int row = (int) (matches[i] >>> 32);
          int r = (int) matches[i];
          consumer.accept(r, compiled.get(r), row, priorities[p]);
        }
      }
    }

    /**
     * The plan for the whole base: which segment (persona) to target with which action, how many of
     * its customers and how much lifetime value each covers. Most urgent, then most valuable, first.
     */
    public Table plan() {
      StringColumn personas = scored.stringColumn("persona");
      double[] clv = scored.doubleColumn("clv").asDoubleArray();
      PlanTotals totals = new PlanTotals();
      forEachInOrder((r, rule, row, priority) -> totals.add(rule.rule.type().label(), rule.action.apply(row),
          personas.get(row), priority, Matches.cents(clv[row])));
      return totals.table(scored.rowCount());
    }
  }

  /**
   * Every recommendation that applies, as (row, rule) pairs in the order of {@link Applied#forCustomers}:
   * most urgent first, then most valuable, ties by row, then by rule order.
   */
  private record Matches(List<Compiled> compiled, int[] rows, int[] rules, double[] clv) {
    int size() {
      return rows.length;
    }

    int row(int i) {
      return rows[i];
    }

    Compiled rule(int i) {
      return compiled.get(rules[i]);
    }

    /** The customer's lifetime value as the list shows it, to the cent. */
    double clv(int i) {
      return cents(clv[rows[i]]);
    }

    static double cents(double value) {
      return Math.round(value * 100) / 100.0;
    }
  }

  /** The rows, most valuable first, ties by row, as {@code Double.compare} orders -clv (NaN last). */
  private static int[] rowsByValue(double[] clv) {
    double[] negated = new double[clv.length];
    for (int row = 0; row < clv.length; row++) negated[row] = -clv[row];
    return ValueOrder.ascending(negated);
  }

  /** The plan from an already computed {@link #forCustomers} table over a base of {@code customers}. */
  public Table plan(Table perCustomer, int customers) {
    StringColumn types = perCustomer.stringColumn("type");
    StringColumn actions = perCustomer.stringColumn("action");
    StringColumn personas = perCustomer.stringColumn("persona");
    StringColumn priorities = perCustomer.stringColumn("priority");
    DoubleColumn values = perCustomer.doubleColumn("clv");
    PlanTotals totals = new PlanTotals();
    for (int i = 0; i < perCustomer.rowCount(); i++) {
      totals.add(types.get(i), actions.get(i), personas.get(i), Priority.ofLabel(priorities.get(i)), values.getDouble(i));
    }
    return totals.table(customers);
  }

  /** Customers, high-priority customers and value per (type, action, segment), added in list order. */
  private static final class PlanTotals {
    private record Key(String type, String action, String segment) {}

    /** One entry's tallies: one lookup per recommendation, where each tally had its own. */
    private static final class Totals {
      int customers;
      int high;
      double value;
      int urgency = Integer.MAX_VALUE;
    }

    private final Map<Key, Totals> totals = new LinkedHashMap<>();

    void add(String type, String action, String segment, Priority priority, double clv) {
      Totals t = totals.computeIfAbsent(new Key(type, action, segment), k -> new Totals());
      t.customers++;
      t.high += priority == Priority.HIGH ? 1 : 0;
      t.value += clv;
      t.urgency = Math.min(t.urgency, priority.ordinal());
    }

    Table table(int customers) {
      List<Map.Entry<Key, Totals>> entries = new ArrayList<>(totals.entrySet());
      entries.sort(Comparator.comparingInt((Map.Entry<Key, Totals> e) -> e.getValue().urgency)
          .thenComparingDouble(e -> -e.getValue().value));
      Table out = Table.create("plan", StringColumn.create("segment"), StringColumn.create("type"),
          StringColumn.create("action"), StringColumn.create("top_priority"), IntColumn.create("customers"),
          IntColumn.create("high_priority_customers"), DoubleColumn.create("share_of_base_pct"),
          DoubleColumn.create("value_covered"));
      for (Map.Entry<Key, Totals> entry : entries) {
        Key k = entry.getKey();
        Totals t = entry.getValue();
        out.stringColumn("segment").append(k.segment);
        out.stringColumn("type").append(k.type);
        out.stringColumn("action").append(k.action);
        out.stringColumn("top_priority").append(Priority.values()[t.urgency].label());
        out.intColumn("customers").append(t.customers);
        out.intColumn("high_priority_customers").append(t.high);
        out.doubleColumn("share_of_base_pct").append(Math.round(1000.0 * t.customers / customers) / 10.0);
        out.doubleColumn("value_covered").append(Math.round(t.value * 100) / 100.0);
      }
      return out;
    }
  }

  /** Whether a lifetime value's percentile is in the top of the base, where rules' priorities are raised. */
  private boolean inTop(double clvPercentile) {
    return clvPercentile >= raiseAtClvPercentile;
  }

  private List<Compiled> compile(Table scored) {
    return rules.stream().map(rule -> new Compiled(rule, scored)).toList();
  }

  /** A rule with its texts resolved against one scored table. */
  private final class Compiled {
    private final RecommendationRule rule;
    private final IntFunction<String> action;
    private final IntFunction<String> description;
    private final IntFunction<String> reason;
    private final DoubleColumn clvPercentile;
    private final String raisedBecause;

    Compiled(RecommendationRule rule, Table scored) {
      this.rule = rule;
      try {
        this.action = Template.of(rule.action()).bind(scored);
        this.description = Template.of(rule.description()).bind(scored);
        this.reason = Template.of(rule.reason()).bind(scored);
      } catch (WorkspaceException e) {
        throw new WorkspaceException("recommendation " + rule.action() + ": " + e.getMessage(), e);
      }
      this.clvPercentile = scored.doubleColumn(CLV_PERCENTILE);
      this.raisedBecause = String.format(Locale.ROOT, "; priority raised from %s: lifetime value in the top %.0f%% of the base",
          rule.priority().label(), 100 - raiseAtClvPercentile);
    }

    Selection select(Table scored) {
      try {
        return rule.when().select(scored);
      } catch (WorkspaceException e) {
        throw new WorkspaceException("recommendation " + rule.action() + ": " + e.getMessage(), e);
      }
    }

    /** The rule's priority, raised one level for a customer in the top of the base by lifetime value. */
    Priority priority(int row) {
      return priority(inTop(clvPercentile.getDouble(row)));
    }

    /** The rule's priority for a customer whose lifetime value is in the top of the base, or not. */
    Priority priority(boolean inTop) {
      return inTop && rule.priority() != Priority.HIGH ? rule.priority().raised() : rule.priority();
    }

    Recommendation make(int row) {
      Priority priority = priority(row);
      String why = reason.apply(row);
      if (priority != rule.priority()) why += raisedBecause;
      return new Recommendation(rule.type(), priority,
          action.apply(row), description.apply(row), why);
    }
  }
}
