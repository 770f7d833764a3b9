package dev.customerlens.persona;

import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One row per persona (rule order, fallback last, empty personas included with 0 customers):
 * how many, how much they spend, how often, how satisfied, and who they are. Every engine counts
 * {@link Counts} its own way (Tablesaw rows here, dictionary codes in the columnar engine, grouping
 * sets in Spark) and turns them into the same {@link Line} by {@link #line}, so each figure is
 * defined here only.
 */
public final class PersonaSummary {
  private static final int TOP = 3;

  public static final List<String> COLUMNS = List.of("persona", "description", "customers", "share_pct", "avg_amount",
      "total_amount", "avg_purchases_per_year", "avg_rating", "avg_age", "age_bands", "gender_split", "top_locations",
      "top_categories");

  private PersonaSummary() {}

  /** A sum over the customers with a value, and how many had one. */
  public record Mean(double sum, long count) {
    public static final Mean NONE = new Mean(0, 0);

    /** The mean; NaN (shown as missing) when no customer had a value. */
    public double value() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }

  /**
   * One persona's totals: its customers; the sums behind the mean order amount, spend (a log's own
   * spend; a customer table's order amount), purchases a year, rating and age; and its customers per
   * non-blank age band, gender, location and category.
   */
  public record Counts(long customers, Mean amount, Mean spend, Mean purchasesPerYear, Mean rating, Mean age,
      Map<String, Long> ageBands, Map<String, Long> genders, Map<String, Long> locations, Map<String, Long> categories) {
    public static final Counts NONE = new Counts(0, Mean.NONE, Mean.NONE, Mean.NONE, Mean.NONE, Mean.NONE, Map.of(),
        Map.of(), Map.of(), Map.of());
  }

  /** One persona's line of the summary; NaN where the persona has no customers (or no values). */
  public record Line(String persona, String description, int customers, double sharePct, double avgAmount,
      double totalAmount, double avgPurchasesPerYear, double avgRating, double avgAge, String ageBands,
      String genderSplit, String topLocations, String topCategories) {
    /** The cells in {@link #COLUMNS} order. */
    public List<Object> cells() {
      return Arrays.asList(persona, description, customers, sharePct, avgAmount, totalAmount, avgPurchasesPerYear,
          avgRating, avgAge, ageBands, genderSplit, topLocations, topCategories);
    }
  }

  /** The summary line of a persona from its totals, in a base of {@code rows} customers. */
  public static Line line(String persona, String description, Counts counts, long rows) {
    long n = counts.customers();
    return new Line(persona, description, Math.toIntExact(n),
        rows == 0 ? 0 : round(100.0 * n / rows, 1),
        round(counts.amount().value(), 2),
        round(counts.spend().value() * n, 2),
        round(counts.purchasesPerYear().value(), 1),
        round(counts.rating().value(), 2),
        round(counts.age().value(), 1),
        shares(counts.ageBands(), TOP),
        shares(counts.genders(), Integer.MAX_VALUE),
        shares(counts.locations(), TOP),
        shares(counts.categories(), TOP));
  }

  /** The lines as a Tablesaw table, one column per {@link #COLUMNS} name. */
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

  /** {@code customers} holds the feature columns plus a "persona" column. */
  public static Table of(Table customers, PersonaRules rules) {
    return of(customers, rules, Set.of());
  }

  /**
   * The summary when the features in {@code unavailable} are not in the input: the description of a
   * persona whose rule needs one starts "unavailable: needs promo_used." (it has no customers).
   */
  public static Table of(Table customers, PersonaRules rules, Set<String> unavailable) {
    Map<String, List<String>> needs = rules.unavailable(unavailable);
    List<Persona> personas = rules.personas();
    Map<String, RowTotals> totals = new HashMap<>();
    for (Persona persona : personas) totals.put(persona.name(), new RowTotals());
    StringColumn assigned = customers.stringColumn("persona");
    // A log's customers have no rating, age, gender or location: those figures stay blank for them.
    NumericColumn<?> amount = numbers(customers, Field.PURCHASE_AMOUNT.key());
    NumericColumn<?> spend = customers.containsColumn("spend") ? numbers(customers, "spend") : amount;
    NumericColumn<?> perYear = numbers(customers, Features.PURCHASES_PER_YEAR);
    NumericColumn<?> rating = numbers(customers, Field.REVIEW_RATING.key());
    NumericColumn<?> age = numbers(customers, Field.AGE.key());
    StringColumn bands = texts(customers, Features.AGE_BAND);
    StringColumn genders = texts(customers, Field.GENDER.key());
    StringColumn locations = texts(customers, customers.containsColumn(Field.LOCATION.key()) ? Field.LOCATION.key() : "country");
    StringColumn categories = texts(customers, Field.CATEGORY.key());
    for (int i = 0; i < customers.rowCount(); i++) {
      RowTotals t = totals.get(assigned.get(i));
      if (t == null) continue;
      t.customers++;
      t.amount.add(amount, i);
      t.spend.add(spend, i);
      t.perYear.add(perYear, i);
      t.rating.add(rating, i);
      t.age.add(age, i);
      count(t.bands, bands, i);
      count(t.genders, genders, i);
      count(t.locations, locations, i);
      count(t.categories, categories, i);
    }
    List<Line> lines = new ArrayList<>();
    for (Persona persona : personas) {
      List<String> missing = needs.get(persona.name());
      String description = missing == null ? persona.description()
          : "unavailable: needs " + String.join(", ", missing) + ". " + persona.description();
      lines.add(line(persona.name(), description, totals.get(persona.name()).counts(), customers.rowCount()));
    }
    return table(lines);
  }

  /** A persona's totals gathered row by row, in row order. */
  private static final class RowTotals {
    long customers;
    final Sum amount = new Sum();
    final Sum spend = new Sum();
    final Sum perYear = new Sum();
    final Sum rating = new Sum();
    final Sum age = new Sum();
    final Map<String, Long> bands = new TreeMap<>();
    final Map<String, Long> genders = new TreeMap<>();
    final Map<String, Long> locations = new TreeMap<>();
    final Map<String, Long> categories = new TreeMap<>();

    Counts counts() {
      return new Counts(customers, amount.mean(), spend.mean(), perYear.mean(), rating.mean(), age.mean(), bands, genders,
          locations, categories);
    }
  }

  private static final class Sum {
    double sum;
    long count;

    void add(NumericColumn<?> column, int row) {
      double v = column.getDouble(row);
      if (!Double.isNaN(v)) {
        sum += v;
        count++;
      }
    }

    Mean mean() {
      return new Mean(sum, count);
    }
  }

  private static void count(Map<String, Long> counts, StringColumn column, int row) {
    String value = column.get(row);
    if (!value.isEmpty()) counts.merge(value, 1L, Long::sum);
  }

  private static NumericColumn<?> numbers(Table customers, String name) {
    if (customers.containsColumn(name)) return (NumericColumn<?>) customers.column(name);
    DoubleColumn none = DoubleColumn.create(name);
    for (int i = 0; i < customers.rowCount(); i++) none.appendMissing();
    return none;
  }

  private static StringColumn texts(Table customers, String name) {
    if (customers.containsColumn(name)) return customers.stringColumn(name);
    StringColumn blank = StringColumn.create(name, customers.rowCount());
    for (int i = 0; i < customers.rowCount(); i++) blank.set(i, "");
    return blank;
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

  /** Java's {@code Math.round(x * 10^places) / 10^places}; NaN stays NaN. */
  private static double round(double value, int places) {
    if (Double.isNaN(value)) return value;
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
