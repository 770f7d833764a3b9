package dev.customerlens.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The customer table under the snake_case names that rules and scores refer to ({@link Field#key()}),
 * plus a few facts derived from each customer's own values. Every derived column has an SQL
 * equivalent, noted beside it, so that the same rules can run on Spark.
 */
public final class Features {
  public static final String AGE_BAND = "age_band";
  public static final String PURCHASES_PER_YEAR = "purchases_per_year";
  public static final String AMOUNT_PERCENTILE = "amount_percentile";
  /** The features derived from the schema's columns, in the order {@link #of} adds them. */
  public static final List<String> DERIVED = List.of(AGE_BAND, PURCHASES_PER_YEAR, AMOUNT_PERCENTILE);

  private Features() {}

  /** Column names and meanings, for error messages and documentation. */
  public static String describe() {
    StringBuilder out = new StringBuilder();
    for (Field f : Field.values()) out.append(f.key()).append(" (").append(f.header()).append("), ");
    return out.append(AGE_BAND).append(" (18-24 ... 65+), ")
        .append(PURCHASES_PER_YEAR).append(" (from the frequency label: Weekly 52 ... Annually 1), ")
        .append(AMOUNT_PERCENTILE).append(" (0-100: customers spending less, plus half of the others spending the same, over all customers)")
        .toString();
  }

  public static Table of(Dataset dataset) {
    if (dataset.isDerived()) return dataset.table().copy().setName("features");
    // Laid out straight from the reader's codes where there are some, rather than copied from the
    // dataset's table, which then need never be built.
    Customers coded = dataset.coded().orElse(null);
    Field[] fields = Field.values();
    List<String> headers = dataset.extraColumns();
    List<String> keys = ExtraColumn.keys(headers);
    // The columns are laid out independently of each other, so on every core.
    Column<?>[] read = new Column<?>[fields.length + headers.size()];
    IntStream.range(0, read.length).parallel().forEach(c -> {
      String key = c < fields.length ? fields[c].key() : keys.get(c - fields.length);
      read[c] = coded != null ? coded.column(c, key)
          : copy(dataset.table().column(c < fields.length ? fields[c].header() : headers.get(c - fields.length)), key);
    });
    List<Supplier<Column<?>>> derive = List.of(
        () -> ageBands((IntColumn) read[Field.AGE.ordinal()]),
        () -> purchasesPerYear((StringColumn) read[Field.FREQUENCY.ordinal()]),
        () -> coded != null ? amountPercentile(coded)
            : percentile((DoubleColumn) read[Field.PURCHASE_AMOUNT.ordinal()], AMOUNT_PERCENTILE));
    Column<?>[] derived = derive.parallelStream().map(Supplier::get).toArray(Column<?>[]::new);
    Table features = Table.create("features");
    features.addColumns(Arrays.copyOf(read, fields.length));
    features.addColumns(derived);
    features.addColumns(Arrays.copyOfRange(read, fields.length, read.length));
    return features;
  }

  /**
   * A copy of {@code column} under {@code name}. Text is appended value by value: Tablesaw's own
   * {@code StringColumn.copy} sets each row of a column pre-filled with blanks, which moves every
   * value's count in the dictionary and took seconds at a million customers.
   */
  public static Column<?> copy(Column<?> column, String name) {
    if (column instanceof StringColumn text) return StringColumn.create(name, text.asObjectArray());
    return column.copy().setName(name);
  }

  /** SQL: CASE WHEN age < 18 THEN '13-17' WHEN age < 25 THEN '18-24' ... ELSE '65+' END. */
  static StringColumn ageBands(IntColumn ages) {
    int[] band = new int[ages.size()];
    for (int i = 0; i < band.length; i++) band[i] = AGE_BANDS.indexOf(ageBand(ages.getInt(i)));
    return CodedColumns.text(AGE_BAND, band.length, AGE_BANDS.size(), r -> band[r], AGE_BANDS::get);
  }

  public static String ageBand(int age) {
    if (age < 18) return "13-17";
    if (age < 25) return "18-24";
    if (age < 35) return "25-34";
    if (age < 45) return "35-44";
    if (age < 55) return "45-54";
    if (age < 65) return "55-64";
    return "65+";
  }

  /** Bands in natural order, for charts and summaries. */
  public static final List<String> AGE_BANDS = List.of("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+");

  private static DoubleColumn purchasesPerYear(StringColumn labels) {
    DoubleColumn perYear = DoubleColumn.create(PURCHASES_PER_YEAR);
    for (int i = 0; i < labels.size(); i++) {
      perYear.append(Frequency.ofLabel(labels.get(i)).orElseThrow().purchasesPerYear());
    }
    return perYear;
  }

  /**
   * Mid-rank percentile, 0 to 100: 100 × (customers below + half of the other customers equal) / customers.
   * SQL: 100 * (RANK() OVER (ORDER BY x) - 1 + (COUNT(*) OVER (PARTITION BY x) - 1) / 2.0) / COUNT(*) OVER ().
   */
  public static DoubleColumn percentile(DoubleColumn values, String name) {
    double[] x = values.asDoubleArray();
    long[] bits = new long[x.length];
    for (int i = 0; i < bits.length; i++) bits[i] = Double.doubleToRawLongBits(x[i]);
    double[] out = ValueOrder.sortRanking(bits);
    return DoubleColumn.create(name, out);
  }

  /** {@link #AMOUNT_PERCENTILE} of each of the reader's purchase-amount codes: a few distinct amounts, ranked once each. */
  public static double[] amountPercentilesOfCodes(Customers coded) {
    return percentilesOfCodes(coded.numbers(Field.PURCHASE_AMOUNT), coded.rowsOfCode(Field.PURCHASE_AMOUNT));
  }

  /** {@link #AMOUNT_PERCENTILE} from the reader's codes. */
  private static DoubleColumn amountPercentile(Customers coded) {
    double[] percentileOfCode = amountPercentilesOfCodes(coded);
    Codes codes = coded.codes(Field.PURCHASE_AMOUNT);
    double[] out = new double[coded.rows()];
    for (int row = 0; row < out.length; row++) out[row] = percentileOfCode[codes.get(row)];
    return DoubleColumn.create(AMOUNT_PERCENTILE, out);
  }

  /**
   * {@link #percentile} of a column held as dictionary codes, per code, from each code's value and
   * number of rows: the rows are ranked without being sorted. A missing value (NaN) ranks as
   * {@code percentile} ranks it.
   */
  public static double[] percentilesOfCodes(double[] valueOfCode, int[] rowsOfCode) {
    long rows = 0;
    for (int count : rowsOfCode) rows += count;
    Integer[] byValue = new Integer[valueOfCode.length];
    for (int c = 0; c < byValue.length; c++) byValue[c] = c;
    // Double.compare puts -0.0 just before 0.0, which == then ranks together, and NaN last.
    Arrays.sort(byValue, Comparator.comparingDouble(c -> valueOfCode[c]));
    double[] out = new double[valueOfCode.length];
    long below = 0;
    for (int i = 0; i < byValue.length; ) {
      if (Double.isNaN(valueOfCode[byValue[i]])) {
        out[byValue[i++]] = midRank(0, 0, rows);
        continue;
      }
      int j = i;
      long equal = 0;
      do {
        equal += rowsOfCode[byValue[j++]];
      } while (j < byValue.length && valueOfCode[byValue[j]] == valueOfCode[byValue[i]]);
      double rank = midRank(below, equal, rows);
      for (int k = i; k < j; k++) out[byValue[k]] = rank;
      below += equal;
      i = j;
    }
    return out;
  }

  /**
   * The percentile of a value that {@code below} of {@code rows} values are less than and
   * {@code equal} equal to (itself included): 100 × (below + (equal − 1) / 2) / rows, so equal
   * values share the middle of the ranks they span.
   */
  public static double midRank(long below, long equal, long rows) {
    return 100.0 * (below + (equal - 1) / 2.0) / rows;
  }

}
