package dev.customerlens.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.when;

import dev.customerlens.data.Field;
import dev.customerlens.errors.WorkspaceException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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

  SparkCustomers(Dataset<Row> checked, SparkScoring scoring, Phases phases) {
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
    if (repeatedIds == 0) {
      valid = ok.drop(NumberedRows.REASONS, NumberedRows.RAW);
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
      valid = withReasons.filter(col(NumberedRows.REASONS).isNull()).drop(NumberedRows.REASONS, NumberedRows.RAW);
      rejected = withReasons.filter(col(NumberedRows.REASONS).isNotNull());
    }
  }

  /**
   * Valid customers, one column per field under its key (customer_id, age, gender, item, category,
   * amount, ...), plus source_file, source_line (null for Parquet) and source_order.
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
