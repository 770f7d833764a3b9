package dev.customerlens.score;

import dev.customerlens.data.Customers;
import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.export.Export;
import dev.customerlens.persona.Persona;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The persona summary of {@code PersonaSummary.of}, column for column, accumulated in one pass over
 * coded rows instead of from a Tablesaw table. Sums run in row order, as there, so rounded figures
 * agree exactly. An engine that aggregates elsewhere (Spark) hands over its {@link Counts}.
 */
public final class PersonaTotals {
  private static final int TOP = 3;

  private PersonaTotals() {}

  static List<Line> of(Scoring scoring) {
    Customers data = scoring.data;
    List<Persona> personas = scoring.rules.personas();
    int p = personas.size();
    int rows = data.rows();
    double[] amountOf = numbers(data.values(Field.PURCHASE_AMOUNT));
    double[] ratingOf = numbers(data.values(Field.REVIEW_RATING));
    double[] ageOf = numbers(data.values(Field.AGE));
    int bands = Features.AGE_BANDS.size();
    int genders = data.values(Field.GENDER).size();
    int locations = data.values(Field.LOCATION).size();
    int categories = data.values(Field.CATEGORY).size();
    long[] n = new long[p];
    double[] amount = new double[p];
    double[] perYear = new double[p];
    double[] rating = new double[p];
    int[] rated = new int[p];
    double[] age = new double[p];
    int[][] bandCounts = new int[p][bands];
    int[][] genderCounts = new int[p][genders];
    int[][] locationCounts = new int[p][locations];
    int[][] categoryCounts = new int[p][categories];
    Field[] read = {Field.PURCHASE_AMOUNT, Field.FREQUENCY, Field.REVIEW_RATING, Field.AGE, Field.GENDER, Field.LOCATION,
        Field.CATEGORY};
    int[][] codes = new int[read.length][Block.SIZE];
    for (int from = 0; from < rows; from += Block.SIZE) {
      int size = Math.min(Block.SIZE, rows - from);
      for (int k = 0; k < read.length; k++) scoring.fieldCodes(read[k].ordinal(), from, size, codes[k]);
      int[] amountCodes = codes[0];
      int[] frequencyCodes = codes[1];
      int[] ratingCodes = codes[2];
      int[] ageCodes = codes[3];
      for (int i = 0; i < size; i++) {
        int who = scoring.persona[from + i] & 0xFF;
        n[who]++;
        amount[who] += amountOf[amountCodes[i]];
        perYear[who] += scoring.rateOfFrequency[frequencyCodes[i]];
        double r = ratingOf[ratingCodes[i]];
        if (!Double.isNaN(r)) {
          rating[who] += r;
          rated[who]++;
        }
        age[who] += ageOf[ageCodes[i]];
        bandCounts[who][scoring.bandOfAge[ageCodes[i]]]++;
        genderCounts[who][codes[4][i]]++;
        locationCounts[who][codes[5][i]]++;
        categoryCounts[who][codes[6][i]]++;
      }
    }
    List<Line> lines = new ArrayList<>();
    for (int who = 0; who < p; who++) {
      lines.add(line(personas.get(who), new Counts(n[who], amount[who], perYear[who], rating[who], rated[who], age[who],
          counts(bandCounts[who], Features.AGE_BANDS::get), counts(genderCounts[who], scoring.values(Field.GENDER)),
          counts(locationCounts[who], scoring.values(Field.LOCATION)),
          counts(categoryCounts[who], scoring.values(Field.CATEGORY))), rows));
    }
    return List.copyOf(lines);
  }

  /**
   * One persona's totals over its customers: sums of amount, purchases a year, rating (over
   * {@code rated} customers) and age, and customers per age band, gender, location and category.
   */
  public record Counts(long customers, double amount, double purchasesPerYear, double rating, long rated, double age,
      Map<String, Long> ageBands, Map<String, Long> genders, Map<String, Long> locations, Map<String, Long> categories) {}

  /** The summary line of {@code persona} from its totals, in a base of {@code rows} customers. */
  public static Line line(Persona persona, Counts counts, long rows) {
    long count = counts.customers();
    double meanAmount = count == 0 ? Double.NaN : counts.amount() / count;
    return new Line(persona.name(), persona.description(), Math.toIntExact(count),
        rows == 0 ? 0 : round(100.0 * count / rows, 1),
        round(meanAmount, 2),
        round(meanAmount * count, 2),
        round(count == 0 ? Double.NaN : counts.purchasesPerYear() / count, 1),
        round(counts.rated() == 0 ? Double.NaN : counts.rating() / counts.rated(), 2),
        round(count == 0 ? Double.NaN : counts.age() / count, 1),
        shares(counts.ageBands(), TOP),
        shares(counts.genders(), Integer.MAX_VALUE),
        shares(counts.locations(), TOP),
        shares(counts.categories(), TOP));
  }

  /** One persona's line of the summary; NaN where the persona has no customers (or no ratings). */
  public record Line(String persona, String description, int customers, double sharePct, double avgAmount, double totalAmount,
      double avgPurchasesPerYear, double avgRating, double avgAge, String ageBands, String genderSplit,
      String topLocations, String topCategories) {
    public List<Object> cells() {
      return java.util.Arrays.asList(persona, description, customers, sharePct, avgAmount, totalAmount,
          avgPurchasesPerYear, avgRating, avgAge, ageBands, genderSplit, topLocations, topCategories);
    }
  }

  public static final List<String> COLUMNS = List.of("persona", "description", "customers", "share_pct", "avg_amount",
      "total_amount", "avg_purchases_per_year", "avg_rating", "avg_age", "age_bands", "gender_split", "top_locations",
      "top_categories");

  /**
   * The summary as {@code Export.csv} writes the Tablesaw table: text guarded, numbers in plain
   * notation, missing values blank. Written without Tablesaw, whose first use scans the class path.
   */
  static Path write(List<Line> lines, Path target) {
    return Export.atomically(target, out -> {
      CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
      printer.printRecord(COLUMNS);
      for (Line line : lines) {
        List<Object> row = new ArrayList<>();
        for (Object cell : line.cells()) {
          if (cell instanceof String text) row.add(text.isEmpty() ? "" : Export.guard(text));
          else if (cell instanceof Double d) row.add(Double.isNaN(d) ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
          else row.add(cell.toString());
        }
        printer.printRecord(row);
      }
      printer.flush();
    });
  }

  /** The summary as the Tablesaw table {@code PersonaSummary.of} returns. */
  public static Table table(List<Line> lines) {
    Table out = Table.create("personas",
        StringColumn.create("persona"), StringColumn.create("description"), IntColumn.create("customers"),
        DoubleColumn.create("share_pct"), DoubleColumn.create("avg_amount"), DoubleColumn.create("total_amount"),
        DoubleColumn.create("avg_purchases_per_year"), DoubleColumn.create("avg_rating"), DoubleColumn.create("avg_age"),
        StringColumn.create("age_bands"), StringColumn.create("gender_split"),
        StringColumn.create("top_locations"), StringColumn.create("top_categories"));
    for (Line line : lines) {
      List<Object> cells = line.cells();
      for (int c = 0; c < cells.size(); c++) {
        Object cell = cells.get(c);
        if (cell instanceof String text) out.stringColumn(c).append(text);
        else if (cell instanceof Integer i) out.intColumn(c).append(i);
        else out.doubleColumn(c).append((Double) cell);
      }
    }
    return out;
  }

  private static double[] numbers(List<Object> values) {
    double[] out = new double[values.size()];
    for (int c = 0; c < out.length; c++) out[c] = values.get(c) == null ? Double.NaN : ((Number) values.get(c)).doubleValue();
    return out;
  }

  /** Customers per non-blank value, from counts per code. */
  private static Map<String, Long> counts(int[] countOfCode, IntFunction<Object> valueOfCode) {
    Map<String, Long> counts = new TreeMap<>();
    for (int code = 0; code < countOfCode.length; code++) {
      Object value = valueOfCode.apply(code);
      if (countOfCode[code] == 0 || value == null || ((String) value).isEmpty()) continue;
      counts.merge((String) value, (long) countOfCode[code], Long::sum);
    }
    return counts;
  }

  /** "Clothing 45%, Accessories 30%, Footwear 15%": most common first, ties by name, blanks left out. */
  private static String shares(Map<String, Long> countOf, int limit) {
    long known = 0;
    for (Map.Entry<String, Long> entry : countOf.entrySet()) {
      if (!entry.getKey().isEmpty()) known += entry.getValue();
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(countOf.entrySet().stream()
        .filter(entry -> !entry.getKey().isEmpty() && entry.getValue() > 0).toList());
    sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(limit, sorted.size()); i++) {
      if (i > 0) out.append(", ");
      out.append(sorted.get(i).getKey()).append(' ')
          .append(String.format(Locale.ROOT, "%.0f%%", 100.0 * sorted.get(i).getValue() / known));
    }
    return out.toString();
  }

  private static double round(double value, int places) {
    if (Double.isNaN(value)) return value;
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
