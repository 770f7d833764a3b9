package dev.customerlens.predict;

import dev.customerlens.data.CodedColumns;
import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.errors.WorkspaceException;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Scores every customer from their profile alone. The customer table has no outcomes, so these
 * scores are <b>modelled, not evaluated</b>: weights are stated assumptions, not fitted ones.
 *
 * <ul>
 *   <li>{@code p_active}: {@link #activity()}, a logistic score of purchase history, subscription,
 *       rating and purchase frequency, each standardised over the base.
 *   <li>{@code churn_risk} = 1 − p_active.
 *   <li>{@code purchase_probability} = p_active × (1 − e^(−λ·h/365)): a Poisson purchase process at
 *       the rate λ of the customer's stated frequency, over a horizon h of {@link #horizonDays()}.
 *   <li>{@code next_action}: "Churn Risk" if churn_risk ≥ 50%, else "Purchase" if
 *       purchase_probability ≥ 50%, else "Browse".
 *   <li>{@code current_value} = amount × previous_purchases (past orders assumed the size of this one).
 *   <li>{@code clv} = amount × λ × Σ_{t=1..Y} (p_active / (1 + d))^t over {@link #clvYears()} years at
 *       discount rate d; {@code expected_annual_value} is the undiscounted first-year term.
 *   <li>{@code revenue_potential}: High in the base's top quarter of expected_annual_value, Low in the
 *       bottom quarter, else Medium.
 *   <li>{@code next_category}: the other category most common among customers of the same persona
 *       and age band (smoothed towards the persona's mix), with that share as its probability.
 * </ul>
 */
public record Predictor(LinearScore activity, int horizonDays, int clvYears, double discountRate, double smoothing) {
  public static final String BASIS = "modelled";
  public static final String BASIS_NOTE = "modelled from the customer profile with stated weights; not evaluated, "
      + "because this table has no outcomes (what customers did afterwards) to compare against";

  /**
   * The columns {@link #predictions} adds to a base, in its order: a column of the customer's file
   * under one of these names is refused by every engine rather than replaced.
   */
  public static final List<String> SCORES = List.of("p_active", "churn_risk", "purchase_probability", "next_action",
      "current_value", "expected_annual_value", "clv", "clv_percentile", "revenue_potential", "next_category",
      "next_category_probability", "top_factors");
  /** The next likely actions, in the order the cut tries them. */
  public static final List<String> ACTIONS = List.of("Churn Risk", "Purchase", "Browse");
  /** The next-action cut: Churn Risk at this churn risk or more, else Purchase at this purchase probability or more. */
  public static final double ACTION_CUT = 0.5;
  /** Revenue potential: High from this percentile of expected annual value up, Low below {@link #LOW_POTENTIAL_BELOW}. */
  public static final double HIGH_POTENTIAL_FROM = 75;
  public static final double LOW_POTENTIAL_BELOW = 25;
  /** The revenue potentials, from High down. */
  public static final List<String> POTENTIALS = List.of("High", "Medium", "Low");
  /** The two cuts as stated to readers, whatever scored the customers. */
  public static final String NEXT_ACTION_RULE = String.format(Locale.ROOT,
      "Churn Risk if churn_risk >= %.0f%%, else Purchase if purchase_probability >= %.0f%%, else Browse",
      100 * ACTION_CUT, 100 * ACTION_CUT);
  public static final String REVENUE_POTENTIAL_RULE = String.format(Locale.ROOT,
      "High if expected_annual_value is in the top %.0f%% of the base, Low if in the bottom %.0f%%, else Medium",
      100 - HIGH_POTENTIAL_FROM, LOW_POTENTIAL_BELOW);

  /** A term's value when its column is not in the input. */
  public static final String UNAVAILABLE = "unavailable: not in the input, so this term is left out";

  public Predictor {
    if (horizonDays < 1) throw new WorkspaceException("horizonDays must be at least 1");
    if (clvYears < 1) throw new WorkspaceException("clvYears must be at least 1");
    if (discountRate < 0) throw new WorkspaceException("discountRate must not be negative");
    if (smoothing < 0) throw new WorkspaceException("smoothing must not be negative");
  }

  public static Predictor defaults() {
    return new Predictor(
        new LinearScore("p_active", 0.9, List.of(
            new Term(Field.PREVIOUS_PURCHASES.key(), Term.Scale.STANDARDISED, 0.6, "previous purchases"),
            new Term(Field.SUBSCRIPTION_STATUS.key(), Term.Scale.FLAG, 0.8, "subscription"),
            new Term(Field.REVIEW_RATING.key(), Term.Scale.STANDARDISED, 0.5, "review rating"),
            new Term(Features.PURCHASES_PER_YEAR, Term.Scale.LOG_STANDARDISED, 0.7, "purchases a year"))),
        30, 3, 0.10, 10);
  }

  /**
   * The scores derived from p_active, by name, in the order they are computed; a formula may read
   * the features and any score before it. Every engine compiles these, so each is written here only.
   */
  public Map<String, Formula> derivedScores() {
    Formula pActive = Formula.feature("p_active");
    Formula rate = Formula.feature(Features.PURCHASES_PER_YEAR);
    Formula amount = Formula.feature(Field.PURCHASE_AMOUNT.key());
    Formula one = Formula.constant(1);
    Map<String, Formula> scores = new LinkedHashMap<>();
    scores.put("churn_risk", one.minus(pActive));
    // A Poisson purchase process at the customer's rate, over the horizon.
    scores.put("purchase_probability", pActive.times(one.minus(new Formula.Exp(
        rate.negated().times(Formula.constant(horizonDays)).dividedBy(Formula.constant(365))))));
    scores.put("current_value", amount.times(Formula.feature(Field.PREVIOUS_PURCHASES.key())));
    scores.put("expected_annual_value", amount.times(rate).times(pActive));
    scores.put("clv", amount.times(rate).times(new Formula.Annuity(pActive, clvYears, discountRate)));
    return Collections.unmodifiableMap(scores);
  }

  /** The category shift's inputs, counted per persona and per cell (a persona's customers in one age band). */
  public static final String IN_PERSONA = "customers_in_persona";
  public static final String IN_PERSONA_BUYING = "customers_in_persona_buying_category";
  public static final String CATEGORIES = "categories";
  public static final String PERSONA_MIX = "persona_category_mix";
  public static final String IN_CELL = "customers_in_cell";
  public static final String IN_CELL_BUYING = "customers_in_cell_buying_category";

  /** A category's share of a persona, with one pseudo-customer per category so that none has a share of 0. */
  public static Formula personaCategoryMix() {
    Formula one = Formula.constant(1);
    return Formula.feature(IN_PERSONA_BUYING).plus(one)
        .dividedBy(Formula.feature(IN_PERSONA).plus(Formula.feature(CATEGORIES)));
  }

  /**
   * A category's share of a cell, shrunk towards the persona's mix by {@link #smoothing()}
   * pseudo-customers, so that small cells do not give extreme answers. The next category is the
   * other category with the highest share, and this share is its probability.
   */
  public Formula cellCategoryShare() {
    Formula pseudo = Formula.constant(smoothing);
    return Formula.feature(IN_CELL_BUYING).plus(pseudo.times(Formula.feature(PERSONA_MIX)))
        .dividedBy(Formula.feature(IN_CELL).plus(pseudo));
  }

  /**
   * The derived scores of rows 0..rows-1 in Java double arithmetic, the reference the other engines
   * are compared with. {@code inputs} gives each feature (and p_active) by row.
   */
  public Map<String, double[]> derive(int rows, Function<String, IntToDoubleFunction> inputs) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, Formula> score : derivedScores().entrySet()) {
      IntToDoubleFunction formula = score.getValue().compile(new JavaArithmetic(name -> {
        double[] earlier = out.get(name);
        return earlier != null ? i -> earlier[i] : inputs.apply(name);
      }));
      double[] values = new double[rows];
      for (int i = 0; i < rows; i++) values[i] = formula.applyAsDouble(i);
      out.put(score.getKey(), values);
    }
    return out;
  }

  /** How each score is computed, written from this predictor's terms, horizon, years and discount rate. */
  public Map<String, String> formulas() {
    Map<String, Formula> derived = derivedScores();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("p_active", activity.formula());
    f.put("churn_risk", derived.get("churn_risk").text());
    f.put("purchase_probability", derived.get("purchase_probability").text());
    f.put("next_likely_action", NEXT_ACTION_RULE);
    f.put("revenue_potential", REVENUE_POTENTIAL_RULE);
    f.put("current_value", derived.get("current_value").text());
    f.put("clv", derived.get("clv").text());
    f.put("next_category", "the other category with the highest " + cellCategoryShare().text() + ", where a cell is the "
        + "customers of one persona and age band and " + PERSONA_MIX + " = " + personaCategoryMix().text());
    return Collections.unmodifiableMap(f);
  }

  /** The labels of the score terms that need an {@code unavailable} feature, in term order: left out of p_active. */
  public List<String> termsLeftOut(Set<String> unavailable) {
    return activity.terms().stream().filter(t -> unavailable.contains(t.feature())).map(Term::label).toList();
  }

  /**
   * The category shift learned from customer counts keyed by (persona, age band, category), as an
   * engine that cannot hold the rows (Spark) counts them: one answer per combination present.
   */
  public List<NextCategory> nextCategories(Map<List<String>, Long> counts) {
    return CategoryShift.fromCounts(counts, cellCategoryShare()).choices();
  }

  /**
   * Scores for each row of {@code features} (which must carry a "persona" column), in row order:
   * customer_id, p_active, churn_risk, purchase_probability, next_action, current_value,
   * expected_annual_value, clv, clv_percentile, revenue_potential, next_category,
   * next_category_probability, top_factors.
   */
  public Table score(Table features) {
    return score(features, activity.contributions(features, activity.scaling(features)));
  }

  /**
   * {@link #score(Table)} from each term's share of the log-odds, contributions[t][row], however an
   * engine computed them: p_active, the derived scores, the cuts, the category shift and the factors
   * are all laid out here.
   */
  public Table score(Table features, double[][] contributions) {
    return withId(features, scoreColumns(features, contributions));
  }

  /**
   * {@link #score(Table, double[][])} without the customer_id column, for a caller that holds the
   * ids already (an analysis adds these columns to its features): a million ids are not copied.
   */
  public Table scoreColumns(Table features, double[][] contributions) {
    double[] pActive = activity.probabilities(contributions);
    Map<String, double[]> derived = derive(features.rowCount(),
        name -> name.equals("p_active") ? i -> pActive[i] : JavaArithmetic.column(features, name));
    return scoreColumns(features, contributions, pActive, derived, Map.of());
  }

  /**
   * The same, with p_active and the {@link #derivedScores()} already computed (by name) by an
   * engine that evaluates these formulas, and the columns of the cuts and the category shift it
   * laid out too ({@code laidOut}, by name); the others, and the factors, are laid out here.
   */
  public Table scoreColumns(Table features, double[][] contributions, double[] pActive, Map<String, double[]> derived,
      Map<String, Column<?>> laidOut) {
    int n = features.rowCount();
    String[] factors = new String[n];
    // Runs of rows are shared among the cores; in each, a text is made once per distinct top three
    // (a few thousand in a million customers), and the rows with the same one share it.
    int runs = (n + FACTOR_RUN - 1) / FACTOR_RUN;
    IntStream.range(0, runs).parallel().forEach(run -> {
      StrongestTerms strongest = new StrongestTerms(contributions.length);
      for (int i = run * FACTOR_RUN; i < Math.min(n, (run + 1) * FACTOR_RUN); i++) factors[i] = strongest.of(contributions, i);
    });
    return predictionColumns(features, pActive, derived.get("churn_risk"), derived.get("purchase_probability"),
        derived.get("current_value"), derived.get("expected_annual_value"), derived.get("clv"), factors, laidOut);
  }

  /**
   * The predictions table every scorer of a base lays out the same way, from its per-customer numbers:
   * the next action, the clv percentile, the revenue potential and the category shift are derived
   * here, by the same cuts whatever produced the numbers. A missing probability (NaN) gives Browse.
   */
  public Table predictions(Table features, double[] pActive, double[] churn, double[] purchase, double[] current,
      double[] annual, double[] clv, String[] factors) {
    return withId(features, predictionColumns(features, pActive, churn, purchase, current, annual, clv, factors,
        Map.of()));
  }

  private static Table withId(Table features, Table scores) {
    scores.insertColumn(0, Features.copy(features.stringColumn(Field.CUSTOMER_ID.key()), Field.CUSTOMER_ID.key()));
    return scores;
  }

  /** {@code laidOut}: the columns of the cuts and the category shift an engine already laid out, by name. */
  private Table predictionColumns(Table features, double[] pActive, double[] churn, double[] purchase,
      double[] current, double[] annual, double[] clv, String[] factors, Map<String, Column<?>> laidOut) {
    int[] action = new int[churn.length];
    for (int i = 0; i < action.length; i++) action[i] = nextAction(churn[i], purchase[i]);
    DoubleColumn annualColumn = DoubleColumn.create("expected_annual_value", annual);
    DoubleColumn clvColumn = DoubleColumn.create("clv", clv);
    CategoryShift.Choices shift = laidOut.containsKey("next_category") && laidOut.containsKey("next_category_probability")
        ? null : CategoryShift.learnAndChoose(features, cellCategoryShare());
    return Table.create("predictions",
        DoubleColumn.create("p_active", pActive),
        DoubleColumn.create("churn_risk", churn),
        DoubleColumn.create("purchase_probability", purchase),
        CodedColumns.text("next_action", action.length, ACTIONS.size(), r -> action[r], ACTIONS::get),
        DoubleColumn.create("current_value", current),
        annualColumn,
        clvColumn,
        laidOutOr(laidOut, "clv_percentile", () -> Features.percentile(clvColumn, "clv_percentile")),
        laidOutOr(laidOut, "revenue_potential", () -> revenuePotential(annualColumn)),
        laidOutOr(laidOut, "next_category", () -> shift.nextCategories()),
        laidOutOr(laidOut, "next_category_probability", () -> shift.nextProbabilities()),
        StringColumn.create("top_factors", factors));
  }

  private static Column<?> laidOutOr(Map<String, Column<?>> laidOut, String name, Supplier<Column<?>> make) {
    Column<?> given = laidOut.get(name);
    return given != null ? given : make.get();
  }

  /** The next likely action by {@link #NEXT_ACTION_RULE}: an index into {@link #ACTIONS}. */
  public static int nextAction(double churnRisk, double purchaseProbability) {
    return churnRisk >= ACTION_CUT ? 0 : purchaseProbability >= ACTION_CUT ? 1 : 2;
  }

  /** Revenue potential by {@link #REVENUE_POTENTIAL_RULE}, from a percentile of expected annual value. */
  private static StringColumn revenuePotential(DoubleColumn expectedAnnualValue) {
    DoubleColumn rank = Features.percentile(expectedAnnualValue, "annual_value_percentile");
    int[] potential = new int[rank.size()];
    for (int i = 0; i < potential.length; i++) {
      double r = rank.getDouble(i);
      potential[i] = r >= HIGH_POTENTIAL_FROM ? 0 : r < LOW_POTENTIAL_BELOW ? 2 : 1;
    }
    return CodedColumns.text("revenue_potential", potential.length, POTENTIALS.size(), r -> potential[r],
        POTENTIALS::get);
  }


  /**
   * Every factor of a row, strongest first, for any row of {@code features}. A term on an
   * {@code unavailable} feature (a column the input lacks) is left out of the score, adding nothing
   * to the log-odds, and says so.
   */
  public IntFunction<List<Factor>> factors(Table features, double[][] contributions, Set<String> unavailable) {
    List<Term> terms = activity.terms();
    // Found once: explaining a million customers one by one would otherwise look up every term's column each time.
    Column<?>[] columns = terms.stream().map(term -> features.column(term.feature())).toArray(Column<?>[]::new);
    List<IntFunction<String>> shown = Arrays.stream(columns).map(Predictor::shownValue).toList();
    return row -> {
      List<Factor> out = new ArrayList<>(terms.size());
      for (int t = 0; t < terms.size(); t++) {
        Term term = terms.get(t);
        String value;
        if (unavailable.contains(term.feature())) value = UNAVAILABLE;
        else if (columns[t].isMissing(row)) value = "missing (counted as average)";
        else value = shown.get(t).apply(row);
        out.add(new Factor(term.label(), value, contributions[t][row]));
      }
      out.sort(Comparator.comparingDouble((Factor f) -> -Math.abs(f.effect())));
      return out;
    };
  }

  /** Distinct numbers a factor column keeps the text of; past it, a number is formatted each time. */
  private static final int SHOWN_NUMBERS = 4096;

  /**
   * A present value of a factor's column as the factor shows it: yes/no as Yes or No, anything else
   * as Tablesaw writes it. Tablesaw writes a number through a DecimalFormat, about a microsecond a
   * call, so each distinct number's text is kept (a feature takes few values: ages, ratings, counts).
   */
  private static IntFunction<String> shownValue(Column<?> column) {
    if (column.type().name().equals("BOOLEAN")) return row -> Boolean.parseBoolean(column.getString(row)) ? "Yes" : "No";
    if (!(column instanceof NumericColumn<?> numbers)) return column::getString;
    Map<Double, String> kept = new ConcurrentHashMap<>();
    return row -> {
      double value = numbers.getDouble(row);
      String text = kept.get(value);
      if (text == null) {
        text = column.getString(row);
        if (kept.size() < SHOWN_NUMBERS) kept.put(value, text);
      }
      return text;
    };
  }

  /** The factors of one customer, strongest first. */
  public List<Factor> explain(Table features, int row) {
    LinearScore.Scaling scaling = activity.scaling(features);
    return factors(features, activity.contributions(features, scaling), Set.of()).apply(row);
  }

  /** Rows whose factor texts are made together, sharing the texts they have in common. */
  private static final int FACTOR_RUN = 65_536;

  /**
   * "subscription +0.80; review rating -0.73; purchases a year +0.57": a row's three strongest terms.
   * One per run of rows, reusing its arrays, and making each text once: the text is fixed by each
   * shown term's index, sign and hundredths, 21 bits of a key each while they fit.
   */
  private final class StrongestTerms {
    private final int[] order;
    private final long[] hundredths;
    private final boolean[] negative;
    private final Long2ObjectOpenHashMap<String> made = new Long2ObjectOpenHashMap<>();

    StrongestTerms(int terms) {
      order = new int[terms];
      hundredths = new long[Math.min(3, terms)];
      negative = new boolean[hundredths.length];
    }

    String of(double[][] contributions, int row) {
      // Strongest first, ties in term order: an insertion sort of the few terms.
      for (int t = 0; t < order.length; t++) {
        int at = t;
        while (at > 0 && Math.abs(contributions[order[at - 1]][row]) < Math.abs(contributions[t][row])) {
          order[at] = order[at - 1];
          at--;
        }
        order[at] = t;
      }
      long key = 0;
      boolean keyed = order.length <= 32;
      for (int k = 0; k < hundredths.length; k++) {
        double effect = contributions[order[k]][row];
        negative[k] = !(effect >= 0);
        hundredths[k] = Math.round(Math.abs(effect) * 100);
        keyed &= hundredths[k] < 1 << 15;
        key = key << 21 | (long) order[k] << 16 | (negative[k] ? 1L << 15 : 0) | hundredths[k];
      }
      if (!keyed) return factorText(order, negative, hundredths);
      String text = made.get(key);
      if (text == null) made.put(key, text = factorText(order, negative, hundredths));
      return text;
    }
  }

  private String factorText(int[] order, boolean[] negative, long[] hundredths) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < hundredths.length; k++) {
      if (out.length() > 0) out.append("; ");
      Factor.appendSigned(out.append(activity.terms().get(order[k]).label()).append(' '), negative[k], hundredths[k]);
    }
    return out.toString();
  }

}
