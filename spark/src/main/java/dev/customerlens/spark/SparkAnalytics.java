package dev.customerlens.spark;

import dev.customerlens.clv.ForecastFit;
import dev.customerlens.events.LogFormat;
import dev.customerlens.model.CustomerModel;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The analysis of {@code CustomerAnalytics} on Apache Spark, for customer bases that outgrow one
 * machine: the same declared persona rules, traits, scores and recommendations, compiled to Spark
 * column expressions, so a rule written in a notebook runs on the cluster unchanged.
 *
 * <pre>{@code
 * try (SparkCustomers customers = SparkAnalytics.on(spark).load("s3a://lake/customers.parquet");
 *      SparkScores scores = customers.score()) {
 *   scores.write("s3a://lake/scored");
 * }
 * SparkAnalytics.on(spark).withModel(CustomerModel.defaults().withRules(PersonaRules.load(Path.of("rules.json"))))
 *     .load("hdfs:///customers.csv");
 * }</pre>
 */
public final class SparkAnalytics {
  private final SparkSession spark;
  private final CustomerModel model;
  private final double relativeError;

  private SparkAnalytics(SparkSession spark, CustomerModel model, double relativeError) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.model = Objects.requireNonNull(model, "model");
    this.relativeError = relativeError;
  }

  /** The default model, as {@code CustomerAnalytics.load} applies it. */
  public static SparkAnalytics on(SparkSession spark) {
    return new SparkAnalytics(spark, CustomerModel.defaults(), PercentileCuts.RELATIVE_ERROR);
  }

  /** Scores with another declared model (rules, traits, predictor, recommendations). */
  public SparkAnalytics withModel(CustomerModel model) {
    return new SparkAnalytics(spark, model, relativeError);
  }

  /**
   * The rank error the approximate quantile brackets percentile thresholds with, as a share of rows
   * (default {@value PercentileCuts#RELATIVE_ERROR}). Thresholds are exact whatever it is; a larger
   * value means smaller sketches but more distinct values read back to the driver.
   */
  public SparkAnalytics withQuantileError(double relativeError) {
    if (!(relativeError > 0 && relativeError < 1)) throw new IllegalArgumentException("relative error must be in (0, 1)");
    return new SparkAnalytics(spark, model, relativeError);
  }

  /** Loads a customer table: Parquet for a .parquet path, else CSV with a header; a folder reads every file in it. */
  public SparkCustomers load(String path) {
    return load(path, InputFormat.of(path));
  }

  public SparkCustomers load(String path, InputFormat format) {
    Phases phases = new Phases();
    SparkScoring scoring = new SparkScoring(spark, model, relativeError, phases);
    return new SparkCustomers(path, CustomerInput.read(spark, path, format, phases), scoring, phases);
  }

  /** Reads an event log (customer_id, timestamp, event, category, amount): Parquet for a .parquet path, else CSV. */
  public SparkEvents events(String path) {
    return events(path, LogFormat.EVENTS);
  }

  /** Reads a log in one of the core's layouts; a folder reads every file in it. Parquet holds the event layout only. */
  public SparkEvents events(String path, LogFormat format) {
    return SparkEvents.read(spark, path, format, InputFormat.of(path));
  }

  /**
   * A log's customers scored as {@code lens score --events} scores them on one machine: their features
   * derived on the executors, {@code fit} (from {@link SparkEvents#forecastFit} with this model's
   * predictor) applied to them there ({@link SparkEvents#scored}), then personas, traits, cuts, the
   * category shift and recommendations by this model.
   */
  public SparkScores score(SparkEvents log, ForecastFit fit) {
    Phases phases = new Phases();
    Dataset<Row> profiled = profiles(log.scored(fit));
    return new SparkScoring(spark, model, relativeError, phases).scoreLog(profiled).withRejected(log.rejected());
  }

  /**
   * Each row of a table of named features (such as the customers a log's features were derived
   * for, written out by {@code CustomerFeatures}) with its persona and traits by this model's rules
   * and traits, as the local engine assigns them. The columns the rules name must be numbers,
   * yes/no, dates or text, with blank text as ''.
   */
  public Dataset<Row> profiles(Dataset<Row> features) {
    return SparkScoring.profiled(features, model.rules(), model.traits());
  }

  public SparkSession session() {
    return spark;
  }
}
