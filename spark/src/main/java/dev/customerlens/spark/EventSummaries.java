package dev.customerlens.spark;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.EventType;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The per-customer summaries of an event log, as Spark aggregations over the events of
 * {@link EventInput}, with the definitions of the local engine ({@code EventLog.rfm} and
 * {@code Cohort.of}). Amounts are added in file order, as the local engine adds them, by folding
 * each customer's amounts sorted by their order key: the very same doubles come out, so equal
 * totals tie as they do locally, and the quintile scores that rank them agree.
 */
final class EventSummaries {
  static final List<String> RFM_COLUMNS = List.of("customer_id", "recency_days", "frequency", "monetary", "r_score",
      "f_score", "m_score", "rfm_cell", "rfm_total");
  static final List<String> COHORT_COLUMNS = List.of("customer_id", "first_purchase", "x", "t_x", "T",
      "mean_repeat_spend", "holdout_purchases", "holdout_spend");
  private static final String ORDER = NumberedRows.ORDER;

  private EventSummaries() {}

  /**
   * Recency (days from the last purchase to {@code asOf}), frequency (purchases), monetary (their
   * total, to the cent) and quintile scores, for every customer with a purchase by {@code asOf}, in
   * order of their first purchase.
   */
  static Dataset<Row> rfm(Dataset<Row> events, LocalDate asOf) {
    Column day = to_date(col(EventLog.TIMESTAMP));
    Dataset<Row> customers = purchases(events).filter(day.leq(lit(asOf)))
        .groupBy(col(EventLog.CUSTOMER_ID))
        .agg(min(ORDER).as(ORDER), datediff(lit(asOf), max(day)).as("recency_days"),
            count(lit(1)).cast("int").as("frequency"), sumInFileOrder().as("spend"));
    List<Column> scores = QuintileScores.of(customers, List.of(new QuintileScores.Measure("recency_days", false),
        new QuintileScores.Measure("frequency", true), new QuintileScores.Measure("spend", true)));
    Column r = col("r_score");
    Column f = col("f_score");
    Column m = col("m_score");
    return customers.select(col(EventLog.CUSTOMER_ID), col("recency_days"), col("frequency"),
            round(col("spend").multiply(100), 0).divide(100).as("monetary"), scores.get(0).as("r_score"),
            scores.get(1).as("f_score"), scores.get(2).as("m_score"), col(ORDER))
        .withColumn("rfm_cell", concat(r.cast("string"), f.cast("string"), m.cast("string")))
        .withColumn("rfm_total", r.plus(f).plus(m))
        .orderBy(ORDER)
        .select(RFM_COLUMNS.stream().map(functions::col).toArray(Column[]::new));
  }

  /**
   * Every customer whose first purchase is on or before {@code calibrationEnd}: x (purchase days
   * after the first, to the calibration end), t_x and T in periods, the mean spend of a repeat day,
   * and the purchase days and spend after the calibration end up to {@code holdoutEnd}; several
   * purchases on one day are one purchase day, their amounts added. In order of first purchase.
   */
  static Dataset<Row> cohort(Dataset<Row> events, LocalDate calibrationEnd, LocalDate holdoutEnd, int periodDays) {
    if (holdoutEnd.isBefore(calibrationEnd)) throw new IllegalArgumentException("the holdout ends before calibration does");
    if (periodDays < 1) throw new IllegalArgumentException("periodDays must be at least 1, was " + periodDays);
    Column day = to_date(col(EventLog.TIMESTAMP));
    Dataset<Row> days = purchases(events).filter(day.leq(lit(holdoutEnd)))
        .groupBy(col(EventLog.CUSTOMER_ID), day.as("day"))
        .agg(min(ORDER).as(ORDER), sumInFileOrder().as("spend"))
        .groupBy(EventLog.CUSTOMER_ID)
        .agg(min(ORDER).as(ORDER), array_sort(collect_list(struct(col("day"), col("spend")))).as("days"));
    Column first = col("first_purchase");
    Column end = lit(calibrationEnd);
    Dataset<Row> split = days.withColumn("first_purchase", element_at(col("days"), 1).getField("day"))
        .filter(first.leq(end))
        .select(col(EventLog.CUSTOMER_ID), col(ORDER), first,
            functions.filter(col("days"), d -> d.getField("day").gt(first).and(d.getField("day").leq(end))).as("repeats"),
            functions.filter(col("days"), d -> d.getField("day").gt(end)).as("holdout"));
    Column x = size(col("repeats"));
    Column lastRepeat = coalesce(try_element_at(col("repeats"), lit(-1)).getField("day"), first);
    return split.select(col(EventLog.CUSTOMER_ID), first, x.as("x"),
            datediff(lastRepeat, first).cast("double").divide(periodDays).as("t_x"),
            datediff(end, first).cast("double").divide(periodDays).as("T"),
            when(x.equalTo(0), lit(0.0)).otherwise(total(col("repeats")).divide(x)).as("mean_repeat_spend"),
            size(col("holdout")).as("holdout_purchases"), total(col("holdout")).as("holdout_spend"), col(ORDER))
        .orderBy(ORDER)
        .select(COHORT_COLUMNS.stream().map(functions::col).toArray(Column[]::new));
  }

  private static Dataset<Row> purchases(Dataset<Row> events) {
    return events.filter(col(EventLog.EVENT).equalTo(EventType.PURCHASE.label()));
  }

  /** The group's amounts (a missing one counts 0) added one by one in file order, from 0. */
  private static Column sumInFileOrder() {
    Column inOrder = array_sort(collect_list(struct(col(ORDER), coalesce(col(EventLog.AMOUNT), lit(0.0)).as("amount"))));
    return aggregate(inOrder, lit(0.0), (sum, event) -> sum.plus(event.getField("amount")));
  }

  /** The spend of a list of purchase days, added in day order, from 0. */
  private static Column total(Column days) {
    return aggregate(days, lit(0.0), (sum, d) -> sum.plus(d.getField("spend")));
  }
}
