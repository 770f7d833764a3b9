package dev.customerlens.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.customerlens.data.ExtraColumn;
import dev.customerlens.data.Field;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.predict.Predictor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * A customer table loaded on the cluster: the valid rows, typed as {@code CustomerAnalytics} types
 * them, and the rejected ones with every reason. Nothing is dropped silently: each input row is in
 * exactly one of the two. Cached until {@link #close}.
 */
public final class SparkCustomers implements AutoCloseable {
  /** Repeated ids are set aside with a broadcast join; more than this many suggests the wrong id column. */
  static final long MAX_REPEATED_IDS = 1_000_000;

  private final Dataset<Row> checked;
  private final Dataset<Row> valid;
  private final Dataset<Row> rejected;
  private final SparkScoring scoring;

  SparkCustomers(String source, Dataset<Row> checked, SparkScoring scoring, Phases phases) {
    this.checked = checked.persist(StorageLevel.MEMORY_AND_DISK());
    this.scoring = scoring;
    String id = Field.CUSTOMER_ID.key();
    Dataset<Row> ok = this.checked.filter(col(NumberedRows.REASONS).isNull());
    Dataset<Row> repeated = ok.groupBy(id)
        .agg(min(NumberedRows.ORDER).as("first_order"), min_by(col(NumberedRows.LINE), col(NumberedRows.ORDER)).as("first_line"),
            count(lit(1)).as("uses"))
        .filter(col("uses").gt(1))
        .select(col(id).as("repeated_id"), col("first_order"), col("first_line"));
    long repeatedIds = phases.time("read and check every cell (cached), find repeated ids", repeated::count);
    if (repeatedIds > MAX_REPEATED_IDS) {
      throw new WorkspaceException(String.format("%,d customer ids appear more than once; is \"%s\" the id column?",
          repeatedIds, Field.CUSTOMER_ID.header()));
    }
    Dataset<Row> keptRaw;
    if (repeatedIds == 0) {
      keptRaw = ok.drop(NumberedRows.REASONS, NumberedRows.RAW);
      rejected = this.checked.filter(col(NumberedRows.REASONS).isNotNull());
    } else {
      // Joined by a renamed id: repeated comes from the same rows, so its own id column would be ambiguous.
      Dataset<Row> marked = this.checked.join(broadcast(repeated), col(id).equalTo(col("repeated_id"))
              .and(col(NumberedRows.REASONS).isNull()), "left")
          .drop("repeated_id");
      Column again = col("first_order").isNotNull().and(col(NumberedRows.ORDER).gt(col("first_order")));
      Column reason = concat(lit(Field.CUSTOMER_ID.header() + " \""), col(id), lit("\" is already used on "),
          when(col("first_line").isNotNull(), concat(lit("line "), col("first_line"))).otherwise(lit("an earlier row")),
          lit("; expected unique ids"));
      Dataset<Row> withReasons = marked.withColumn(NumberedRows.REASONS,
          when(again, reason).otherwise(col(NumberedRows.REASONS))).drop("first_order", "first_line");
      keptRaw = withReasons.filter(col(NumberedRows.REASONS).isNull()).drop(NumberedRows.REASONS, NumberedRows.RAW);
      rejected = withReasons.filter(col(NumberedRows.REASONS).isNotNull());
    }
    List<String> keys = Arrays.stream(keptRaw.columns()).filter(name -> !FIXED.contains(name)).toList();
    // Spark would let the score's column replace the file's; the local engines refuse, and so does this one.
    for (String key : keys) if (Predictor.SCORES.contains(key)) throw ExtraColumn.clashesWithScore(source, key);
    valid = typed(keptRaw, phases.time("type the file's own columns", () -> kinds(keptRaw, keys)));
  }

  private static final Set<String> FIXED = fixedColumns();

  private static Set<String> fixedColumns() {
    Set<String> fixed = new HashSet<>(List.of(NumberedRows.FILE, NumberedRows.LINE, NumberedRows.ORDER));
    for (Field field : Field.values()) fixed.add(field.key());
    return fixed;
  }

  /** Each extra column's kind, tallied over the rows kept as {@code ExtraColumn} tallies a local read. */
  private static Map<String, ExtraColumn.Kind> kinds(Dataset<Row> kept, List<String> keys) {
    Map<String, ExtraColumn.Kind> kinds = new LinkedHashMap<>();
    if (keys.isEmpty()) return kinds;
    ExtraColumn.Tally[] none = new ExtraColumn.Tally[keys.size()];
    for (int e = 0; e < none.length; e++) none[e] = new ExtraColumn.Tally();
    ExtraColumn.Tally[] tallies = kept.select(keys.stream().map(k -> col(k)).toArray(Column[]::new)).toJavaRDD()
        .aggregate(none, (tally, row) -> {
          for (int e = 0; e < tally.length; e++) tally[e].add(row.getString(e));
          return tally;
        }, (a, b) -> {
          for (int e = 0; e < a.length; e++) a[e].merge(b[e]);
          return a;
        });
    for (int e = 0; e < keys.size(); e++) kinds.put(keys.get(e), tallies[e].kind());
    return kinds;
  }

  /** The extra columns as numbers, yes/no or text, each cell converted by {@code ExtraColumn.value}. */
  private static Dataset<Row> typed(Dataset<Row> kept, Map<String, ExtraColumn.Kind> kinds) {
    Dataset<Row> out = kept;
    for (Map.Entry<String, ExtraColumn.Kind> extra : kinds.entrySet()) {
      ExtraColumn.Kind kind = extra.getValue();
      DataType type = switch (kind) {
        case NUMBER -> DataTypes.DoubleType;
        case YES_NO -> DataTypes.BooleanType;
        case TEXT -> DataTypes.StringType;
      };
      UserDefinedFunction value = udf((UDF1<String, Object>) text -> ExtraColumn.value(kind, text), type);
      out = out.withColumn(extra.getKey(), value.apply(col(extra.getKey())));
    }
    return out;
  }

  /**
   * Valid customers, one column per field under its key (customer_id, age, gender, item, category,
   * amount, ...), the file's own columns under their {@code ExtraColumn} keys, plus source_file,
   * source_line (null for Parquet) and source_order.
   */
  public Dataset<Row> valid() {
    return valid;
  }

  /** Rejected rows: source_file, source_line, reasons (each problem, as the local reader words it) and the raw row. */
  public Dataset<Row> rejected() {
    return rejected.select(col(NumberedRows.FILE), col(NumberedRows.LINE), col(NumberedRows.REASONS),
        col(NumberedRows.RAW), col(NumberedRows.ORDER));
  }

  /** Personas, traits, scores and the top recommendation of every valid customer. */
  public SparkScores score() {
    return scoring.score(valid).withRejected(rejected());
  }

  @Override
  public void close() {
    checked.unpersist();
  }
}
