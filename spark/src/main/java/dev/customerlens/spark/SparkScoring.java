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

import dev.customerlens.clv.LogScore;
import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.data.Frequency;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.persona.Persona;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaCells;
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
  /** A log's customers are written in files of about this many customers each, or fewer files. */
  static final long CUSTOMERS_PER_FILE = 1_000_000;

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
    return finish(predict(profiled(features(customers), rules, traits)), OUTPUT,
        List.of(NumberedRows.FILE, NumberedRows.LINE, NumberedRows.ORDER), false);
  }

  /**
   * A log's customers, profiled, with their scores from its forecasts ({@code LogScore.COLUMNS}, made
   * on the executors by {@code SparkEvents.scored}): the next action and everything after it as for a
   * table, then the forecast columns, in order of each customer's first event.
   */
  SparkScores scoreLog(Dataset<Row> profiled) {
    // The features arrive sorted, in Spark's shuffle partitions (200 by default) however few the
    // customers; the cuts below run several jobs over them, each a task per partition. Merged, in
    // order, into as many as the cluster runs at once.
    Dataset<Row> merged = profiled.coalesce(spark.sparkContext().defaultParallelism());
    // As Cells.ageBands: a log has no ages, so every customer is in one blank band.
    Dataset<Row> banded = List.of(merged.columns()).contains(Features.AGE_BAND) ? merged
        : merged.withColumn(Features.AGE_BAND, lit(""));
    List<String> output = new ArrayList<>(OUTPUT);
    output.addAll(LogScore.FORECAST_COLUMNS);
    List<String> kept = new ArrayList<>(LogScore.FORECAST_COLUMNS);
    kept.add(NumberedRows.ORDER);
    return finish(withNextAction(banded), output, kept, true);
  }

  /**
   * Cuts, the category shift and the recommendations of customers with their scores, cached until
   * {@link SparkScores#close}; {@code kept} columns are carried to the table beside {@code output}'s.
   * With {@code merged}, the table is merged into a part per {@value #CUSTOMERS_PER_FILE} customers.
   */
  private SparkScores finish(Dataset<Row> predicted, List<String> output, List<String> kept, boolean merged) {
    predicted.persist(StorageLevel.MEMORY_AND_DISK());
    long customers = phases.time("personas, traits and scores of every customer (cached)", predicted::count);

    PercentileCuts cuts = new PercentileCuts(relativeError);
    PercentileCuts.Cut high = new PercentileCuts.Cut("expected_annual_value", Predictor.HIGH_POTENTIAL_FROM,
        PercentileCuts.Kind.AT_LEAST);
    PercentileCuts.Cut notLow = new PercentileCuts.Cut("expected_annual_value", Predictor.LOW_POTENTIAL_BELOW,
        PercentileCuts.Kind.AT_LEAST);
    PercentileCuts.Cut raise = new PercentileCuts.Cut("clv", recommender.raiseAtClvPercentile(), PercentileCuts.Kind.AT_LEAST);
    List<PercentileCuts.Cut> needed = new ArrayList<>(List.of(high, notLow, raise));
    for (RecommendationRule rule : recommender.rules()) needed.addAll(RuleColumns.cutsOf(rule.when(), PERCENTILES));
    phases.time("exact percentile thresholds", () -> cuts.resolve(predicted, needed));

    PersonaCells cells = phases.time("counts per persona, age band, category, gender and location", () -> cells(predicted));
    Dataset<Row> shifted = shift(predicted, cells)
        .withColumn("revenue_potential", when(col("expected_annual_value").geq(cuts.threshold(high)), "High")
            .when(col("expected_annual_value").geq(cuts.threshold(notLow)), "Medium").otherwise("Low"));
    Dataset<Row> recommended = recommend(shifted, cuts, raise);
    List<Column> columns = new ArrayList<>(List.of(col("customer_id"), col("persona"), col("traits"),
        lit(100.0).multiply(col("purchase_probability")).as("purchase_pct"),
        lit(100.0).multiply(col("churn_risk")).as("churn_pct"), col("revenue_potential"), col("clv"), col("priority"),
        col("recommendation")));
    for (String name : kept) columns.add(col(name));
    Dataset<Row> selected = recommended.select(columns.toArray(Column[]::new));
    // The joins and aggregations above may leave a log's customers out of order: sorted back, then merged.
    Dataset<Row> table = merged ? selected.orderBy(NumberedRows.ORDER).coalesce(parts(selected, customers)) : selected;
    // Cached once, so that the Parquet and CSV writes read it rather than computing it twice.
    table.persist(StorageLevel.MEMORY_AND_DISK());
    phases.time("category shift and top recommendation of every customer (cached)", table::count);
    predicted.unpersist();
    return new SparkScores(table, output, cells.summary(rules), cuts, phases);
  }

  /**
   * How many files {@code customers} rows are written in: one per {@value #CUSTOMERS_PER_FILE}, at
   * least one, at most the partitions there are. A plan after a shuffle keeps Spark's shuffle
   * partitions (200 by default) however few the customers: written as they are, a small log came
   * out as hundreds of files.
   */
  static int parts(Dataset<Row> rows, long customers) {
    return (int) Math.max(1, Math.min(rows.javaRDD().getNumPartitions(), customers / CUSTOMERS_PER_FILE));
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
    return withNextAction(scored);
  }

  /** {@code Predictor.nextAction}, from churn_risk and purchase_probability; a missing one counts as below the cut. */
  private static Dataset<Row> withNextAction(Dataset<Row> scored) {
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
  private Dataset<Row> shift(Dataset<Row> predicted, PersonaCells cells) {
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
   * base with the grouping sets of {@code PersonaCells.query}: a few thousand rows.
   */
  private static PersonaCells cells(Dataset<Row> profiled) {
    String view = "lens_cells_" + java.util.UUID.randomUUID().toString().replace("-", "");
    profiled.createOrReplaceTempView(view);
    try {
      List<Object[]> rows = new ArrayList<>();
      for (Row row : profiled.sparkSession().sql(PersonaCells.query(view, Set.of(profiled.columns()), '`'))
          .collectAsList()) {
        Object[] cells = new Object[row.size()];
        for (int i = 0; i < cells.length; i++) cells[i] = row.get(i);
        rows.add(cells);
      }
      return PersonaCells.of(rows);
    } finally {
      profiled.sparkSession().catalog().dropTempView(view);
    }
  }
}
