package dev.customerlens.spark;

import static org.apache.spark.sql.functions.col;

import dev.customerlens.persona.PersonaSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import tech.tablesaw.api.Table;

/**
 * What a Spark scoring run produced: the scored-customer table (the columns of {@code lens score},
 * plus where each row came from), the persona summary and the rejected rows, and {@link #write}
 * to put them on any Hadoop path. Holds cached data until {@link #close}.
 */
public final class SparkScores implements AutoCloseable {
  public static final String SCORES = "scores";
  public static final String SCORES_CSV = "scores-csv";
  public static final String PERSONAS = "personas";
  public static final String REJECTED = "rejected";

  private final Dataset<Row> table;
  private final List<String> output;
  private final List<PersonaSummary.Line> summary;
  private final PercentileCuts cuts;
  private final Dataset<Row> rejected;
  private final Phases phases;

  /** {@code table} is cached, and released by {@link #close}; {@code output} are the columns of the CSV. */
  SparkScores(Dataset<Row> table, List<String> output, List<PersonaSummary.Line> summary, PercentileCuts cuts,
      Phases phases) {
    this(table, output, summary, cuts, phases, null);
  }

  private SparkScores(Dataset<Row> table, List<String> output, List<PersonaSummary.Line> summary, PercentileCuts cuts,
      Phases phases, Dataset<Row> rejected) {
    this.table = table;
    this.output = List.copyOf(output);
    this.summary = List.copyOf(summary);
    this.cuts = cuts;
    this.rejected = rejected;
    this.phases = phases;
  }

  SparkScores withRejected(Dataset<Row> rejected) {
    return new SparkScores(table, output, summary, cuts, phases, rejected);
  }

  /**
   * customer_id, persona, traits, purchase_pct, churn_pct, revenue_potential, clv, priority,
   * recommendation (and, for a log's customers, the forecast columns), then, for a table's rows,
   * source_file and source_line, in input order.
   */
  public Dataset<Row> scores() {
    List<Column> columns = new ArrayList<>();
    for (String name : output) columns.add(col(name));
    for (String source : List.of(NumberedRows.FILE, NumberedRows.LINE)) {
      if (List.of(table.columns()).contains(source)) columns.add(col(source));
    }
    return table.select(columns.toArray(Column[]::new));
  }

  /** The persona summary, as {@code CustomerAnalytics.personas()} gives it. */
  public Table personas() {
    return PersonaSummary.table(summary);
  }

  /** Rejected input rows: source_file, source_line, reasons, raw (empty when every row was valid). */
  public Dataset<Row> rejected() {
    return rejected.drop(NumberedRows.ORDER);
  }

  /** The clv and expected-annual-value thresholds the percentile rules resolved to, by cut. */
  public Map<String, Double> thresholds() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (PercentileCuts.Cut cut : cuts.resolved()) {
      out.put(cut.column() + " " + cut.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " percentile "
          + cut.percentile(), cuts.threshold(cut));
    }
    return out;
  }

  /**
   * Writes, under {@code directory} (any Hadoop path): {@value #SCORES}/ (Parquet, partitioned by
   * persona), {@value #SCORES_CSV}/ (CSV part files in input order, text guarded against spreadsheet
   * formulas), {@value #PERSONAS}/ (one CSV file) and {@value #REJECTED}/ (CSV), all four or none
   * ({@link StagedOutputs}).
   */
  public List<String> write(String directory) {
    return StagedOutputs.write(table.sparkSession(), directory, writers());
  }

  /** What {@link #write} writes, by folder name, for a caller that writes more beside it, all or none. */
  Map<String, Consumer<String>> writers() {
    SparkSession spark = table.sparkSession();
    Map<String, Consumer<String>> writers = new LinkedHashMap<>();
    writers.put(SCORES, path -> phases.time("write Parquet by persona",
        () -> scores().write().mode(SaveMode.ErrorIfExists).partitionBy("persona").parquet(path)));
    writers.put(SCORES_CSV, path -> phases.time("write CSV", () -> StagedOutputs.csv(
        table.select(output.stream().map(c -> col(c)).toArray(Column[]::new)), path)));
    writers.put(PERSONAS, path -> phases.time("write persona summary",
        () -> StagedOutputs.csv(personaTable(spark, summary).coalesce(1), path)));
    writers.put(REJECTED, path -> phases.time("write rejected rows",
        () -> StagedOutputs.csv(rejected.orderBy(NumberedRows.ORDER).drop(NumberedRows.ORDER), path)));
    return writers;
  }

  /** The persona summary's lines as a table in {@code PersonaSummary.COLUMNS}, missing figures as null. */
  static Dataset<Row> personaTable(SparkSession spark, List<PersonaSummary.Line> summary) {
    List<StructField> fields = new ArrayList<>();
    for (String name : PersonaSummary.COLUMNS) {
      fields.add(DataTypes.createStructField(name, name.equals("customers") ? DataTypes.IntegerType
          : summary.isEmpty() || !(summary.get(0).cells().get(PersonaSummary.COLUMNS.indexOf(name)) instanceof Double)
              ? DataTypes.StringType : DataTypes.DoubleType, true));
    }
    List<Row> rows = new ArrayList<>();
    for (PersonaSummary.Line line : summary) {
      Object[] cells = line.cells().toArray();
      for (int i = 0; i < cells.length; i++) if (cells[i] instanceof Double d && d.isNaN()) cells[i] = null;
      rows.add(RowFactory.create(cells));
    }
    return spark.createDataFrame(rows, DataTypes.createStructType(fields));
  }

  /** Where the time went: each step that ran Spark jobs, from reading the input to the last write. */
  public List<Phases.Phase> phases() {
    return phases.list();
  }

  @Override
  public void close() {
    table.unpersist();
  }
}
