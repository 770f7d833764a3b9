package dev.customerlens.persona;

import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The persona summary's counts from any SQL engine: {@link #query} is one pass over a profiled
 * table with grouping sets (totals per persona; customers per persona, age band and category; per
 * persona and gender; per persona and location), and {@link #of} reads its rows back. The rows,
 * a few thousand at most, become {@link PersonaSummary.Counts} and then the summary's lines by
 * {@link PersonaSummary#line}, so SQL only counts and sums: no figure of the summary is written in
 * SQL. Spark and the benchmark's DuckDB both run this query.
 *
 * <p>Any profiled table will do, as {@link PersonaSummary#of} takes any: a column the table lacks
 * (a log's customers have no age, gender or rating) is missing for every row, its "spend" is what
 * the persona's customers spent, and its "country" stands in for a location.
 */
public final class PersonaCells {
  // The query's result columns, by position.
  private static final int PERSONA = 0;
  private static final int BAND = 1;
  private static final int CATEGORY = 2;
  private static final int GENDER = 3;
  private static final int LOCATION = 4;
  private static final int BAND_ROLLED_UP = 5;
  private static final int GENDER_ROLLED_UP = 6;
  private static final int LOCATION_ROLLED_UP = 7;
  private static final int CUSTOMERS = 8;

  private final List<Object[]> rows;

  private PersonaCells(List<Object[]> rows) {
    this.rows = rows;
  }

  /**
   * The counting query over {@code table}, which has the named {@code columns} (a "persona" among
   * them), with identifiers quoted by {@code quote} (a backtick for Spark, a double quote for DuckDB).
   */
  public static String query(String table, Set<String> columns, char quote) {
    String rating = or(columns, quote, "DOUBLE", Field.REVIEW_RATING.key());
    String perYear = or(columns, quote, "DOUBLE", Features.PURCHASES_PER_YEAR);
    String age = or(columns, quote, "DOUBLE", Field.AGE.key());
    String amount = or(columns, quote, "DOUBLE", Field.PURCHASE_AMOUNT.key());
    String values = "persona, " + or(columns, quote, "STRING", Features.AGE_BAND) + " AS band, "
        + or(columns, quote, "STRING", Field.CATEGORY.key()) + " AS category, "
        + or(columns, quote, "STRING", Field.GENDER.key()) + " AS gender, "
        + or(columns, quote, "STRING", Field.LOCATION.key(), "country") + " AS location, " + amount + " AS amount, "
        + or(columns, quote, "DOUBLE", "spend", Field.PURCHASE_AMOUNT.key()) + " AS spend, " + perYear + " AS per_year, "
        + rating + " AS rating, " + age + " AS age";
    return "SELECT persona, band, category, gender, location, grouping(band), grouping(gender), grouping(location), "
        + "count(1), sum(amount), sum(per_year), sum(rating), count(rating), sum(age), count(amount), sum(spend), "
        + "count(spend), count(per_year), count(age) FROM (SELECT " + values + " FROM " + table + ") cells "
        + "GROUP BY GROUPING SETS ((persona), (persona, band, category), (persona, gender), (persona, location))";
  }

  /** The first of {@code names} the table has, as {@code type}; a typed NULL when it has none. */
  private static String or(Set<String> columns, char quote, String type, String... names) {
    for (String name : names) if (columns.contains(name)) return "CAST(" + quote + name + quote + " AS " + type + ")";
    return "CAST(NULL AS " + type + ")";
  }

  /** The rows {@link #query} returned, each in its column order (numbers of any integer or floating type). */
  public static PersonaCells of(List<Object[]> rows) {
    return new PersonaCells(List.copyOf(rows));
  }

  /** The summary's lines: every persona of {@code rules} in rule order, with 0 customers where none were counted. */
  public List<PersonaSummary.Line> summary(PersonaRules rules) {
    List<PersonaSummary.Counts> counts = rules.personas().stream().map(p -> counts(p.name())).toList();
    long customers = counts.stream().mapToLong(PersonaSummary.Counts::customers).sum();
    List<PersonaSummary.Line> lines = new ArrayList<>();
    for (int p = 0; p < counts.size(); p++) {
      Persona persona = rules.personas().get(p);
      lines.add(PersonaSummary.line(persona.name(), persona.description(), counts.get(p), customers));
    }
    return lines;
  }

  /** Customers per (persona, age band, category): the category shift's counts. */
  public Map<List<String>, Long> byBandAndCategory() {
    Map<List<String>, Long> counts = new HashMap<>();
    for (Object[] row : rows) {
      if (!rolledUp(row, BAND_ROLLED_UP)) {
        counts.put(List.of((String) row[PERSONA], (String) row[BAND], (String) row[CATEGORY]), whole(row, CUSTOMERS));
      }
    }
    return counts;
  }

  /** A persona's totals, with its customers per age band, gender, location and category (blanks left out). */
  PersonaSummary.Counts counts(String persona) {
    Object[] total = null;
    Map<String, Long> bands = new TreeMap<>();
    Map<String, Long> genders = new TreeMap<>();
    Map<String, Long> locations = new TreeMap<>();
    Map<String, Long> categories = new TreeMap<>();
    for (Object[] row : rows) {
      if (!persona.equals(row[PERSONA])) continue;
      long n = whole(row, CUSTOMERS);
      if (!rolledUp(row, BAND_ROLLED_UP)) {
        count(bands, row[BAND], n);
        count(categories, row[CATEGORY], n);
      } else if (!rolledUp(row, GENDER_ROLLED_UP)) {
        count(genders, row[GENDER], n);
      } else if (!rolledUp(row, LOCATION_ROLLED_UP)) {
        count(locations, row[LOCATION], n);
      } else {
        total = row;
      }
    }
    if (total == null) return PersonaSummary.Counts.NONE;
    return new PersonaSummary.Counts(whole(total, CUSTOMERS), mean(total, 9, 14), mean(total, 15, 16),
        mean(total, 10, 17), mean(total, 11, 12), mean(total, 13, 18), bands, genders, locations, categories);
  }

  private static boolean rolledUp(Object[] row, int column) {
    return whole(row, column) != 0;
  }

  private static long whole(Object[] row, int column) {
    return ((Number) row[column]).longValue();
  }

  private static void count(Map<String, Long> counts, Object value, long n) {
    if (value != null && !((String) value).isEmpty()) counts.merge((String) value, n, Long::sum);
  }

  /** The values' sum and how many there were; a sum over none is null, and counts as 0. */
  private static PersonaSummary.Mean mean(Object[] total, int sum, int count) {
    return new PersonaSummary.Mean(total[sum] == null ? 0 : ((Number) total[sum]).doubleValue(), whole(total, count));
  }
}
