package dev.customerlens.persona;

import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One row per persona (rule order, fallback last, empty personas included with 0 customers):
 * how many, how much they spend, how often, how satisfied, and who they are.
 */
public final class PersonaSummary {
  private static final int TOP = 3;

  private PersonaSummary() {}

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
    StringColumn assigned = customers.stringColumn("persona");
    // A log's customers have no rating, age, gender or location: those figures stay blank for them.
    DoubleColumn amount = numbers(customers, Field.PURCHASE_AMOUNT.key());
    DoubleColumn perYear = numbers(customers, Features.PURCHASES_PER_YEAR);
    DoubleColumn rating = numbers(customers, Field.REVIEW_RATING.key());
    DoubleColumn age = numbers(customers, Field.AGE.key());
    StringColumn bands = texts(customers, Features.AGE_BAND);
    StringColumn genders = texts(customers, Field.GENDER.key());
    StringColumn locations = texts(customers, customers.containsColumn(Field.LOCATION.key()) ? Field.LOCATION.key() : "country");
    StringColumn categories = texts(customers, Field.CATEGORY.key());
    int total = customers.rowCount();

    Table out = Table.create("personas",
        StringColumn.create("persona"), StringColumn.create("description"), IntColumn.create("customers"),
        DoubleColumn.create("share_pct"), DoubleColumn.create("avg_amount"), DoubleColumn.create("total_amount"),
        DoubleColumn.create("avg_purchases_per_year"), DoubleColumn.create("avg_rating"), DoubleColumn.create("avg_age"),
        StringColumn.create("age_bands"), StringColumn.create("gender_split"),
        StringColumn.create("top_locations"), StringColumn.create("top_categories"));
    for (Persona persona : personas) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < total; i++) if (assigned.get(i).equals(persona.name())) rows.add(i);
      int n = rows.size();
      out.stringColumn("persona").append(persona.name());
      List<String> missing = needs.get(persona.name());
      out.stringColumn("description").append(missing == null ? persona.description()
          : "unavailable: needs " + String.join(", ", missing) + ". " + persona.description());
      out.intColumn("customers").append(n);
      out.doubleColumn("share_pct").append(total == 0 ? 0 : round(100.0 * n / total, 1));
      out.doubleColumn("avg_amount").append(round(mean(amount, rows), 2));
      out.doubleColumn("total_amount").append(round(total(customers, amount, rows), 2));
      out.doubleColumn("avg_purchases_per_year").append(round(mean(perYear, rows), 1));
      out.doubleColumn("avg_rating").append(round(mean(rating, rows), 2));
      out.doubleColumn("avg_age").append(round(mean(age, rows), 1));
      out.stringColumn("age_bands").append(shares(bands, rows, TOP));
      out.stringColumn("gender_split").append(shares(genders, rows, Integer.MAX_VALUE));
      out.stringColumn("top_locations").append(shares(locations, rows, TOP));
      out.stringColumn("top_categories").append(shares(categories, rows, TOP));
    }
    return out;
  }

  /**
   * The persona's total spend: a log's customers have their own spend; a customer table records one
   * order amount per customer, so there the total is the sum of those amounts.
   */
  private static double total(Table customers, DoubleColumn amount, List<Integer> rows) {
    DoubleColumn spend = customers.containsColumn("spend") ? customers.doubleColumn("spend") : amount;
    return mean(spend, rows) * rows.size();
  }

  private static DoubleColumn numbers(Table customers, String name) {
    if (!customers.containsColumn(name)) {
      DoubleColumn none = DoubleColumn.create(name);
      for (int i = 0; i < customers.rowCount(); i++) none.appendMissing();
      return none;
    }
    var column = customers.column(name);
    return column instanceof DoubleColumn d ? d : ((tech.tablesaw.api.NumericColumn<?>) column).asDoubleColumn();
  }

  private static StringColumn texts(Table customers, String name) {
    if (customers.containsColumn(name)) return customers.stringColumn(name);
    StringColumn blank = StringColumn.create(name, customers.rowCount());
    for (int i = 0; i < customers.rowCount(); i++) blank.set(i, "");
    return blank;
  }

  /** Mean over present values; NaN (shown as missing) when there are none. */
  private static double mean(DoubleColumn column, List<Integer> rows) {
    double sum = 0;
    int n = 0;
    for (int row : rows) {
      double v = column.getDouble(row);
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** "Clothing 45%, Accessories 30%, Footwear 15%": most common first, ties by name. */
  private static String shares(StringColumn column, List<Integer> rows, int limit) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    int present = 0;
    for (int row : rows) {
      String value = column.get(row);
      if (value.isEmpty()) continue;
      counts.merge(value, 1, Integer::sum);
      present++;
    }
    int known = present;
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.0f%%", 100.0 * e.getValue() / known))
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  private static double round(double value, int places) {
    if (Double.isNaN(value)) return value;
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
