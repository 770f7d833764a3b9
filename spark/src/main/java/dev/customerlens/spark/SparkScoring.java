package dev.customerlens.spark;

import static dev.customerlens.errors.WorkspaceException.within;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.customerlens.persona.PersonaSummary;
import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.data.Frequency;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.persona.Persona;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Trait;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.Formula;
import dev.customerlens.predict.LinearScore;
import dev.customerlens.predict.NextCategory;
import dev.customerlens.predict.Predictor;
import dev.customerlens.predict.Term;
import dev.customerlens.recommend.Priority;
import dev.customerlens.recommend.RecommendationRule;
import dev.customerlens.recommend.Recommender;
import dev.customerlens.recommend.Template;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;

/**
 * The batch scoring job as Spark column expressions, compiled from the declared rules and scores
 * with the same double operations in the same order as the local engine ({@code Features},
 * {@code LinearScore}, {@code Predictor}, {@code CategoryShift}, {@code Recommender}). Population
 * figures (amount percentiles, the score's scaling, percentile thresholds, the category shift and
 * the persona summary) are aggregated on the cluster; only their small results reach the driver.
 */
final class SparkScoring {
  /** Columns of the scored-customer table, as {@code lens score} writes it. */
  static final List<String> OUTPUT = List.of("customer_id", "persona", "traits", "purchase_pct", "churn_pct",
      "revenue_potential", "clv", "priority", "recommendation");
  private static final Map<String, String> PERCENTILES = Map.of("clv_percentile", "clv");

  private final SparkSession spark;
  private final PersonaRules rules;
  private final Traits traits;
  private final Predictor predictor;
  private final Recommender recommender;
  private final double relativeError;
  private final Phases phases;

  SparkScoring(SparkSession spark, CustomerModel model, double relativeError, Phases phases) {
    this.spark = spark;
    this.rules = model.rules();
    this.traits = model.traits();
    this.predictor = model.predictor();
    this.recommender = model.recommender();
    this.relativeError = relativeError;
    this.phases = phases;
  }

  /**
   * The features with each row's persona (the first rule that matches, else the fallback) and
   * traits: the rules and traits compiled over whatever named columns the features hold.
   */
  static Dataset<Row> profiled(Dataset<Row> features, PersonaRules rules, Traits traits) {
    // No persona rule or trait can name a percentile column: those are scores, computed after.
    RuleColumns onFeatures = new RuleColumns(features.schema(), Map.of(), null);
    Column persona = lit(rules.fallback().name());
    List<PersonaRule> personaRules = rules.rules();
    for (int r = personaRules.size() - 1; r >= 0; r--) {
      PersonaRule rule = personaRules.get(r);
      persona = when(within("persona rule " + rule.name(), () -> onFeatures.compile(rule.when())), rule.name())
          .otherwise(persona);
    }
    List<Column> labels = new ArrayList<>();
    for (Trait trait : traits.traits()) {
      labels.add(when(within("trait " + trait.label(), () -> onFeatures.compile(trait.when())), trait.label()));
    }
    return features
        .withColumn("persona", persona)
        .withColumn("traits", concat_ws(Traits.SEPARATOR, labels.toArray(Column[]::new)));
  }

  /** Scores valid, typed customers; the result is cached until {@link SparkScores#close}. */
  SparkScores score(Dataset<Row> customers) {
    Dataset<Row> predicted = predict(profiled(features(customers), rules, traits));
    predicted.persist(StorageLevel.MEMORY_AND_DISK());
    phases.time("personas, traits and scores of every customer (cached)", predicted::count);

    PercentileCuts cuts = new PercentileCuts(relativeError);
    PercentileCuts.Cut high = new PercentileCuts.Cut("expected_annual_value", Predictor.HIGH_POTENTIAL_FROM,
        PercentileCuts.Kind.AT_LEAST);
    PercentileCuts.Cut notLow = new PercentileCuts.Cut("expected_annual_value", Predictor.LOW_POTENTIAL_BELOW,
        PercentileCuts.Kind.AT_LEAST);
    PercentileCuts.Cut raise = new PercentileCuts.Cut("clv", recommender.raiseAtClvPercentile(), PercentileCuts.Kind.AT_LEAST);
    List<PercentileCuts.Cut> needed = new ArrayList<>(List.of(high, notLow, raise));
    for (RecommendationRule rule : recommender.rules()) needed.addAll(RuleColumns.cutsOf(rule.when(), PERCENTILES));
    phases.time("exact percentile thresholds", () -> cuts.resolve(predicted, needed));

    Cells cells = phases.time("counts per persona, age band, category, gender and location", () -> Cells.of(predicted));
    Dataset<Row> shifted = shift(predicted, cells)
        .withColumn("revenue_potential", when(col("expected_annual_value").geq(cuts.threshold(high)), "High")
            .when(col("expected_annual_value").geq(cuts.threshold(notLow)), "Medium").otherwise("Low"));
    Dataset<Row> recommended = recommend(shifted, cuts, raise);
    Dataset<Row> table = recommended.select(col("customer_id"), col("persona"), col("traits"),
        lit(100.0).multiply(col("purchase_probability")).as("purchase_pct"),
        lit(100.0).multiply(col("churn_risk")).as("churn_pct"), col("revenue_potential"), col("clv"), col("priority"),
        col("recommendation"), col(NumberedRows.FILE), col(NumberedRows.LINE), col(NumberedRows.ORDER));
    // Cached once, so that the Parquet and CSV writes read it rather than computing it twice.
    table.persist(StorageLevel.MEMORY_AND_DISK());
    phases.time("category shift and top recommendation of every customer (cached)", table::count);
    predicted.unpersist();
    return new SparkScores(table, summary(cells, rules), cuts, phases);
  }

  // ---- features ---------------------------------------------------------------------------------

  /** {@code Features.of}: the fields, age band, purchases a year and the amount's percentile in the base. */
  private Dataset<Row> features(Dataset<Row> customers) {
    Column band = null;
    for (int age = Field.MIN_AGE; age <= Field.MAX_AGE; age++) {
      String name = Features.ageBand(age);
      if (age == Field.MAX_AGE || !Features.ageBand(age + 1).equals(name)) {
        Column test = col(Field.AGE.key()).leq(age);
        band = band == null ? when(test, name) : band.when(test, name);
      }
    }
    Column rate = null;
    for (Frequency frequency : Frequency.values()) {
      Column test = col(Field.FREQUENCY.key()).equalTo(frequency.label());
      rate = rate == null ? when(test, frequency.purchasesPerYear()) : rate.when(test, frequency.purchasesPerYear());
    }
    return customers
        .withColumn(Features.AGE_BAND, band)
        .withColumn(Features.PURCHASES_PER_YEAR, rate.cast("double"))
        .join(broadcast(phases.time("amount percentiles",
            () -> PercentileCuts.midRanks(customers, Field.PURCHASE_AMOUNT.key(), Features.AMOUNT_PERCENTILE))),
            Field.PURCHASE_AMOUNT.key());
  }

  // ---- scores -----------------------------------------------------------------------------------

  /** {@code Predictor.score}: the activity score with this base's scaling, then the numbers derived from it. */
  private Dataset<Row> predict(Dataset<Row> classified) {
    LinearScore score = predictor.activity();
    List<Term> terms = score.terms();
    List<Column> moments = new ArrayList<>();
    for (Term term : terms) {
      Column x = termInput(classified, term);
      moments.add(sum(x));
      moments.add(sum(x.multiply(x)));
      moments.add(count(x));
    }
    Row sums = moments.isEmpty() ? null : phases.time("score scaling (means and deviations)",
        () -> classified.agg(moments.get(0), moments.subList(1, moments.size()).toArray(Column[]::new)).first());
    double[] total = new double[terms.size()];
    double[] squares = new double[terms.size()];
    long[] count = new long[terms.size()];
    for (int t = 0; t < terms.size(); t++) {
      if (terms.get(t).scale() == Term.Scale.FLAG) continue;
      count[t] = sums.getLong(3 * t + 2);
      total[t] = count[t] == 0 ? 0 : sums.getDouble(3 * t);
      squares[t] = count[t] == 0 ? 0 : sums.getDouble(3 * t + 1);
    }
    Column pActive = score.probability(LinearScore.Scaling.of(terms, total, squares, count)).compile(SPARK_COLUMNS);
    Dataset<Row> scored = classified.withColumn("p_active", pActive);
    for (Map.Entry<String, Formula> derived : predictor.derivedScores().entrySet()) {
      scored = scored.withColumn(derived.getKey(), derived.getValue().compile(SPARK_COLUMNS));
    }
    return scored.withColumn("next_action", when(col("churn_risk").geq(Predictor.ACTION_CUT), Predictor.ACTIONS.get(0))
        .when(col("purchase_probability").geq(Predictor.ACTION_CUT), Predictor.ACTIONS.get(1))
        .otherwise(Predictor.ACTIONS.get(2)));
  }

  /** A declared formula as a Spark column over the columns it names (yes/no counting 1 or 0). */
  private static final Formula.Engine<Column> SPARK_COLUMNS = new Formula.Engine<>() {
    public Column feature(String name) {
      return col(name).cast(DataTypes.DoubleType);
    }

    public Column constant(double value) {
      return lit(value);
    }

    public Column negate(Column operand) {
      return operand.unary_$minus();
    }

    public Column binary(Formula.Operator operator, Column left, Column right) {
      return switch (operator) {
        case ADD -> left.plus(right);
        case SUBTRACT -> left.minus(right);
        case MULTIPLY -> left.multiply(right);
        case DIVIDE -> left.divide(right);
      };
    }

    public Column exp(Column operand) {
      return functions.exp(operand);
    }

    public Column log1p(Column operand) {
      return functions.log1p(operand);
    }

    public Column orZero(Column operand) {
      return coalesce(operand, lit(0.0));
    }
  };

  /** A standardised term's input (its log for LOG_STANDARDISED), null where missing; checked as {@code LinearScore} checks it. */
  private static Column termInput(Dataset<Row> data, Term term) {
    var type = typeOf(data, term.feature());
    if (term.scale() == Term.Scale.FLAG) {
      if (!(type instanceof BooleanType)) {
        throw new WorkspaceException("score term " + term.feature() + " is a FLAG and needs a yes/no column");
      }
      return when(col(term.feature()), 1.0).otherwise(0.0);
    }
    if (!(type instanceof NumericType)) throw new WorkspaceException("score term " + term.feature() + " needs a numeric column");
    Column x = col(term.feature()).cast("double");
    return term.scale() == Term.Scale.LOG_STANDARDISED ? log1p(x) : x;
  }

  private static org.apache.spark.sql.types.DataType typeOf(Dataset<Row> data, String column) {
    for (var field : data.schema().fields()) if (field.name().equals(column)) return field.dataType();
    throw new WorkspaceException("score term refers to unknown feature \"" + column + "\"; known: "
        + String.join(", ", data.columns()));
  }

  /** {@code CategoryShift}: learned from counts per persona, age band and category; joined back as a small table. */
  private Dataset<Row> shift(Dataset<Row> predicted, Cells cells) {
    List<Row> choices = new ArrayList<>();
    for (NextCategory next : predictor.nextCategories(cells.byBandAndCategory())) {
      choices.add(RowFactory.create(next.persona(), next.ageBand(), next.category(), next.nextCategory(), next.probability()));
    }
    Dataset<Row> table = spark.createDataFrame(choices, DataTypes.createStructType(List.of(
        DataTypes.createStructField("persona", DataTypes.StringType, false),
        DataTypes.createStructField(Features.AGE_BAND, DataTypes.StringType, false),
        DataTypes.createStructField(Field.CATEGORY.key(), DataTypes.StringType, false),
        DataTypes.createStructField("next_category", DataTypes.StringType, false),
        DataTypes.createStructField("next_category_probability", DataTypes.DoubleType, false))));
    return predicted.join(broadcast(table), new String[] {"persona", Features.AGE_BAND, Field.CATEGORY.key()}, "left");
  }

  // ---- recommendations --------------------------------------------------------------------------

  /**
   * {@code Recommender.top}: the first matching rule in the order of its effective priority (raised
   * one step for customers at or above the clv percentile), with its action text filled in.
   */
  private Dataset<Row> recommend(Dataset<Row> scored, PercentileCuts cuts, PercentileCuts.Cut raise) {
    RuleColumns onScored = new RuleColumns(scored.schema(), PERCENTILES, cuts);
    List<RecommendationRule> recs = recommender.rules();
    List<Column> matches = new ArrayList<>();
    List<Column> actions = new ArrayList<>();
    for (RecommendationRule rule : recs) {
      matches.add(within("recommendation " + rule.action(), () -> onScored.compile(rule.when())));
      actions.add(within("recommendation " + rule.action(), () -> template(scored, rule.action())));
    }
    // Each rule's test once per row, as its own column; the four choices below read the columns.
    List<Column> tested = new ArrayList<>(List.of(col("*"), col("clv").geq(cuts.threshold(raise)).as("raised")));
    List<Column> flags = new ArrayList<>();
    for (int r = 0; r < recs.size(); r++) {
      tested.add(matches.get(r).as("matches_rule_" + r));
      flags.add(col("matches_rule_" + r));
    }
    Column raised = col("raised");
    Column priority = when(raised, top(recs, flags, actions, true, true)).otherwise(top(recs, flags, actions, false, true));
    Column action = when(raised, top(recs, flags, actions, true, false)).otherwise(top(recs, flags, actions, false, false));
    return scored.select(tested.toArray(Column[]::new)).withColumn("priority", priority).withColumn("recommendation", action);
  }

  private static Column top(List<RecommendationRule> recs, List<Column> matches, List<Column> actions, boolean raised,
      boolean priority) {
    List<Integer> order = IntStream.range(0, recs.size()).boxed()
        .sorted(Comparator.comparing((Integer r) -> effective(recs.get(r), raised)).thenComparingInt(r -> r)).toList();
    Column out = lit("");
    for (int k = order.size() - 1; k >= 0; k--) {
      int r = order.get(k);
      out = when(matches.get(r), priority ? lit(effective(recs.get(r), raised).label()) : actions.get(r)).otherwise(out);
    }
    return out;
  }

  private static Priority effective(RecommendationRule rule, boolean raised) {
    return raised && rule.priority() != Priority.HIGH ? rule.priority().raised() : rule.priority();
  }

  /** The action's {@code Template} as a Spark column: text and yes/no columns only. */
  private static Column template(Dataset<Row> scored, String action) {
    return Template.of(action).compile(new Template.Engine<Column>() {
      public Column literal(String text) {
        return lit(text);
      }

      public Column column(String name) {
        var type = typeOf(scored, name);
        Column value = col(name);
        if (type instanceof BooleanType) {
          return when(value, Template.YES).when(value.isNotNull(), Template.NO).otherwise(Template.MISSING);
        }
        if (type instanceof NumericType) {
          throw new WorkspaceException("the action \"" + action + "\" names {" + name + "}; batch scoring fills actions "
              + "from text and yes/no columns only");
        }
        return when(value.isNull().or(value.equalTo("")), Template.MISSING).otherwise(value);
      }

      public Column concat(List<Column> parts) {
        return functions.concat(parts.toArray(Column[]::new));
      }
    });
  }

  // ---- summary ----------------------------------------------------------------------------------

  /**
   * Every per-persona count the category shift and the persona summary need, in one pass over the
   * base with grouping sets: totals per persona, customers per persona, age band and category, per
   * persona and gender, and per persona and location. The result has a few thousand rows. Any
   * profiled table will do, as {@code PersonaSummary.of} takes any: a column it lacks (a log's
   * customers have no age, gender or rating) is missing for every row, its "spend" is what the
   * persona's customers spent, and its "country" stands in for a location.
   */
  private record Cells(List<Row> rows) {
    static Cells of(Dataset<Row> profiled) {
      Set<String> has = Set.of(profiled.columns());
      String view = "lens_cells_" + java.util.UUID.randomUUID().toString().replace("-", "");
      profiled.createOrReplaceTempView(view);
      try {
        String rating = or(has, "DOUBLE", Field.REVIEW_RATING.key());
        String perYear = or(has, "DOUBLE", Features.PURCHASES_PER_YEAR);
        String age = or(has, "DOUBLE", Field.AGE.key());
        String amount = or(has, "DOUBLE", Field.PURCHASE_AMOUNT.key());
        String columns = "persona, " + or(has, "STRING", Features.AGE_BAND) + " AS band, "
            + or(has, "STRING", Field.CATEGORY.key()) + " AS category, " + or(has, "STRING", Field.GENDER.key())
            + " AS gender, " + or(has, "STRING", Field.LOCATION.key(), "country") + " AS location, " + amount
            + " AS amount, " + or(has, "DOUBLE", "spend", Field.PURCHASE_AMOUNT.key()) + " AS spend, " + perYear
            + " AS per_year, " + rating + " AS rating, " + age + " AS age";
        return new Cells(profiled.sparkSession().sql("SELECT persona, band, category, gender, location, grouping(band), "
            + "grouping(gender), grouping(location), count(1), sum(amount), sum(per_year), sum(rating), count(rating), "
            + "sum(age), count(amount), sum(spend), count(spend), count(per_year), count(age) FROM (SELECT " + columns
            + " FROM " + view + ") GROUP BY GROUPING SETS ((persona), (persona, band, category), (persona, gender), "
            + "(persona, location))").collectAsList());
      } finally {
        profiled.sparkSession().catalog().dropTempView(view);
      }
    }

    /** The first of {@code names} the table has, as {@code type}; a typed NULL when it has none. */
    private static String or(Set<String> has, String type, String... names) {
      for (String name : names) if (has.contains(name)) return "CAST(`" + name + "` AS " + type + ")";
      return "CAST(NULL AS " + type + ")";
    }

    /** Customers per (persona, age band, category): the category shift's counts. */
    Map<List<String>, Long> byBandAndCategory() {
      Map<List<String>, Long> counts = new HashMap<>();
      for (Row row : rows) {
        if (row.getByte(5) == 0) counts.put(List.of(row.getString(0), row.getString(1), row.getString(2)), row.getLong(8));
      }
      return counts;
    }

    /** A persona's totals, with its customers per age band, gender, location and category (blanks left out). */
    PersonaSummary.Counts of(String persona) {
      Row total = null;
      Map<String, Long> bands = new TreeMap<>();
      Map<String, Long> genders = new TreeMap<>();
      Map<String, Long> locations = new TreeMap<>();
      Map<String, Long> categories = new TreeMap<>();
      for (Row row : rows) {
        if (!persona.equals(row.getString(0))) continue;
        long n = row.getLong(8);
        if (row.getByte(5) == 0) {
          if (!blank(row, 1)) bands.merge(row.getString(1), n, Long::sum);
          if (!blank(row, 2)) categories.merge(row.getString(2), n, Long::sum);
        } else if (row.getByte(6) == 0) {
          if (!blank(row, 3)) genders.merge(row.getString(3), n, Long::sum);
        } else if (row.getByte(7) == 0) {
          if (!blank(row, 4)) locations.merge(row.getString(4), n, Long::sum);
        } else {
          total = row;
        }
      }
      if (total == null) return PersonaSummary.Counts.NONE;
      return new PersonaSummary.Counts(total.getLong(8), mean(total, 9, 14), mean(total, 15, 16), mean(total, 10, 17),
          mean(total, 11, 12), mean(total, 13, 18), bands, genders, locations, categories);
    }

    private static boolean blank(Row row, int i) {
      return row.isNullAt(i) || row.getString(i).isEmpty();
    }

    /** The values' sum and how many there were; a sum over none is null, and counts as 0. */
    private static PersonaSummary.Mean mean(Row total, int sum, int count) {
      return new PersonaSummary.Mean(total.isNullAt(sum) ? 0 : total.getDouble(sum), total.getLong(count));
    }
  }

  /**
   * {@code PersonaSummary.of} over any profiled table (a persona column and whichever summarised
   * columns it has): every persona of {@code rules} in rule order, formatted as the local engine
   * formats it.
   */
  static List<PersonaSummary.Line> personaSummary(Dataset<Row> profiled, PersonaRules rules) {
    return summary(Cells.of(profiled), rules);
  }

  private static List<PersonaSummary.Line> summary(Cells cells, PersonaRules rules) {
    List<PersonaSummary.Counts> counts = rules.personas().stream().map(p -> cells.of(p.name())).toList();
    long rows = counts.stream().mapToLong(PersonaSummary.Counts::customers).sum();
    List<PersonaSummary.Line> lines = new ArrayList<>();
    for (int p = 0; p < counts.size(); p++) {
      Persona persona = rules.personas().get(p);
      lines.add(PersonaSummary.line(persona.name(), persona.description(), counts.get(p), rows));
    }
    return lines;
  }

}
